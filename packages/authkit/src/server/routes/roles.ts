import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, list, noContent, orgErrors, RoleSchema } from '../tenancy-schemas.js';

const Permissions = z
  .array(text(100, { min: 1 }))
  .min(1, 'give at least one permission')
  .max(100);
const RoleParams = OrgIdParam.extend({
  name: text(40, { min: 1 }).openapi({ param: { name: 'name', in: 'path' } }),
});
const tags = ['roles'];

/** `/orgs/{orgId}/roles` (DESIGN §10): built-in roles, and custom ones without escalation. */
export function registerRoleRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/roles',
      operationId: 'roles.list',
      tags,
      summary: 'Built-in and custom roles with their permissions (org:read)',
      request: { params: OrgIdParam },
      responses: { 200: answer('Roles', list('roles', RoleSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(await c.var.rt.roles.list(auth.claims.sub, c.req.valid('param').orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/roles',
      operationId: 'roles.create',
      tags,
      summary: 'Create a custom role; only permissions you hold (roles:manage)',
      request: {
        params: OrgIdParam,
        body: json(
          z
            .object({
              name: text(40, { min: 1 }),
              description: text(500).optional(),
              permissions: Permissions,
            })
            .strict(),
        ),
      },
      responses: { 201: answer('Created', RoleSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const role = await c.var.rt.roles.create(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(role, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{orgId}/roles/{name}',
      operationId: 'roles.update',
      tags,
      summary: "Change a custom role's permissions or description (roles:manage)",
      request: {
        params: RoleParams,
        body: json(
          z
            .object({
              description: text(500).nullable().optional(),
              permissions: Permissions.optional(),
            })
            .strict(),
        ),
      },
      responses: { 200: answer('Updated', RoleSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, name } = c.req.valid('param');
      const role = await c.var.rt.roles.update(
        auth.claims.sub,
        orgId,
        name,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(role, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/roles/{name}',
      operationId: 'roles.delete',
      tags,
      summary: 'Delete a custom role nobody holds (roles:manage)',
      request: { params: RoleParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, name } = c.req.valid('param');
      await c.var.rt.roles.remove(auth.claims.sub, orgId, name, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
