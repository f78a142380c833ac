import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { CreateOrgBody, OrgIdParam, OrgSchema, PageQuery, UpdateOrgBody } from '../org-schemas.js';
import { problemResponses } from '../schemas.js';
import { requireAuth } from '../session-auth.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const OrgList = z
  .object({ orgs: z.array(OrgSchema), nextCursor: z.string().nullable() })
  .openapi('OrgList');
const notFound = { ...problemResponses[400], description: 'No such org, or not a member' };

/** `/orgs` and `/me/orgs` (DESIGN §3): create, list mine, read, update, delete. */
export function registerOrgRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs',
      operationId: 'orgs.create',
      tags: ['orgs'],
      summary: 'Create an org; the caller becomes its owner',
      request: { body: json(CreateOrgBody) },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: OrgSchema } } },
        409: { ...problemResponses[400], description: 'The slug is taken or reserved' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const org = await c.var.rt.orgs.create(auth.claims.sub, c.req.valid('json'), c.var.ctx);
      return c.json(org, 201);
    },
  );

  for (const path of ['/orgs', '/me/orgs'] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path,
        operationId: path === '/orgs' ? 'orgs.list' : 'me.orgs',
        tags: ['orgs'],
        summary: 'The orgs the caller belongs to, with their roles in each',
        request: { query: PageQuery },
        responses: {
          200: { description: 'My orgs', content: { 'application/json': { schema: OrgList } } },
          ...problemResponses,
        },
      }),
      async (c) => {
        c.header('cache-control', 'no-store');
        const auth = await requireAuth(c);
        const { cursor, limit } = c.req.valid('query');
        return c.json(await c.var.rt.orgs.listMine(auth.claims.sub, { cursor, limit }), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}',
      operationId: 'orgs.get',
      tags: ['orgs'],
      summary: 'Read an org you belong to',
      request: { params: OrgIdParam },
      responses: {
        200: { description: 'The org', content: { 'application/json': { schema: OrgSchema } } },
        404: notFound,
        ...problemResponses,
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const auth = await requireAuth(c);
      return c.json(await c.var.rt.orgs.get(auth.claims.sub, c.req.valid('param').orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{orgId}',
      operationId: 'orgs.update',
      tags: ['orgs'],
      summary: 'Update an org’s name, profile or settings (org:update)',
      request: { params: OrgIdParam, body: json(UpdateOrgBody) },
      responses: {
        200: { description: 'Updated', content: { 'application/json': { schema: OrgSchema } } },
        404: notFound,
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const body = c.req.valid('json');
      const patch = {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.profile === undefined ? {} : { profile: body.profile }),
        ...(body.settings === undefined ? {} : { settings: body.settings }),
      };
      const org = await c.var.rt.orgs.update(
        auth.claims.sub,
        c.req.valid('param').orgId,
        patch,
        c.var.ctx,
      );
      return c.json(org, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}',
      operationId: 'orgs.delete',
      tags: ['orgs'],
      summary: 'Delete an org (org:delete; soft: its slug stays reserved)',
      request: { params: OrgIdParam },
      responses: { 204: { description: 'Deleted' }, 404: notFound, ...problemResponses },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.orgs.remove(auth.claims.sub, c.req.valid('param').orgId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
