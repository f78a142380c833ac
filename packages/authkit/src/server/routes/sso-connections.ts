import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { scopeToken } from '../oidc-settings.js';
import { OrgIdParam } from '../org-schemas.js';
import { EmailSchema, text } from '../schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';

const tags = ['sso'];
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });
const path = '/orgs/{orgId}/sso';

const SsoConnectionSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    hasClientSecret: z.boolean(),
    scopes: z.array(z.string()),
    defaultRole: z.string(),
    enabled: z.boolean(),
    required: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    redirectUri: z.string().openapi({ description: 'Register this redirect URI at the provider' }),
  })
  .openapi('SsoConnection');

const SsoConnectionBody = z
  .object({
    name: text(64, { min: 1 }).optional().openapi({ description: 'The button: "Continue with …"' }),
    // Its shape is checked after the caller's access (the service): outsiders learn nothing.
    issuer: text(512, { min: 1 }).openapi({ description: 'https, public; discovery names it' }),
    clientId: text(256, { min: 1 }),
    clientSecret: text(2048, { min: 1 })
      .nullable()
      .optional()
      .openapi({ description: 'Omit to keep the stored one; null for a public client (PKCE)' }),
    scopes: z
      .array(scopeToken)
      .min(1)
      .max(20)
      .refine((s) => s.includes('openid'), 'must include openid')
      .optional(),
    defaultRole: text(64, { min: 1 }).optional().openapi({ description: 'Given on first sign-in' }),
    enabled: z.boolean().optional(),
    required: z
      .boolean()
      .optional()
      .openapi({ description: "The org's verified domains sign in only here" }),
  })
  .strict();

const ClaimRuleSchema = z
  .object({
    claim: text(320, { min: 1 }).openapi({ description: 'A claim, or a dotted path (`a.b`)' }),
    value: text(256, { min: 1 }).openapi({
      description: 'Matches the claim equal to it, or an array claim holding it',
    }),
    roles: z
      .array(text(64, { min: 1 }))
      .max(20)
      .default([]),
    groups: z
      .array(text(64, { min: 1 }))
      .max(50)
      .default([]),
    labels: z
      .array(text(200, { min: 1 }))
      .max(50)
      .default([]),
  })
  .strict()
  .openapi('ClaimRule', {
    example: { claim: 'groups', value: 'engineering', roles: ['admin'], groups: [], labels: [] },
  });
const ClaimMappingSchema = z
  .object({ rules: z.array(ClaimRuleSchema).max(100), deprovision: z.boolean().default(false) })
  .strict()
  .openapi('ClaimMapping');
const PreviewBody = z
  .object({
    claims: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Claims as a provider sends them' }),
    mapping: ClaimMappingSchema.optional().openapi({
      description: 'Try these rules instead of the saved ones',
    }),
  })
  .strict();
const PreviewSchema = z
  .object({
    roles: z.array(z.string()),
    groups: z.array(z.string()),
    labels: z.array(z.string()),
    matched: z.array(z.number().int()),
    member: z.boolean(),
  })
  .openapi('ClaimMappingPreview');

const RouteBody = z.object({ email: EmailSchema }).strict();
const RouteSchema = z
  .object({
    connection: z.object({ id: z.string(), name: z.string(), required: z.boolean() }).nullable(),
  })
  .openapi('SsoRoute');

/** `/orgs/{orgId}/sso` (an org's own provider, owners only) and `/sso/route` (which one for an email). */
export function registerSsoConnectionRoutes(app: App): void {
  // The same URI `/sso/{id}/start` sends, so the admin registers exactly what is used.
  const redirectUri = (c: { var: { origin: string; rt: { settings: { basePath: string } } } }) =>
    new URL(`${c.var.rt.settings.basePath}/sso/callback`, c.var.origin).toString();

  app.openapi(
    route({
      method: 'post',
      path: '/sso/route',
      operationId: 'sso.route',
      summary: "The org provider for an email's verified domain, if an org connected one",
      request: { body: json(RouteBody) },
      responses: { 200: answer('Route', RouteSchema), ...orgErrors },
    }),
    async (c) => {
      const connection = await c.var.rt.sso.route(c.req.valid('json').email, c.var.ctx.ip);
      return c.json({ connection }, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path,
      operationId: 'ssoConnections.get',
      summary: "The org's sign-in provider, or null (sso:manage)",
      request: { params: OrgIdParam },
      responses: {
        200: answer(
          'Connection',
          z.object({ connection: SsoConnectionSchema.nullable() }).openapi('SsoConnectionAnswer'),
        ),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { connection } = await c.var.rt.ssoConnections.get(
        auth.claims.sub,
        c.req.valid('param').orgId,
      );
      return c.json(
        { connection: connection && { ...connection, redirectUri: redirectUri(c) } },
        200,
      );
    },
  );

  app.openapi(
    route({
      method: 'put',
      path,
      operationId: 'ssoConnections.put',
      summary:
        "Connect or change the org's OpenID provider (sso:manage); turning `required` on ends the sessions at the org's domains that did not come through it, except the caller's",
      request: { params: OrgIdParam, body: json(SsoConnectionBody) },
      responses: { 200: answer('Connection', SsoConnectionSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const saved = await c.var.rt.ssoConnections.put(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
        auth.claims.sid,
      );
      return c.json({ ...saved, redirectUri: redirectUri(c) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: `${path}/mapping`,
      operationId: 'ssoConnections.getMapping',
      summary: "The claim rules of the org's provider (sso:manage)",
      request: { params: OrgIdParam },
      responses: { 200: answer('Mapping', ClaimMappingSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const mapping = await c.var.rt.ssoConnections.mapping(
        auth.claims.sub,
        c.req.valid('param').orgId,
      );
      return c.json(mapping, 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: `${path}/mapping`,
      operationId: 'ssoConnections.setMapping',
      summary:
        "Replace the claim rules: the provider's claims to roles, groups and labels, applied at each sign-in (sso:manage)",
      request: { params: OrgIdParam, body: json(ClaimMappingSchema) },
      responses: { 200: answer('Mapping', ClaimMappingSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const mapping = await c.var.rt.ssoConnections.setMapping(
        auth.claims.sub,
        c.req.valid('param').orgId,
        c.req.valid('json'),
        c.var.ctx,
      );
      return c.json(mapping, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: `${path}/mapping/preview`,
      operationId: 'ssoConnections.previewMapping',
      summary: 'What a sign-in with these claims would be granted; writes nothing (sso:manage)',
      request: { params: OrgIdParam, body: json(PreviewBody) },
      responses: { 200: answer('Preview', PreviewSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { claims, mapping } = c.req.valid('json');
      const preview = await c.var.rt.ssoConnections.preview(
        auth.claims.sub,
        c.req.valid('param').orgId,
        claims,
        mapping,
      );
      return c.json(preview, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path,
      operationId: 'ssoConnections.delete',
      summary: "Disconnect the org's provider; its members keep their accounts (sso:manage)",
      request: { params: OrgIdParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.ssoConnections.delete(auth.claims.sub, c.req.valid('param').orgId, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
