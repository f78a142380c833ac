import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { OrgIdParam, PageQuery } from '../org-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';
import {
  CreateWorkloadPolicyBody,
  UpdateWorkloadPolicyBody,
  WorkloadPolicyListSchema,
  WorkloadPolicyParams,
  WorkloadPolicySchema,
} from '../workload-schemas.js';

const tags = ['workload'];
const base = '/orgs/{orgId}/workload-policies';
const one = `${base}/{policyId}`;
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });

/** `/orgs/{orgId}/workload-policies`: which CI and cloud workloads may act for the org. */
export function registerWorkloadPolicyRoutes(app: App): void {
  app.openapi(
    route({
      method: 'get',
      path: base,
      operationId: 'workloadPolicies.list',
      summary: "The org's workload trust policies (workload:manage)",
      request: { params: OrgIdParam, query: PageQuery },
      responses: { 200: answer('Policies', WorkloadPolicyListSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId } = c.req.valid('param');
      const page = await c.var.rt.workload.policies.list(
        auth.claims.sub,
        orgId,
        c.req.valid('query'),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: base,
      operationId: 'workloadPolicies.create',
      summary:
        'Trust tokens from an issuer whose audience, subject and claims match, for these roles and scopes (workload:manage)',
      request: { params: OrgIdParam, body: json(CreateWorkloadPolicyBody) },
      responses: { 201: answer('Created', WorkloadPolicySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const policy = await c.var.rt.workload.policies.create(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(policy, 201);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: one,
      operationId: 'workloadPolicies.get',
      summary: 'One trust policy (workload:manage)',
      request: { params: WorkloadPolicyParams },
      responses: { 200: answer('Policy', WorkloadPolicySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, policyId } = c.req.valid('param');
      return c.json(await c.var.rt.workload.policies.get(auth.claims.sub, orgId, policyId), 200);
    },
  );

  app.openapi(
    route({
      method: 'patch',
      path: one,
      operationId: 'workloadPolicies.update',
      summary: 'Change, enable or disable a trust policy; its issuer stays (workload:manage)',
      request: { params: WorkloadPolicyParams, body: json(UpdateWorkloadPolicyBody) },
      responses: { 200: answer('Policy', WorkloadPolicySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, policyId } = c.req.valid('param');
      const policy = await c.var.rt.workload.policies.update(
        auth.claims.sub,
        orgId,
        policyId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(policy, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: one,
      operationId: 'workloadPolicies.delete',
      summary: 'Stop trusting a workload (workload:manage)',
      request: { params: WorkloadPolicyParams },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId, policyId } = c.req.valid('param');
      await c.var.rt.workload.policies.delete(auth.claims.sub, orgId, policyId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
