import { createRoute, z } from '@hono/zod-openapi';
import { AuthkitError } from '../../domain/errors.js';
import type { App } from '../app-env.js';
import { readSessionCookies } from '../cookies.js';
import { safeRedirect } from '../../domain/redirect-target.js';
import { text } from '../schemas.js';
import { clearCookies, writeSessionCookies } from '../session-auth.js';

/**
 * The refresh cookie is scoped to the auth base path, so a page guard cannot read it. When a page's
 * access cookie has expired the guard bounces the browser here; we rotate and send it straight back.
 */
export function registerRefreshRoute(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/refresh',
      operationId: 'sessions.refreshAndRedirect',
      tags: ['sessions'],
      summary: 'Refresh from the cookie, then redirect back (for page guards)',
      request: {
        query: z.object({
          redirect_url: text(2048).optional().openapi({
            description: 'URL to return to: same origin, or a host in `allowedReturnHosts`',
          }),
        }),
      },
      responses: {
        302: {
          description: 'Back to redirect_url, or to the sign-in page when the session is gone',
        },
      },
    }),
    async (c) => {
      const { settings } = c.var.rt;
      const appOrigin = settings.baseUrl ? new URL(settings.baseUrl).origin : c.var.origin;
      const target = safeRedirect(
        c.req.valid('query').redirect_url,
        appOrigin,
        '/',
        settings.allowedReturnHosts,
      );
      c.header('cache-control', 'no-store');
      const { refresh } = readSessionCookies(c);
      try {
        if (!refresh) throw new AuthkitError('unauthenticated', 'no refresh cookie');
        writeSessionCookies(c, await c.var.rt.sessions.refresh(refresh));
        return c.redirect(target, 302);
      } catch (error) {
        if (!(error instanceof AuthkitError)) throw error;
        clearCookies(c);
        const signIn = new URL(settings.signInPath, appOrigin);
        signIn.searchParams.set('redirect_url', target);
        return c.redirect(signIn.toString(), 302);
      }
    },
  );
}
