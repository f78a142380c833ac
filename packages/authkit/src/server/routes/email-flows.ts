import { createRoute, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { AuthkitError } from '../../domain/errors.js';
import { safeRedirect } from '../../domain/redirect-target.js';
import { randomToken } from '../../tokens/opaque-token.js';
import type { App } from '../app-env.js';
import {
  EmailBody,
  MagicLinkBody,
  MagicLinkVerifyBody,
  OptionalEmailBody,
  ResetPasswordBody,
  SentSchema,
  MagicLinkResultSchema,
  TokenBody,
} from '../account-schemas.js';
import { LINK_COOKIE, clearFlowCookie, setFlowCookie } from '../cookies.js';
import { problemResponses } from '../schemas.js';
import { authenticate, isSecureRequest, requireAuth } from '../session-auth.js';
import { firstFactorAnswer } from '../sign-in-answers.js';
import { requireRecentAuth } from '../../services/second-factor-flow.js';
import { answer, json } from '../tenancy-schemas.js';

const tags = ['account recovery'];
const errors = {
  ...problemResponses,
  409: { ...problemResponses[400], description: 'Conflict; `code` says which' },
  410: { ...problemResponses[400], description: 'The link has expired' },
};
const accepted = answer('Sent if the address has an account (the answer never says)', SentSchema);
const LINK_COOKIE_SECONDS = 15 * 60;

/** Password reset, email verification and change, sign-in links and codes (DESIGN §3). */
export function registerEmailFlowRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/password/forgot',
      operationId: 'password.forgot',
      tags,
      summary: 'Email a password-reset link (valid 30 minutes, single use)',
      description: 'Answers 202 whether or not the address has an account.',
      request: { body: json(EmailBody) },
      responses: { 202: accepted, ...errors },
    }),
    async (c) => {
      await c.var.rt.account.emailFlows.forgotPassword(c.req.valid('json').email, c.var.ctx);
      return c.json({ sent: true as const }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/password/reset',
      operationId: 'password.reset',
      tags,
      summary: 'Set a new password with the emailed token; every session is signed out',
      request: { body: json(ResetPasswordBody) },
      responses: {
        200: answer('Password changed', z.object({ reset: z.literal(true) })),
        ...errors,
      },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      await c.var.rt.account.emailFlows.resetPassword(token, password, c.var.ctx);
      return c.json({ reset: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/email/verification',
      operationId: 'email.resendVerification',
      tags,
      summary: 'Send the verification link again (to the signed-in user, or to `email`)',
      request: { body: json(OptionalEmailBody) },
      responses: { 202: accepted, ...errors },
    }),
    async (c) => {
      const auth = await authenticate(c);
      const given = c.req.valid('json').email;
      const email =
        given ?? (auth ? (await c.var.rt.sessions.user(auth.claims.sub))?.email : undefined);
      if (!email) {
        throw new AuthkitError('invalid_request', 'email: is required', { field: 'email' });
      }
      await c.var.rt.account.emailFlows.resendVerification(email, c.var.ctx);
      return c.json({ sent: true as const }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/email/verify',
      operationId: 'email.verify',
      tags,
      summary: 'Verify an address with the emailed token (sign-up or a change of email)',
      request: { body: json(TokenBody) },
      responses: {
        200: answer(
          'Verified',
          z.object({ verified: z.literal(true), email: z.string() }).openapi('EmailVerified'),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { email } = await c.var.rt.account.emailFlows.verify(
        c.req.valid('json').token,
        c.var.ctx,
      );
      return c.json({ verified: true as const, email }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/email',
      operationId: 'me.changeEmail',
      tags,
      summary: 'Change your email: the new address gets a link, the account switches once used',
      request: { body: json(EmailBody) },
      responses: {
        202: answer('Link sent to the new address', z.object({ pendingEmail: z.string() })),
        ...errors,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const rt = c.var.rt;
      requireRecentAuth(auth.session.authTime, rt.clock.now(), rt.settings.stepUpMaxAgeSeconds);
      const user = await rt.store.users.findById(auth.claims.sub);
      if (!user) throw new AuthkitError('unauthenticated', 'sign in to continue');
      const pendingEmail = await rt.account.emailFlows.requestChange(
        user,
        c.req.valid('json').email,
        c.var.ctx,
      );
      return c.json({ pendingEmail }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/magic-link',
      operationId: 'magicLink.request',
      tags,
      summary: 'Email a sign-in link and a one-time code (15 minutes, single use)',
      description:
        'Answers 202 whether or not the address has an account. The link works in this browser only (a cookie binds it); the code works anywhere.',
      request: { body: json(MagicLinkBody) },
      responses: { 202: accepted, ...errors },
    }),
    async (c) => {
      const rt = c.var.rt;
      if (!rt.settings.magicLinks) {
        throw new AuthkitError('not_found', 'sign-in links are turned off');
      }
      const { email, redirectUrl } = c.req.valid('json');
      await rt.sso.refuseWhenRequired(email);
      const binding = randomToken();
      // Kept as a same-origin path (with its query), so the link cannot send anyone elsewhere.
      const safe = redirectUrl ? new URL(safeRedirect(redirectUrl, c.var.origin, '/')) : null;
      const target = safe ? `${safe.pathname}${safe.search}${safe.hash}` : null;
      await rt.account.emailFlows.requestMagicLink(email, binding, target, c.var.ctx);
      setFlowCookie(c, LINK_COOKIE, binding, {
        basePath: rt.settings.basePath,
        secure: isSecureRequest(c),
        maxAge: LINK_COOKIE_SECONDS,
      });
      return c.json({ sent: true as const }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/magic-link/verify',
      operationId: 'magicLink.verify',
      tags,
      summary: 'Sign in with the emailed link token, or with the email and its code',
      request: { body: json(MagicLinkVerifyBody) },
      responses: {
        200: answer('Signed in (cookies set), or a second factor is due', MagicLinkResultSchema),
        ...errors,
      },
    }),
    async (c) => {
      const rt = c.var.rt;
      if (!rt.settings.magicLinks) {
        throw new AuthkitError('not_found', 'sign-in links are turned off');
      }
      // The schema admits exactly a token, or an email with its code.
      const input = c.req.valid('json') as { token: string } | { email: string; code: string };
      const { user, redirectUrl } = await rt.account.emailFlows.redeemMagicLink(
        input,
        getCookie(c, LINK_COOKIE),
      );
      clearFlowCookie(c, LINK_COOKIE, {
        basePath: rt.settings.basePath,
        secure: isSecureRequest(c),
      });
      // A link sent before the org turned "SSO required" on is refused too.
      await rt.sso.refuseWhenRequired(user.email);
      const outcome = await rt.account.secondFactor.afterFirstFactor(user, ['email'], c.var.ctx, {
        action: 'user.signed_in',
        data: { via: 'magic_link' },
      });
      if (outcome.kind === 'session') await rt.domains.autoJoin(user.id, c.var.ctx);
      const answer = await firstFactorAnswer(c, outcome);
      // Where the asker wanted to go, for the page that opened the link (same-origin path).
      return c.json('user' in answer ? { ...answer, redirectUrl } : answer, 200);
    },
  );
}
