import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, PageQuery } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import {
  answer,
  GroupMemberSchema,
  GroupSchema,
  json,
  LabelList,
  list,
  noContent,
  orgErrors,
  RoleName,
  RoleNames,
  withId,
} from '../tenancy-schemas.js';

const GroupFields = {
  description: text(500).nullable().optional(),
  parentId: text(64, { min: 1 }).nullable().optional(),
  labels: LabelList.optional(),
  roles: RoleNames.optional(),
};
const GroupParams = withId('groupId');
const GroupMemberParams = GroupParams.extend({ userId: withId('userId').shape.userId });
const tags = ['groups'];

/** `/orgs/{orgId}/groups` (DESIGN §3): departments and teams, nested, with members. */
export function registerGroupRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/groups',
      operationId: 'groups.list',
      tags,
      summary: "An org's groups (org:read)",
      request: { params: OrgIdParam, query: PageQuery },
      responses: { 200: answer('Groups', list('groups', GroupSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.groups.list(
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
      path: '/orgs/{orgId}/groups',
      operationId: 'groups.create',
      tags,
      summary: 'Create a group (groups:manage)',
      request: {
        params: OrgIdParam,
        body: json(z.object({ name: text(100, { min: 1 }), ...GroupFields }).strict()),
      },
      responses: { 201: answer('Created', GroupSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const group = await c.var.rt.groups.create(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(group, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/groups/{groupId}',
      operationId: 'groups.get',
      tags,
      summary: 'A group (org:read)',
      request: { params: GroupParams },
      responses: { 200: answer('The group', GroupSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId } = c.req.valid('param');
      return c.json(await c.var.rt.groups.get(auth.claims.sub, orgId, groupId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{orgId}/groups/{groupId}',
      operationId: 'groups.update',
      tags,
      summary: 'Rename, move or relabel a group (groups:manage)',
      request: {
        params: GroupParams,
        body: json(z.object({ name: text(100, { min: 1 }).optional(), ...GroupFields }).strict()),
      },
      responses: { 200: answer('Updated', GroupSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId } = c.req.valid('param');
      const group = await c.var.rt.groups.update(
        auth.claims.sub,
        orgId,
        groupId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(group, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/groups/{groupId}',
      operationId: 'groups.delete',
      tags,
      summary: 'Delete a group; its children move up (groups:manage)',
      request: { params: GroupParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId } = c.req.valid('param');
      await c.var.rt.groups.remove(auth.claims.sub, orgId, groupId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/groups/{groupId}/members',
      operationId: 'groups.listMembers',
      tags,
      summary: "A group's members and their role in it (members:read)",
      request: { params: GroupParams, query: PageQuery },
      responses: { 200: answer('Members', list('members', GroupMemberSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId } = c.req.valid('param');
      const page = await c.var.rt.groups.listMembers(
        auth.claims.sub,
        orgId,
        groupId,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/orgs/{orgId}/groups/{groupId}/members/{userId}',
      operationId: 'groups.setMember',
      tags,
      summary: 'Put a member in a group, or change their role in it (groups:manage)',
      request: {
        params: GroupMemberParams,
        body: json(z.object({ role: RoleName.nullable().optional() }).strict()),
      },
      responses: { 200: answer('In the group', GroupMemberSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId, userId } = c.req.valid('param');
      const member = await c.var.rt.groups.setMember(
        auth.claims.sub,
        orgId,
        groupId,
        userId,
        c.req.valid('json').role ?? null,
        c.var.ctx,
      );
      return c.json(member, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/groups/{groupId}/members/{userId}',
      operationId: 'groups.removeMember',
      tags,
      summary: 'Take a member out of a group (groups:manage)',
      request: { params: GroupMemberParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, groupId, userId } = c.req.valid('param');
      await c.var.rt.groups.removeMember(auth.claims.sub, orgId, groupId, userId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
