import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { toSession } from '../../services/session-service.js';
import type { IssuedTokens } from '../../services/session-service.js';
import type { App, AppEnv } from '../app-env.js';
import { UserIdParam } from '../admin-schemas.js';
import {
  clearFlowCookie,
  IMPERSONATOR_COOKIE,
  readSessionCookies,
  setFlowCookie,
} from '../cookies.js';
import { SessionPayloadSchema } from '../schemas.js';
import { sessionExtras } from '../session-extras.js';
import {
  clearCookies,
  isSecureRequest,
  requireAuth,
  writeSessionCookies,
} from '../session-auth.js';
import { answer, orgErrors } from '../tenancy-schemas.js';

async function payload(c: Context<AppEnv>, tokens: IssuedTokens) {
  const rt = c.var.rt;
  const session = tokens.session;
  const [user, org, extras] = await Promise.all([
    rt.sessions.user(session.userId),
    rt.identity.activeOrg(session.userId, session.activeOrgId),
    sessionExtras(rt, session),
  ]);
  return { user, session: toSession(session, session.id), org, ...extras };
}

/** Impersonation: an admin opens a one-hour session as a user and returns to their own. */
export function registerImpersonationRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{userId}/impersonation',
      operationId: 'adminUsers.impersonate',
      tags: ['admin'],
      summary:
        'Sign in as the user for a limited time; tokens carry `act` naming the admin (platform admin)',
      request: { params: UserIdParam },
      responses: {
        200: answer('Cookies for the new session are set', SessionPayloadSchema),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const rt = c.var.rt;
      const { tokens } = await rt.admin.impersonation.start(
        auth.claims.sub,
        auth.session.id,
        c.req.valid('param').userId,
        c.var.ctx,
      );
      const own = readSessionCookies(c).refresh;
      if (own) {
        setFlowCookie(c, IMPERSONATOR_COOKIE, own, {
          basePath: rt.settings.basePath,
          secure: isSecureRequest(c),
          maxAge: rt.settings.impersonationTtlSeconds,
        });
      }
      writeSessionCookies(c, tokens);
      return c.json(await payload(c, tokens), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session/impersonation',
      operationId: 'sessions.stopImpersonating',
      tags: ['sessions'],
      summary: "Stop impersonating: the session ends and the admin's own session comes back",
      responses: {
        200: answer("The admin's session, or nulls", SessionPayloadSchema),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const rt = c.var.rt;
      await rt.admin.impersonation.stop(auth.session.id, c.var.ctx);
      const stashed = getCookie(c, IMPERSONATOR_COOKIE);
      clearFlowCookie(c, IMPERSONATOR_COOKIE, {
        basePath: rt.settings.basePath,
        secure: isSecureRequest(c),
      });
      const back = stashed ? await rt.sessions.refresh(stashed).catch(() => null) : null;
      if (!back) {
        clearCookies(c);
        return c.json({ user: null, session: null }, 200);
      }
      writeSessionCookies(c, back);
      return c.json(await payload(c, back), 200);
    },
  );
}
