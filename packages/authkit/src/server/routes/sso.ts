import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { AuthkitError } from '../../domain/errors.js';
import { safeRedirect } from '../../domain/redirect-target.js';
import { randomToken } from '../../tokens/opaque-token.js';
import type { App, AppEnv } from '../app-env.js';
import { clearFlowCookie, readSessionCookies, SSO_COOKIE, setFlowCookie } from '../cookies.js';
import { authenticate, clearCookies, isSecureRequest, requireAuth } from '../session-auth.js';
import { firstFactorAnswer } from '../sign-in-answers.js';
import { ProblemSchema, text } from '../schemas.js';
import { answer, json, noContent, orgErrors } from '../tenancy-schemas.js';

const tags = ['sso'];
const route = <R extends RouteConfig>(config: R) => createRoute({ tags, ...config });

/** How long the browser-binding cookie lives: the provider has this long to send it back. */
const FLOW_SECONDS = 600;

const ConnectionParam = z.object({
  connectionId: text(64, { min: 1 }).openapi({ param: { name: 'connectionId', in: 'path' } }),
});
const IdentityParam = z.object({
  identityId: text(64, { min: 1 }).openapi({ param: { name: 'identityId', in: 'path' } }),
});
const ReturnTo = text(2048).optional().openapi({
  description: 'Where to go afterwards: a path or URL on the app origin (others fall back to `/`)',
});
const ProvidersSchema = z
  .object({ providers: z.array(z.object({ id: z.string(), name: z.string() })) })
  .openapi('SsoProviders');
const IdentitySchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    provider: z.string(),
    issuer: z.string(),
    email: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Identity');
const redirect = (description: string) => ({ 302: { description } });
const providerDown = {
  502: {
    description: 'The provider did not answer in time (`idp_unavailable`)',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};

const appOrigin = (c: Context<AppEnv>) =>
  c.var.rt.settings.baseUrl ? new URL(c.var.rt.settings.baseUrl).origin : c.var.origin;
const callbackUri = (c: Context<AppEnv>) =>
  new URL(`${c.var.rt.settings.basePath}/sso/callback`, c.var.origin).toString();
const flowCookie = (c: Context<AppEnv>) => ({
  basePath: c.var.rt.settings.basePath,
  secure: isSecureRequest(c),
});

/** A fresh browser binding for one flow: random, HttpOnly, sent back only to our base path. */
function bindBrowser(c: Context<AppEnv>): string {
  const binding = randomToken();
  setFlowCookie(c, SSO_COOKIE, binding, { ...flowCookie(c), maxAge: FLOW_SECONDS });
  return binding;
}

/** Back to the app's sign-in page, saying why (`?error=<code>`): the callback is a navigation. */
function toSignIn(c: Context<AppEnv>, code: string) {
  const page = new URL(c.var.rt.settings.signInPath, appOrigin(c));
  page.searchParams.set('error', code);
  return c.redirect(page.toString(), 302);
}

/** `/sso/*` and `/me/identities`: sign-in through upstream OpenID providers, linked identities. */
export function registerSsoRoutes(app: App): void {
  app.openapi(
    route({
      method: 'get',
      path: '/sso/providers',
      operationId: 'sso.providers',
      summary: 'The upstream providers this instance offers for sign-in',
      responses: { 200: answer('Providers', ProvidersSchema) },
    }),
    (c) => c.json({ providers: c.var.rt.sso.providers() }, 200),
  );

  app.openapi(
    route({
      method: 'get',
      path: '/sso/{connectionId}/start',
      operationId: 'sso.start',
      summary: 'Start a sign-in at the provider: redirects there (state, nonce and PKCE kept here)',
      request: {
        params: ConnectionParam,
        query: z.object({ returnTo: ReturnTo, loginHint: text(254).optional() }),
      },
      responses: { ...redirect('To the provider'), ...orgErrors, ...providerDown },
    }),
    async (c) => {
      const { connectionId } = c.req.valid('param');
      const { returnTo, loginHint } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      const url = await c.var.rt.sso.start(connectionId, {
        redirectUri: callbackUri(c),
        returnTo: safeRedirect(returnTo, appOrigin(c), '/'),
        binding: bindBrowser(c),
        loginHint,
        ip: c.var.ctx.ip,
      });
      return c.redirect(url, 302);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/sso/callback',
      operationId: 'sso.callback',
      summary: "The provider's redirect back: signs in (or links), then to the return URL",
      request: {
        query: z.object({
          state: text(512).optional(),
          code: text(2048).optional(),
          error: text(256).optional(),
          iss: text(512).optional(),
        }),
      },
      responses: redirect('To the return URL, or to the sign-in page with `?error=<code>`'),
    }),
    async (c) => {
      const rt = c.var.rt;
      c.header('cache-control', 'no-store');
      const binding = getCookie(c, SSO_COOKIE);
      clearFlowCookie(c, SSO_COOKIE, flowCookie(c));
      try {
        const signedIn = await authenticate(c);
        const outcome = await rt.sso.callback(
          new URL(c.req.url),
          {
            redirectUri: callbackUri(c),
            binding,
            signedInUserId: signedIn?.claims.sub ?? null,
          },
          c.var.ctx,
        );
        if (outcome.linked) return c.redirect(outcome.returnTo, 302);
        const first = await rt.account.secondFactor.afterFirstFactor(
          outcome.user,
          ['fed'],
          c.var.ctx,
          {
            action: 'user.signed_in',
            data: { via: 'sso', connectionId: outcome.connectionId },
          },
          outcome.connectionId,
        );
        if (first.kind === 'session') await rt.domains.autoJoin(outcome.user.id, c.var.ctx);
        const done = await firstFactorAnswer(c, first);
        if ('user' in done) return c.redirect(outcome.returnTo, 302);
        // A second factor is due: the sign-in page finishes it (the pending cookie is set).
        const page = new URL(rt.settings.signInPath, appOrigin(c));
        page.searchParams.set('mfa', 'required');
        page.searchParams.set('redirect_url', outcome.returnTo);
        return c.redirect(page.toString(), 302);
      } catch (error) {
        if (error instanceof AuthkitError) return toSignIn(c, error.code);
        throw error;
      }
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/sso/{connectionId}/logout',
      operationId: 'sso.logout',
      summary: 'Sign out here, then at the provider too (RP-initiated logout) when it offers that',
      request: { params: ConnectionParam, query: z.object({ returnTo: ReturnTo }) },
      responses: { ...redirect("To the provider's logout, or straight to the return URL") },
    }),
    async (c) => {
      const rt = c.var.rt;
      const { connectionId } = c.req.valid('param');
      const target = safeRedirect(c.req.valid('query').returnTo, appOrigin(c), '/');
      c.header('cache-control', 'no-store');
      const auth = await authenticate(c);
      const { refresh } = readSessionCookies(c);
      const session =
        auth?.session ?? (refresh ? await rt.sessions.sessionOfRefreshToken(refresh) : null);
      if (session && !session.revokedAt)
        await rt.auth.signOut(session.userId, session.id, c.var.ctx);
      clearCookies(c);
      try {
        return c.redirect((await rt.sso.logoutUrl(connectionId, target)) ?? target, 302);
      } catch (error) {
        // Signed out here either way; a provider that cannot be reached is not worth an error page.
        if (error instanceof AuthkitError) return c.redirect(target, 302);
        throw error;
      }
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/me/identities',
      operationId: 'identities.list',
      summary: 'Your identities at upstream providers',
      responses: {
        200: answer('Identities', z.object({ identities: z.array(IdentitySchema) })),
        ...orgErrors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      c.header('cache-control', 'no-store');
      return c.json({ identities: await c.var.rt.sso.list(auth.claims.sub) }, 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/me/identities/{connectionId}/link',
      operationId: 'identities.link',
      summary: 'Link a provider account to yours: answers the URL to send the browser to',
      request: { params: ConnectionParam, body: json(z.object({ returnTo: ReturnTo })) },
      responses: {
        200: answer('Where to go', z.object({ url: z.string() })),
        ...orgErrors,
        ...providerDown,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { connectionId } = c.req.valid('param');
      c.header('cache-control', 'no-store');
      const url = await c.var.rt.sso.start(connectionId, {
        redirectUri: callbackUri(c),
        returnTo: safeRedirect(c.req.valid('json').returnTo, appOrigin(c), '/'),
        binding: bindBrowser(c),
        linkUserId: auth.claims.sub,
        ip: c.var.ctx.ip,
      });
      return c.json({ url }, 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: '/me/identities/{identityId}',
      operationId: 'identities.unlink',
      summary: 'Unlink a provider account (never your last way to sign in)',
      request: { params: IdentityParam },
      responses: { ...noContent, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.sso.unlink(auth.claims.sub, c.req.valid('param').identityId, c.var.ctx, {
        magicLinks: c.var.rt.settings.magicLinks,
      });
      return c.body(null, 204);
    },
  );
}
