import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';

const tags = ['directory'];
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });
const path = '/orgs/{orgId}/directory';
const count = z.number().int();

const StatsSchema = z
  .object({
    usersSeen: count,
    usersCreated: count,
    usersLinked: count,
    membersAdded: count,
    membersRemoved: count,
    usersSkipped: count,
    skipped: z.record(z.string(), count).openapi({
      description:
        'Skipped users by reason: inactive, no_email, outside_domains, unverified_account, operator, duplicate_email, linked_elsewhere, member_limit',
    }),
    groupsSeen: count,
    groupsCreated: count,
    groupsUpdated: count,
    groupsDeleted: count,
    groupConflicts: count,
    groupMembersAdded: count,
    groupMembersRemoved: count,
  })
  .openapi('DirectorySyncStats');

const RunSchema = z
  .object({
    status: z.enum(['running', 'succeeded', 'failed']),
    trigger: z.enum(['schedule', 'manual']).nullable(),
    startedAt: z.string().nullable().openapi({ format: 'date-time' }),
    finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    stats: StatsSchema.nullable(),
  })
  .openapi('DirectorySyncRun');

const ConnectionSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    provider: z.enum(['authentik', 'keycloak']),
    baseUrl: z.string(),
    realm: z.string().nullable(),
    clientId: z.string().nullable(),
    defaultRole: z.string(),
    intervalMinutes: z.number().int().nullable(),
    deprovision: z.boolean(),
    enabled: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    nextRunAt: z.string().nullable().openapi({ format: 'date-time' }),
    lastRun: RunSchema.nullable(),
  })
  .openapi('DirectoryConnection');

const ConnectionBody = z
  .object({
    provider: z.enum(['authentik', 'keycloak']),
    // Its shape is checked after the caller's access (the service): outsiders learn nothing.
    baseUrl: text(512, { min: 1 }).openapi({ description: 'The origin; https, public' }),
    realm: text(100, { min: 1 }).nullable().optional().openapi({ description: 'Keycloak only' }),
    clientId: text(256, { min: 1 })
      .nullable()
      .optional()
      .openapi({ description: 'Keycloak only: a confidential client with view-users' }),
    credential: text(4096, { min: 1 }).optional().openapi({
      description: "Authentik's API token or Keycloak's client secret; omit to keep the stored one",
    }),
    defaultRole: text(64, { min: 1 }).optional().openapi({ description: 'Given on joining' }),
    intervalMinutes: z
      .number()
      .int()
      .min(15)
      .max(10_080)
      .nullable()
      .optional()
      .openapi({ description: 'Minutes between scheduled runs; null: on demand only' }),
    deprovision: z.boolean().optional().openapi({
      description: 'Users the directory drops or disables leave the org (never owners)',
    }),
    enabled: z.boolean().optional(),
  })
  .strict();

/** `/orgs/{orgId}/directory`: an org's Authentik or Keycloak, synced into its members and groups. */
export function registerDirectoryRoutes(app: App): void {
  app.openapi(
    route({
      method: 'get',
      path,
      operationId: 'directory.get',
      summary: "The org's directory and its last sync, or null (directory:manage)",
      request: { params: OrgIdParam },
      responses: {
        200: answer(
          'Directory',
          z.object({ connection: ConnectionSchema.nullable() }).openapi('DirectoryAnswer'),
        ),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const found = await c.var.rt.directory.connections.get(
        auth.claims.sub,
        c.req.valid('param').orgId,
      );
      return c.json(found, 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path,
      operationId: 'directory.put',
      summary: "Connect or change the org's directory (directory:manage)",
      request: { params: OrgIdParam, body: json(ConnectionBody) },
      responses: { 200: answer('Directory', ConnectionSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const saved = await c.var.rt.directory.connections.put(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(saved, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: `${path}/sync`,
      operationId: 'directory.sync',
      summary:
        'Sync now and answer when the run ends; 409 sync_in_progress while one runs, 502 when the directory cannot be read (directory:manage)',
      request: { params: OrgIdParam },
      responses: { 200: answer('Directory after the run', ConnectionSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const after = await c.var.rt.directory.sync.syncNow(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.var.ctx,
      );
      return c.json(after, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path,
      operationId: 'directory.delete',
      summary:
        "Disconnect the org's directory; members, accounts and mirrored groups stay (directory:manage)",
      request: { params: OrgIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.directory.connections.delete(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.var.ctx,
      );
      return c.body(null, 204);
    },
  );
}
