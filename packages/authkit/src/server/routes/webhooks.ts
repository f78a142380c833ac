import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { WebhookOwner } from '../../ports/webhook-store.js';
import type { App, AppEnv } from '../app-env.js';
import { OrgIdParam } from '../org-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, list, noContent, orgErrors } from '../tenancy-schemas.js';
import {
  AdminDeliveryParams,
  AdminWebhookParams,
  CreateWebhookBody,
  DeliveryDetailSchema,
  DeliveryListQuery,
  DeliverySchema,
  OrgDeliveryParams,
  OrgWebhookParams,
  ReplayBody,
  RotateSecretBody,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookSchema,
  WebhookWithSecretSchema,
} from '../webhook-schemas.js';

interface Scope {
  base: string;
  op: 'webhooks' | 'adminWebhooks';
  who: string;
  params: typeof OrgIdParam | undefined;
  item: typeof OrgWebhookParams | typeof AdminWebhookParams;
  delivery: typeof OrgDeliveryParams | typeof AdminDeliveryParams;
  owner(c: Context<AppEnv>): WebhookOwner;
}

const SCOPES: Scope[] = [
  {
    base: '/orgs/{orgId}/webhooks',
    op: 'webhooks',
    who: "the org's (webhooks:manage)",
    params: OrgIdParam,
    item: OrgWebhookParams,
    delivery: OrgDeliveryParams,
    owner: (c) => c.req.param('orgId') ?? '',
  },
  {
    base: '/admin/webhooks',
    op: 'adminWebhooks',
    who: 'platform (admin; support may read)',
    params: undefined,
    item: AdminWebhookParams,
    delivery: AdminDeliveryParams,
    owner: () => null,
  },
];

const tags = ['webhooks'];
const webhookId = (c: Context<AppEnv>) => c.req.param('webhookId') ?? '';
const deliveryId = (c: Context<AppEnv>) => c.req.param('deliveryId') ?? '';

/** `/orgs/{orgId}/webhooks` and `/admin/webhooks`: endpoints, deliveries, retries and replays. */
export function registerWebhookRoutes(app: App): void {
  for (const scope of SCOPES) registerFor(app, scope);
}

function registerFor(app: App, s: Scope): void {
  const params = s.params ? { params: s.params } : {};
  const item = `${s.base}/{webhookId}`;
  const deliveries = `${item}/deliveries`;

  app.openapi(
    createRoute({
      method: 'get',
      path: s.base,
      operationId: `${s.op}.list`,
      tags,
      summary: `List ${s.who} webhook endpoints`,
      request: { ...params, query: WebhookListQuery },
      responses: { 200: answer('Endpoints', list('webhooks', WebhookSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(
        await c.var.rt.webhooks.list(s.owner(c), auth.claims.sub, c.req.valid('query')),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: s.base,
      operationId: `${s.op}.create`,
      tags,
      summary: `Register one of ${s.who} endpoints; its signing secret is in this answer only`,
      request: { ...params, body: json(CreateWebhookBody) },
      responses: { 201: answer('Registered', WebhookWithSecretSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const created = await c.var.rt.webhooks.create(
        s.owner(c),
        auth.claims.sub,
        c.req.valid('json'),
        c.var.ctx,
      );
      c.header('cache-control', 'no-store');
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: item,
      operationId: `${s.op}.get`,
      tags,
      summary: `One of ${s.who} endpoints`,
      request: { params: s.item },
      responses: { 200: answer('The endpoint', WebhookSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(await c.var.rt.webhooks.get(s.owner(c), auth.claims.sub, webhookId(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: item,
      operationId: `${s.op}.update`,
      tags,
      summary: 'Change the URL, description, events, ordering, or enable/disable an endpoint',
      request: { params: s.item, body: json(UpdateWebhookBody) },
      responses: { 200: answer('Updated', WebhookSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const updated = await c.var.rt.webhooks.update(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(updated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: item,
      operationId: `${s.op}.delete`,
      tags,
      summary: 'Delete an endpoint and its delivery history',
      request: { params: s.item },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.webhooks.delete(s.owner(c), auth.claims.sub, webhookId(c), c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${item}/rotate-secret`,
      operationId: `${s.op}.rotateSecret`,
      tags,
      summary: 'New signing secret; the old one signs too (a second signature) during the overlap',
      request: { params: s.item, body: { ...json(RotateSecretBody), required: false } },
      responses: { 200: answer('Rotated', WebhookWithSecretSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const body = c.req.valid('json') as { overlapSeconds?: number } | undefined;
      const rotated = await c.var.rt.webhooks.rotateSecret(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        body?.overlapSeconds,
        c.var.ctx,
      );
      c.header('cache-control', 'no-store');
      return c.json(rotated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${item}/test`,
      operationId: `${s.op}.test`,
      tags,
      summary: 'Queue a `webhook.test` ping for this endpoint alone',
      request: { params: s.item },
      responses: { 202: answer('Queued', DeliverySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(await c.var.rt.webhooks.test(s.owner(c), auth.claims.sub, webhookId(c)), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: deliveries,
      operationId: `${s.op}.deliveries`,
      tags,
      summary: "An endpoint's deliveries, newest first",
      request: { params: s.item, query: DeliveryListQuery },
      responses: { 200: answer('Deliveries', list('deliveries', DeliverySchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.webhooks.deliveries(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${deliveries}/{deliveryId}`,
      operationId: `${s.op}.delivery`,
      tags,
      summary: 'One delivery with every attempt (status, duration, response excerpt)',
      request: { params: s.delivery },
      responses: { 200: answer('The delivery', DeliveryDetailSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const detail = await c.var.rt.webhooks.delivery(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        deliveryId(c),
      );
      return c.json(detail, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${deliveries}/{deliveryId}/retry`,
      operationId: `${s.op}.retry`,
      tags,
      summary: 'Send one delivery again now (a dead one restarts its retry schedule)',
      request: { params: s.delivery },
      responses: { 202: answer('Queued', DeliverySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const queued = await c.var.rt.webhooks.retry(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        deliveryId(c),
      );
      return c.json(queued, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${item}/replay`,
      operationId: `${s.op}.replay`,
      tags,
      summary: 'Replay a time range: dead deliveries (`failed`) or every event again (`all`)',
      request: { params: s.item, body: json(ReplayBody) },
      responses: {
        202: answer('Queued', z.object({ queued: z.number().int() })),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const body = c.req.valid('json');
      const result = await c.var.rt.webhooks.replay(
        s.owner(c),
        auth.claims.sub,
        webhookId(c),
        {
          since: new Date(body.since),
          ...(body.until ? { until: new Date(body.until) } : {}),
          ...(body.mode ? { mode: body.mode } : {}),
        },
        c.var.ctx,
      );
      return c.json(result, 202);
    },
  );
}
