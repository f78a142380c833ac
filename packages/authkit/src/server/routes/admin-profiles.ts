import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { UserIdParam } from '../admin-schemas.js';
import { ProfileSchema, UpdateProfileBody, imageBody, uploadErrors } from '../profile-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';
import { readBytes, uploadLimit } from './profile.js';

const tags = ['admin'];
const profilePath = '/admin/users/{userId}/profile';
const avatarPath = '/admin/users/{userId}/avatar';
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });

/** A user's profile as a platform admin reads and edits it: the `/me/profile` rules, audited. */
export function registerAdminProfileRoutes(app: App): void {
  app.openapi(
    route({
      method: 'get',
      path: profilePath,
      operationId: 'adminUsers.getProfile',
      summary: "A user's profile: locale, time zone, avatar and custom fields (platform role)",
      request: { params: UserIdParam },
      responses: { 200: answer('Profile', ProfileSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const { userId } = c.req.valid('param');
      return c.json(await c.var.rt.admin.profiles.get(auth.claims.sub, userId), 200);
    },
  );

  app.openapi(
    route({
      method: 'patch',
      path: profilePath,
      operationId: 'adminUsers.updateProfile',
      summary: "Change a user's name, locale, time zone or custom fields (platform admin)",
      request: { params: UserIdParam, body: json(UpdateProfileBody) },
      responses: { 200: answer('Profile', ProfileSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      const profile = await c.var.rt.admin.profiles.update(
        auth.claims.sub,
        userId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(profile, 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: avatarPath,
      operationId: 'adminUsers.uploadAvatar',
      summary: "Replace a user's avatar with the raw request body (platform admin)",
      middleware: [uploadLimit('avatarMaxBytes')] as const,
      request: { params: UserIdParam, body: imageBody('2 MiB and 4096×4096 pixels by default') },
      responses: {
        200: answer('Profile, with the new avatarUrl', ProfileSchema),
        ...orgErrors,
        ...uploadErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      const profile = await c.var.rt.admin.profiles.setAvatar(
        auth.claims.sub,
        userId,
        () => readBytes(c),
        c.var.ctx,
      );
      return c.json(profile, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: avatarPath,
      operationId: 'adminUsers.deleteAvatar',
      summary: "Remove a user's avatar (platform admin)",
      request: { params: UserIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { userId } = c.req.valid('param');
      await c.var.rt.admin.profiles.removeAvatar(auth.claims.sub, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
