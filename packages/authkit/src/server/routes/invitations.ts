import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, OrgSchema, PageQuery } from '../org-schemas.js';
import { EmailSchema, text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import {
  answer,
  CreatedInviteLinkSchema,
  Ids,
  InvitationPreviewSchema,
  InvitationSchema,
  InviteLinkSchema,
  json,
  list,
  MyInvitationSchema,
  noContent,
  orgErrors,
  RoleNames,
  tokenErrors,
  withId,
} from '../tenancy-schemas.js';

const tags = ['invitations'];
const InvitationParams = withId('invitationId');
const LinkParams = withId('linkId');
const TokenParam = z.object({
  token: text(128, { min: 16 }).openapi({ param: { name: 'token', in: 'path' } }),
});
const MyInvitationParams = z.object({
  invitationId: text(64, { min: 1 }).openapi({ param: { name: 'invitationId', in: 'path' } }),
});
const FutureTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** Email invitations, invite links, acceptance by token, and the caller's own invitations. */
export function registerInvitationRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/invitations',
      operationId: 'invitations.list',
      tags,
      summary: "An org's email invitations, newest first (invitations:manage)",
      request: {
        params: OrgIdParam,
        query: PageQuery.extend({
          status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional(),
        }),
      },
      responses: {
        200: answer('Invitations', list('invitations', InvitationSchema)),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.invitations.list(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/invitations',
      operationId: 'invitations.create',
      tags,
      summary: 'Invite by email with roles and groups preset (invitations:manage)',
      request: {
        params: OrgIdParam,
        body: json(
          z
            .object({
              email: EmailSchema,
              roles: RoleNames.min(1).optional(),
              groups: Ids.optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: answer('Invited', InvitationSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const invitation = await c.var.rt.invitations.create(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(invitation, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/invitations/{invitationId}/resend',
      operationId: 'invitations.resend',
      tags,
      summary: 'Send again with a new token and expiry (invitations:manage)',
      request: { params: InvitationParams },
      responses: { 200: answer('Resent', InvitationSchema), ...tokenErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, invitationId } = c.req.valid('param');
      const invitation = await c.var.rt.invitations.resend(
        auth.claims.sub,
        orgId,
        invitationId,
        c.var.ctx,
      );
      return c.json(invitation, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/invitations/{invitationId}',
      operationId: 'invitations.revoke',
      tags,
      summary: 'Revoke a pending invitation (invitations:manage)',
      request: { params: InvitationParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, invitationId } = c.req.valid('param');
      await c.var.rt.invitations.revoke(auth.claims.sub, orgId, invitationId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/invite-links',
      operationId: 'invitations.listLinks',
      tags,
      summary: "An org's shareable invite links (invitations:manage)",
      request: { params: OrgIdParam, query: PageQuery },
      responses: { 200: answer('Links', list('inviteLinks', InviteLinkSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.invitations.listLinks(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/invite-links',
      operationId: 'invitations.createLink',
      tags,
      summary: 'Create a multi-use link; its token and URL appear only here (invitations:manage)',
      request: {
        params: OrgIdParam,
        body: json(
          z
            .object({
              roles: RoleNames.min(1).optional(),
              maxUses: z.number().int().min(1).max(100_000).nullable().optional(),
              expiresAt: FutureTime.nullable().optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: answer('Created', CreatedInviteLinkSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const link = await c.var.rt.invitations.createLink(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(link, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/invite-links/{linkId}',
      operationId: 'invitations.revokeLink',
      tags,
      summary: 'Revoke an invite link (invitations:manage)',
      request: { params: LinkParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, linkId } = c.req.valid('param');
      await c.var.rt.invitations.revokeLink(auth.claims.sub, orgId, linkId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/invitations/{token}',
      operationId: 'invitations.preview',
      tags,
      summary: 'What an invitation or link grants (the token is the capability)',
      request: { params: TokenParam },
      responses: { 200: answer('The invitation', InvitationPreviewSchema), ...tokenErrors },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      return c.json(await c.var.rt.invitations.preview(c.req.valid('param').token), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}/accept',
      operationId: 'invitations.accept',
      tags,
      summary: 'Accept as the signed-in user; an email invitation must match your address',
      request: { params: TokenParam },
      responses: { 200: answer('Joined', OrgSchema), ...tokenErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const org = await c.var.rt.invitations.accept(
        auth.claims.sub,
        c.req.valid('param').token,
        c.var.ctx,
      );
      return c.json(org, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/invitations',
      operationId: 'invitations.listMine',
      tags,
      summary: 'Pending invitations to your verified email address',
      responses: {
        200: answer('Invitations', z.object({ invitations: z.array(MyInvitationSchema) })),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      return c.json(await c.var.rt.invitations.listMine(auth.claims.sub), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/invitations/{invitationId}/accept',
      operationId: 'invitations.acceptMine',
      tags,
      summary: 'Accept an invitation to your verified address',
      request: { params: MyInvitationParams },
      responses: { 200: answer('Joined', OrgSchema), ...tokenErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const org = await c.var.rt.invitations.acceptMine(
        auth.claims.sub,
        c.req.valid('param').invitationId,
        c.var.ctx,
      );
      return c.json(org, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me/invitations/{invitationId}',
      operationId: 'invitations.declineMine',
      tags,
      summary: 'Decline an invitation to your verified address',
      request: { params: MyInvitationParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.invitations.declineMine(
        auth.claims.sub,
        c.req.valid('param').invitationId,
        c.var.ctx,
      );
      return c.body(null, 204);
    },
  );
}
