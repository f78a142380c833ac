import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, PageQuery } from '../org-schemas.js';
import { text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import {
  answer,
  DomainMode,
  json,
  list,
  MembershipRequestSchema,
  noContent,
  orgErrors,
  OrgDomainSchema,
  OrgSuggestionSchema,
  withId,
} from '../tenancy-schemas.js';

const DomainParams = withId('domainId');
const RequestParams = withId('requestId');

/** Verified domains, suggestions and membership requests. */
export function registerDomainRoutes(app: App): void {
  const tags = ['domains'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/domains',
      operationId: 'domains.list',
      tags,
      summary: "An org's domains and their TXT records (domains:manage)",
      request: { params: OrgIdParam },
      responses: { 200: answer('Domains', list('domains', OrgDomainSchema)), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      return c.json(await c.var.rt.domains.list(auth.claims.sub, c.req.valid('param').orgId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/domains',
      operationId: 'domains.add',
      tags,
      summary: 'Claim a domain; publish the TXT record it answers, then verify (domains:manage)',
      request: {
        params: OrgIdParam,
        body: json(
          z.object({ domain: text(253, { min: 1 }), mode: DomainMode.optional() }).strict(),
        ),
      },
      responses: { 201: answer('Added', OrgDomainSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const domain = await c.var.rt.domains.add(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(domain, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{orgId}/domains/{domainId}/verify',
      operationId: 'domains.verify',
      tags,
      summary: 'Look the TXT record up now (domains:manage)',
      request: { params: DomainParams },
      responses: { 200: answer('Verified', OrgDomainSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, domainId } = c.req.valid('param');
      return c.json(
        await c.var.rt.domains.verify(auth.claims.sub, orgId, domainId, c.var.ctx, auth.claims.sid),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{orgId}/domains/{domainId}',
      operationId: 'domains.update',
      tags,
      summary: 'Auto-join or suggest (domains:manage)',
      request: { params: DomainParams, body: json(z.object({ mode: DomainMode }).strict()) },
      responses: { 200: answer('Updated', OrgDomainSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, domainId } = c.req.valid('param');
      const domain = await c.var.rt.domains.update(
        auth.claims.sub,
        orgId,
        domainId,
        c.req.valid('json').mode,
        c.var.ctx,
      );
      return c.json(domain, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/orgs/{orgId}/domains/{domainId}',
      operationId: 'domains.remove',
      tags,
      summary: 'Remove a domain (domains:manage)',
      request: { params: DomainParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, domainId } = c.req.valid('param');
      await c.var.rt.domains.remove(auth.claims.sub, orgId, domainId, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/org-suggestions',
      operationId: 'domains.suggestions',
      tags,
      summary: 'Orgs whose verified domain matches your verified email',
      responses: {
        200: answer('Suggestions', z.object({ suggestions: z.array(OrgSuggestionSchema) })),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      return c.json(await c.var.rt.domains.suggestions(auth.claims.sub), 200);
    },
  );

  const requestTags = ['membership-requests'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/membership-requests',
      operationId: 'membershipRequests.request',
      tags: requestTags,
      summary: 'Ask to join an org suggested by its verified domain',
      request: { body: json(z.object({ orgId: text(64, { min: 1 }) }).strict()) },
      responses: { 201: answer('Requested', MembershipRequestSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const request = await c.var.rt.domains.request(
        auth.claims.sub,
        c.req.valid('json').orgId,
        c.var.ctx,
      );
      return c.json(request, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/membership-requests',
      operationId: 'membershipRequests.list',
      tags: requestTags,
      summary: 'Requests to join, newest first (members:manage)',
      request: {
        params: OrgIdParam,
        query: PageQuery.extend({ status: z.enum(['pending', 'accepted', 'rejected']).optional() }),
      },
      responses: {
        200: answer('Requests', list('membershipRequests', MembershipRequestSchema)),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const page = await c.var.rt.domains.listRequests(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  for (const [verb, decision] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/orgs/{orgId}/membership-requests/{requestId}/${verb}`,
        operationId: `membershipRequests.${verb}`,
        tags: requestTags,
        summary: `${verb === 'accept' ? 'Accept' : 'Reject'} a request to join (members:manage)`,
        request: { params: RequestParams },
        responses: { 200: answer('Decided', MembershipRequestSchema), ...orgErrors },
      }),
      async (c) => {
        const auth = await requireAuth(c);
        const { orgId, requestId } = c.req.valid('param');
        const request = await c.var.rt.domains.decide(
          auth.claims.sub,
          orgId,
          requestId,
          decision,
          c.var.ctx,
        );
        return c.json(request, 200);
      },
    );
  }
}
