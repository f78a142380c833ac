import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, OrgSchema } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, orgErrors } from '../tenancy-schemas.js';

const AdminOrgSchema = OrgSchema.omit({ roles: true })
  .extend({
    memberCount: z.number().int(),
    owner: z.union([
      z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
      z.null(),
    ]),
  })
  .openapi('AdminOrg');

const AdminOrgListQuery = z.object({
  q: text(200, { min: 1 })
    .optional()
    .openapi({ description: 'Name or slug substring (case-insensitive), or an exact org id' }),
  status: z.enum(['active', 'deleted', 'all']).default('active'),
  plan: text(64, { min: 1 }).optional(),
  cursor: text(64).optional().openapi({ description: 'The `nextCursor` of the page before' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** `/admin/orgs`: every org of the platform; changes go through `/orgs/{orgId}/…` at platform scope. */
export function registerAdminOrgRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/orgs',
      operationId: 'adminOrgs.list',
      tags: ['admin'],
      summary: 'Search every org, with member counts and owners (platform role)',
      request: { query: AdminOrgListQuery },
      responses: {
        200: answer(
          'Orgs',
          z.object({ orgs: z.array(AdminOrgSchema), nextCursor: z.string().nullable() }),
        ),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const { cursor, limit, ...filter } = c.req.valid('query');
      return c.json(
        await c.var.rt.admin.orgs.search(auth.claims.sub, filter, { cursor, limit }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/orgs/{orgId}',
      operationId: 'adminOrgs.get',
      tags: ['admin'],
      summary: 'One org, whatever its status, with its owner and member count (platform role)',
      request: { params: OrgIdParam },
      responses: { 200: answer('Org', AdminOrgSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      return c.json(
        await c.var.rt.admin.orgs.get(auth.claims.sub, c.req.valid('param').orgId),
        200,
      );
    },
  );
}
