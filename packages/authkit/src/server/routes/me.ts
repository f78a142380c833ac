import { createRoute, z } from '@hono/zod-openapi';
import { AuthkitError } from '../../domain/errors.js';
import { toSession } from '../../services/session-service.js';
import type { App } from '../app-env.js';
import { SessionPayloadSchema, text } from '../schemas.js';
import { requireAuth, writeSessionCookies } from '../session-auth.js';
import { answer, EffectiveIdentitySchema, json, orgErrors } from '../tenancy-schemas.js';

const notMember = () => new AuthkitError('not_found', 'no such org', { field: 'orgId' });

/** The caller's effective identity, and switching the session's active org. */
export function registerMeRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/effective',
      operationId: 'me.effective',
      tags: ['me'],
      summary: 'Your merged labels, roles, permissions, groups, plan and entitlements in an org',
      description:
        '`org` defaults to the active org; `org=none` gives your identity outside any org.',
      request: { query: z.object({ org: text(64, { min: 1 }).optional() }) },
      responses: { 200: answer('Effective identity', EffectiveIdentitySchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      const wanted = c.req.valid('query').org;
      const orgId = wanted === 'none' ? null : (wanted ?? auth.session.activeOrgId);
      const resolved = await c.var.rt.identity.effective(auth.claims.sub, orgId);
      if (!resolved) throw notMember();
      return c.json(resolved.identity, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/active-org',
      operationId: 'sessions.setActiveOrg',
      tags: ['sessions'],
      summary: "Switch the active org; the access token is re-minted with that org's claims",
      request: {
        body: json(z.object({ orgId: text(64, { min: 1 }).nullable() }).strict()),
      },
      responses: {
        200: answer('New cookies are set', SessionPayloadSchema),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { orgId } = c.req.valid('json');
      const rt = c.var.rt;
      if (orgId !== null && !(await rt.identity.effective(auth.claims.sub, orgId))) {
        throw notMember();
      }
      // An org that requires MFA takes only sessions that proved a second factor.
      const target = orgId === null ? null : await rt.store.orgs.scoped(orgId).get();
      if (target?.settings.requireMfa === true && !auth.session.amr.includes('mfa')) {
        throw new AuthkitError('mfa_required', 'this organisation requires a second factor', {
          field: 'orgId',
        });
      }
      const tokens = await rt.sessions.switchOrg(auth.session.id, orgId);
      writeSessionCookies(c, tokens);
      const user = await rt.sessions.user(auth.claims.sub);
      const org = await rt.identity.activeOrg(auth.claims.sub, orgId);
      return c.json({ user, session: toSession(tokens.session, tokens.session.id), org }, 200);
    },
  );
}
