import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import {
  answer,
  json,
  LabelList,
  LimitsSchema,
  noContent,
  orgErrors,
  OrgEntitlementsSchema,
  withId,
} from '../tenancy-schemas.js';

const Labels = z.object({ labels: z.array(z.string()) });
const OverrideParams = withId('userId');

/** `/orgs/{orgId}/labels` and `/orgs/{orgId}/entitlements` (DESIGN §3, §10). */
export function registerLabelRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/labels',
      operationId: 'labels.get',
      tags: ['labels'],
      summary: "An org's labels (org:read)",
      request: { params: OrgIdParam },
      responses: { 200: answer('Labels', Labels), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(
        await c.var.rt.labels.getLabels(auth.claims.sub, c.req.valid('param').orgId),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/orgs/{orgId}/labels',
      operationId: 'labels.set',
      tags: ['labels'],
      summary: "Replace an org's labels, `key:value` each (labels:manage)",
      request: { params: OrgIdParam, body: json(z.object({ labels: LabelList }).strict()) },
      responses: { 200: answer('Labels', Labels), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const result = await c.var.rt.labels.setLabels(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json').labels,
        c.var.ctx,
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/entitlements',
      operationId: 'entitlements.get',
      tags: ['entitlements'],
      summary: "The org's plan, its features and limits, and per-user overrides (org:read)",
      request: { params: OrgIdParam },
      responses: { 200: answer('Entitlements', OrgEntitlementsSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const result = await c.var.rt.labels.getEntitlements(
        auth.claims.sub,
        c.req.valid('param').orgId,
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/orgs/{orgId}/entitlements/overrides/{userId}',
      operationId: 'entitlements.setOverride',
      tags: ['entitlements'],
      summary: "Set a member's feature and limit overrides (entitlements:manage)",
      request: {
        params: OverrideParams,
        body: json(
          z
            .object({
              features: z
                .array(text(101, { min: 1 }))
                .max(50)
                .optional(),
              limits: LimitsSchema.optional(),
            })
            .strict(),
        ),
      },
      responses: { 200: answer('Entitlements', OrgEntitlementsSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, userId } = c.req.valid('param');
      const result = await c.var.rt.labels.setOverride(
        auth.claims.sub,
        orgId,
        userId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/entitlements/overrides/{userId}',
      operationId: 'entitlements.removeOverride',
      tags: ['entitlements'],
      summary: "Remove a member's overrides (entitlements:manage)",
      request: { params: OverrideParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, userId } = c.req.valid('param');
      await c.var.rt.labels.removeOverride(auth.claims.sub, orgId, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
