import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { runBulk } from '../../services/admin-bulk.js';
import type { App } from '../app-env.js';
import {
  AdminUserDetailSchema,
  AdminUserEditBody,
  AdminUserListQuery,
  AdminUserListSchema,
  AdminUserSchema,
  BanBody,
  BulkBody,
  BulkResultSchema,
  PlatformRolesBody,
  SignedOutCountSchema,
  UserIdParam,
} from '../admin-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';
import { normalizeEmail } from '../../domain/email.js';

const tags = ['admin'];
const base = '/admin/users';
const one = `${base}/{userId}`;

/** An `/admin/users` route: the summary says which platform role it needs. */
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });

/** `/admin/users`: search, detail and every change a platform admin makes to an account. */
export function registerAdminUserRoutes(app: App): void {
  app.openapi(
    route({
      method: 'get',
      path: base,
      operationId: 'adminUsers.list',
      summary: 'Search users with filters, sorted, in keyset pages (platform role)',
      request: { query: AdminUserListQuery },
      responses: { 200: answer('Users', AdminUserListSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const { sort, cursor, limit, email, ...filter } = c.req.valid('query');
      const page = await c.var.rt.admin.users.search(
        auth.claims.sub,
        { ...filter, email: email === undefined ? undefined : normalizeEmail(email) },
        { sort, cursor, limit },
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: one,
      operationId: 'adminUsers.get',
      summary:
        "A user's profile, roles, orgs, sessions, keys, second factors and activity (platform role)",
      request: { params: UserIdParam },
      responses: { 200: answer('User', AdminUserDetailSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const detail = await c.var.rt.admin.users.detail(
        auth.claims.sub,
        c.req.valid('param').userId,
      );
      return c.json(detail, 200);
    },
  );

  app.openapi(
    route({
      method: 'patch',
      path: one,
      operationId: 'adminUsers.update',
      summary: "Edit a user's name and labels (platform admin)",
      request: { params: UserIdParam, body: json(AdminUserEditBody) },
      responses: { 200: answer('User', AdminUserSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const user = await c.var.rt.admin.users.update(
        auth.claims.sub,
        c.req.valid('param').userId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(user, 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: `${one}/platform-roles`,
      operationId: 'adminUsers.setPlatformRoles',
      summary: "Replace a user's platform roles (platform admin; the last admin keeps the role)",
      request: { params: UserIdParam, body: json(PlatformRolesBody) },
      responses: { 200: answer('User', AdminUserSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      const user = await c.var.rt.admin.users.setPlatformRoles(
        auth.claims.sub,
        userId,
        c.req.valid('json').roles,
      );
      return c.json(user, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: `${one}/ban`,
      operationId: 'adminUsers.ban',
      summary: 'Ban a user, with a reason and optional expiry; every session ends (platform admin)',
      request: { params: UserIdParam, body: json(BanBody) },
      responses: { 200: answer('User', AdminUserSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const body = c.req.valid('json');
      const user = await c.var.rt.admin.users.ban(
        auth.claims.sub,
        c.req.valid('param').userId,
        { reason: body.reason ?? null, expiresAt: body.expiresAt ?? null },
        c.var.ctx,
      );
      return c.json(user, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: `${one}/ban`,
      operationId: 'adminUsers.unban',
      summary: 'Lift a ban (platform admin)',
      request: { params: UserIdParam },
      responses: { 200: answer('User', AdminUserSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      return c.json(await c.var.rt.admin.users.unban(auth.claims.sub, userId, c.var.ctx), 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: `${one}/sessions`,
      operationId: 'adminUsers.signOutEverywhere',
      summary: 'End every session of a user (platform admin)',
      request: { params: UserIdParam },
      responses: { 200: answer('Sessions ended', SignedOutCountSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      const n = await c.var.rt.admin.users.signOutEverywhere(auth.claims.sub, userId, c.var.ctx);
      return c.json({ sessions: n }, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: `${one}/password-reset`,
      operationId: 'adminUsers.sendPasswordReset',
      summary: 'Email the user a password-reset link (platform admin)',
      request: { params: UserIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      await c.var.rt.admin.users.sendPasswordReset(auth.claims.sub, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: `${one}/mfa`,
      operationId: 'adminUsers.resetMfa',
      summary: "Remove a user's authenticator app, recovery codes and passkeys (platform admin)",
      request: { params: UserIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      await c.var.rt.admin.users.resetMfa(auth.claims.sub, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: one,
      operationId: 'adminUsers.delete',
      summary: 'Delete a user and everything that is theirs (platform admin; not an org owner)',
      request: { params: UserIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      await c.var.rt.admin.users.delete(auth.claims.sub, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: `${base}/bulk`,
      operationId: 'adminUsers.bulk',
      summary:
        'Ban, unban, label, sign out or delete up to 100 users; one result each (platform admin)',
      request: { body: json(BulkBody) },
      responses: { 200: answer('Results', BulkResultSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const rt = c.var.rt;
      const results = await runBulk(
        rt.admin.users,
        rt.store,
        (id) => rt.sessions.platformRoles(id),
        auth.claims.sub,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json({ results }, 200);
    },
  );
}
