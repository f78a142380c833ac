import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, PageQuery } from '../org-schemas.js';
import { problemResponses, text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { Ids, RoleNames } from '../tenancy-schemas.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

// Built-in or custom role names; the service refuses unknown ones with `unknown_role`.
const RoleList = RoleNames.min(1, 'give at least one role');
const LabelList = z.array(text(200, { min: 1 })).max(50);

const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    roles: z.array(z.string()),
    groups: z.array(z.string()),
    labelsDelta: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Member');

const MemberParams = OrgIdParam.extend({
  userId: text(64, { min: 1 }).openapi({ param: { name: 'userId', in: 'path' } }),
});

const notFound = { ...problemResponses[400], description: 'No such org or member' };
const conflict = { ...problemResponses[400], description: 'Already a member, or the last owner' };

/** `/orgs/{orgId}/members` (DESIGN §3): list, add, change roles and labels, remove, leave. */
export function registerMemberRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/members',
      operationId: 'orgs.listMembers',
      tags: ['members'],
      summary: "An org's members with their roles (members:read)",
      request: { params: OrgIdParam, query: PageQuery },
      responses: {
        200: {
          description: 'Members',
          content: {
            'application/json': {
              schema: z.object({
                members: z.array(MemberSchema),
                nextCursor: z.string().nullable(),
              }),
            },
          },
        },
        404: notFound,
        ...problemResponses,
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const auth = await requireAuth(c);
      const { cursor, limit } = c.req.valid('query');
      const page = await c.var.rt.members.list(auth.claims.sub, c.req.valid('param').orgId, {
        cursor,
        limit,
      });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/members',
      operationId: 'memberships.add',
      tags: ['members'],
      summary: 'Add an existing user by id (members:manage; the owner role needs org:transfer)',
      request: {
        params: OrgIdParam,
        body: json(
          z
            .object({
              userId: text(64, { min: 1 }).openapi({ example: 'usr_1234' }),
              roles: RoleList,
              groups: Ids.optional(),
            })
            .strict(),
        ),
      },
      responses: {
        201: { description: 'Added', content: { 'application/json': { schema: MemberSchema } } },
        404: notFound,
        409: conflict,
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const member = await c.var.rt.members.add(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(member, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{orgId}/members/{userId}',
      operationId: 'memberships.update',
      tags: ['members'],
      summary: "Change a member's roles or labels delta (members:manage)",
      request: {
        params: MemberParams,
        body: json(
          z
            .object({
              roles: RoleList.optional(),
              labelsDelta: LabelList.optional(),
              groups: Ids.optional(),
            })
            .strict()
            .refine((b) => Object.keys(b).length > 0, {
              message: 'send roles, groups or labelsDelta',
            }),
        ),
      },
      responses: {
        200: { description: 'Updated', content: { 'application/json': { schema: MemberSchema } } },
        404: notFound,
        409: conflict,
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, userId } = c.req.valid('param');
      const body = c.req.valid('json');
      const member = await c.var.rt.members.update(
        auth.claims.sub,
        orgId,
        userId,
        { roles: body.roles, labelsDelta: body.labelsDelta, groups: body.groups },
        c.var.ctx,
      );
      return c.json(member, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/members/{userId}',
      operationId: 'memberships.remove',
      tags: ['members'],
      summary: 'Remove a member (members:manage), or leave (your own user id)',
      request: { params: MemberParams },
      responses: {
        204: { description: 'Removed' },
        404: notFound,
        409: conflict,
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, userId } = c.req.valid('param');
      await c.var.rt.members.remove(auth.claims.sub, orgId, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
