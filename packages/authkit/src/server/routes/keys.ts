import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { KeyOwner } from '../../domain/api-keys.js';
import type { App, AppEnv } from '../app-env.js';
import {
  ApiKeySchema,
  IssuedApiKeySchema,
  IssueKeyBody,
  KeyListQuery,
  MyKeyParams,
  OrgKeyParams,
  RerollBody,
  RevokeQuery,
  ScopeOptionSchema,
  UpdateKeyBody,
} from '../key-schemas.js';
import { OrgIdParam } from '../org-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, list, noContent, orgErrors } from '../tenancy-schemas.js';

interface KeyScope {
  /** `/me/keys` or `/orgs/{orgId}/keys`. */
  base: string;
  /** operationId prefix. */
  op: 'myKeys' | 'orgKeys';
  who: string;
  params: typeof OrgIdParam | undefined;
  itemParams: typeof MyKeyParams | typeof OrgKeyParams;
  owner(c: Context<AppEnv>, userId: string): KeyOwner;
}

const SCOPES: KeyScope[] = [
  {
    base: '/me/keys',
    op: 'myKeys',
    who: 'your own',
    params: undefined,
    itemParams: MyKeyParams,
    owner: (_c, userId) => ({ type: 'user', userId }),
  },
  {
    base: '/orgs/{orgId}/keys',
    op: 'orgKeys',
    who: "the org's (keys:manage)",
    params: OrgIdParam,
    itemParams: OrgKeyParams,
    owner: (c) => ({ type: 'org', orgId: c.req.param('orgId') ?? '' }),
  },
];

const tags = ['keys'];
const DEFAULT_GRACE_SECONDS = 3600;
const keyId = (c: Context<AppEnv>) => c.req.param('keyId') ?? '';

/** `/me/keys` and `/orgs/{orgId}/keys` (DESIGN §3): one set of operations for either owner. */
export function registerKeyRoutes(app: App): void {
  for (const scope of SCOPES) registerFor(app, scope);
}

function registerFor(app: App, s: KeyScope): void {
  const params = s.params ? { params: s.params } : {};
  const item = `${s.base}/{keyId}`;

  app.openapi(
    createRoute({
      method: 'get',
      path: s.base,
      operationId: `${s.op}.list`,
      tags,
      summary: `List ${s.who} API keys`,
      request: { ...params, query: KeyListQuery },
      responses: { 200: answer('Keys', list('keys', ApiKeySchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.keys.list(
        s.owner(c, auth.claims.sub),
        auth.claims.sub,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${s.base}/scopes`,
      operationId: `${s.op}.scopes`,
      tags,
      summary: `Scopes ${s.who} keys may carry, marked with whether you hold each`,
      request: { ...params },
      responses: {
        200: answer('Scopes', z.object({ scopes: z.array(ScopeOptionSchema) })),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const options = await c.var.rt.keys.scopes(s.owner(c, auth.claims.sub), auth.claims.sub);
      return c.json(
        {
          scopes: options.map(({ name, description, source, held }) => ({
            name,
            description,
            source,
            held,
          })),
        },
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
      summary: `Issue one of ${s.who} API keys; the secret is in this answer only`,
      request: { ...params, body: json(IssueKeyBody) },
      responses: { 201: answer('Issued', IssuedApiKeySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const key = await c.var.rt.keys.issue(
        s.owner(c, auth.claims.sub),
        auth.claims.sub,
        c.req.valid('json'),
        c.var.ctx,
      );
      c.header('cache-control', 'no-store');
      return c.json(key, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: item,
      operationId: `${s.op}.get`,
      tags,
      summary: `One of ${s.who} API keys`,
      request: { params: s.itemParams },
      responses: { 200: answer('The key', ApiKeySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const key = await c.var.rt.keys.get(s.owner(c, auth.claims.sub), auth.claims.sub, keyId(c));
      return c.json(key, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: item,
      operationId: `${s.op}.update`,
      tags,
      summary: 'Rename, relabel, or narrow the scopes of a key (scopes never widen)',
      request: { params: s.itemParams, body: json(UpdateKeyBody) },
      responses: { 200: answer('Updated', ApiKeySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const key = await c.var.rt.keys.update(
        s.owner(c, auth.claims.sub),
        auth.claims.sub,
        keyId(c),
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(key, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: item,
      operationId: `${s.op}.revoke`,
      tags,
      summary:
        'Revoke a key (it stays listed, with the reason); tokens it was exchanged for stop too',
      request: { params: s.itemParams, query: RevokeQuery },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.keys.revoke(
        s.owner(c, auth.claims.sub),
        auth.claims.sub,
        keyId(c),
        c.req.valid('query').reason ?? null,
        c.var.ctx,
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${item}/reroll`,
      operationId: `${s.op}.reroll`,
      tags,
      summary: 'New secret, same settings; the old secret works for the grace period',
      request: {
        params: s.itemParams,
        body: { ...json(RerollBody), required: false },
      },
      responses: { 200: answer('Rerolled', IssuedApiKeySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      // The body is optional: without one, the default grace period applies.
      const grace = (c.req.valid('json') as { gracePeriodSeconds?: number } | undefined)
        ?.gracePeriodSeconds;
      const key = await c.var.rt.keys.reroll(
        s.owner(c, auth.claims.sub),
        auth.claims.sub,
        keyId(c),
        grace ?? DEFAULT_GRACE_SECONDS,
        c.var.ctx,
      );
      c.header('cache-control', 'no-store');
      return c.json(key, 200);
    },
  );
}
