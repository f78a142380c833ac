import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AuthkitError } from '../../domain/errors.js';
import { tooLarge } from '../../services/image-upload.js';
import type { App, AppEnv } from '../app-env.js';
import { OrgIdParam, OrgSchema } from '../org-schemas.js';
import { problemResponse } from '../problem.js';
import {
  FileIdParam,
  IMAGE_TYPES,
  ProfileSchema,
  UpdateProfileBody,
  fileErrors,
  imageBody,
  servedFile,
  uploadErrors,
} from '../profile-schemas.js';
import { problemResponses } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';

type UploadLimit = 'avatarMaxBytes' | 'logoMaxBytes';

/**
 * The upload routes, which read their own (larger) body limit instead of the 16 KiB every other
 * route has: `app.ts` skips its limit for these.
 */
export function isUploadRequest(c: Context): boolean {
  return (
    c.req.method === 'PUT' &&
    /\/(?:me\/avatar|orgs\/[^/]+\/logo|admin\/users\/[^/]+\/avatar)$/.test(c.req.path)
  );
}

/** Refuses a body over the configured limit with 413 `file_too_large`, before it is buffered. */
export const uploadLimit =
  (key: UploadLimit): MiddlewareHandler<AppEnv> =>
  (c, next) => {
    const maxSize = c.var.rt.settings.uploads[key];
    const refuse = () => problemResponse(tooLarge(`the file is larger than ${maxSize} bytes`));
    return bodyLimit({ maxSize, onError: refuse })(c, next);
  };

export const readBytes = async (c: Context<AppEnv>) => new Uint8Array(await c.req.arrayBuffer());

const tags = ['profile'];
const ALLOWED = new Set<string>(IMAGE_TYPES);

/** `/me/profile`, `/me/avatar`, `/orgs/{orgId}/logo` and `/files/{fileId}`. */
export function registerProfileRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/profile',
      operationId: 'profile.get',
      tags,
      summary: 'Your profile: name, email, locale, time zone, avatar and custom fields',
      responses: { 200: answer('Your profile', ProfileSchema), ...problemResponses },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      return c.json(await c.var.rt.profiles.profiles.get(auth.claims.sub), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/me/profile',
      operationId: 'profile.update',
      tags,
      summary: 'Change your name, locale, time zone or custom fields; null clears one',
      request: { body: json(UpdateProfileBody) },
      responses: { 200: answer('Your profile', ProfileSchema), ...problemResponses },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const me = auth.claims.sub;
      const profile = await c.var.rt.profiles.profiles.update(
        me,
        me,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(profile, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/me/avatar',
      operationId: 'profile.uploadAvatar',
      tags,
      summary: 'Upload your avatar as the raw request body (PNG, JPEG or WebP)',
      middleware: [uploadLimit('avatarMaxBytes')] as const,
      request: { body: imageBody('2 MiB and 4096×4096 pixels by default') },
      responses: {
        200: answer('Your profile, with the new avatarUrl', ProfileSchema),
        ...problemResponses,
        ...uploadErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const me = auth.claims.sub;
      const bytes = await readBytes(c);
      return c.json(await c.var.rt.profiles.profiles.setAvatar(me, me, bytes, c.var.ctx), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me/avatar',
      operationId: 'profile.deleteAvatar',
      tags,
      summary: 'Remove your avatar',
      responses: { ...noContent, ...problemResponses },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.profiles.profiles.removeAvatar(auth.claims.sub, auth.claims.sub, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/orgs/{orgId}/logo',
      operationId: 'orgs.uploadLogo',
      tags: ['orgs'],
      summary: "Upload the org's logo as the raw request body; sets profile.logoUrl (org:update)",
      middleware: [uploadLimit('logoMaxBytes')] as const,
      request: { params: OrgIdParam, body: imageBody('2 MiB and 4096×4096 pixels by default') },
      responses: { 200: answer('The org', OrgSchema), ...orgErrors, ...uploadErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId } = c.req.valid('param');
      const logos = c.var.rt.profiles.orgLogos;
      // The membership check runs before the body is read, inside `set`.
      const org = await logos.set(auth.claims.sub, orgId, () => readBytes(c), c.var.ctx);
      return c.json(org, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/logo',
      operationId: 'orgs.deleteLogo',
      tags: ['orgs'],
      summary: "Remove the org's logo (org:update)",
      request: { params: OrgIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId } = c.req.valid('param');
      await c.var.rt.profiles.orgLogos.remove(auth.claims.sub, orgId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/files/{fileId}',
      operationId: 'files.get',
      tags: ['files'],
      summary: 'An uploaded avatar or logo; public, since avatars show in member lists',
      request: { params: FileIdParam },
      responses: { 200: servedFile, ...fileErrors },
    }),
    async (c) => {
      const file = await c.var.rt.profiles.storage.get(c.req.valid('param').fileId);
      if (!file) throw new AuthkitError('not_found', 'no such file', { field: 'fileId' });
      const etag = `"${file.sha256}"`;
      const headers = new Headers({
        // An app's own StoragePort might hand back anything; only our three types are trusted.
        'content-type': ALLOWED.has(file.contentType)
          ? file.contentType
          : 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        // Opened directly, the file can run nothing and reach nothing.
        'content-security-policy': "default-src 'none'; sandbox",
        // Ids are random and files never change: a new upload is a new URL.
        'cache-control': 'public, max-age=31536000, immutable',
        'content-disposition': 'inline',
        etag,
      });
      if (c.req.header('if-none-match') === etag) {
        return new Response(null, { status: 304, headers }) as never;
      }
      headers.set('content-length', String(file.bytes.byteLength));
      return new Response(file.bytes as BodyInit, { status: 200, headers }) as never;
    },
  );
}
