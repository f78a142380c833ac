import { createRoute } from '@hono/zod-openapi';
import { toUser } from '../../services/auth-service.js';
import { toSession } from '../../services/session-service.js';
import type { App } from '../app-env.js';
import {
  ChangePasswordBody,
  ChangePasswordResult,
  SessionPayloadSchema,
  SignInBody,
  SignUpBody,
  problemResponses,
} from '../schemas.js';
import { readDeviceCookie, readSessionCookies } from '../cookies.js';
import { SignInResultSchema, SignUpResultSchema } from '../account-schemas.js';
import { firstFactorAnswer } from '../sign-in-answers.js';
import {
  authenticate,
  clearCookies,
  requireAuth,
  writeDeviceCookie,
  writeSessionCookies,
} from '../session-auth.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export function registerCredentialRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-up',
      operationId: 'auth.signUp',
      tags: ['credentials'],
      summary: 'Create an account with email and password, and sign in',
      request: { body: json(SignUpBody) },
      responses: {
        201: {
          description:
            'Signed up and signed in; or, when email verification is required, `{ verificationRequired: true }` without a session',
          content: { 'application/json': { schema: SignUpResultSchema } },
        },
        409: problemResponses[400],
        ...problemResponses,
      },
    }),
    async (c) => {
      // No password accounts at a domain whose org requires its provider.
      await c.var.rt.sso.refuseWhenRequired(c.req.valid('json').email);
      const { user, tokens, device } = await c.var.rt.auth.signUp(c.req.valid('json'), c.var.ctx);
      // Verification required: the account waits for its email link; no session yet.
      if (!tokens) return c.json({ user: null, session: null, verificationRequired: true }, 201);
      writeSessionCookies(c, tokens);
      writeDeviceCookie(c, device);
      return c.json({ user: toUser(user), session: toSession(tokens.session), org: null }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in',
      operationId: 'auth.signIn',
      tags: ['credentials'],
      summary: 'Sign in with email and password',
      description:
        'An unknown email and a wrong password answer identically (401 invalid_credentials). An account with a second factor (or in an org that requires one) answers an `MfaChallenge` and a pending cookie instead of a session: finish at `/sign-in/second-factor`.',
      request: { body: json(SignInBody) },
      responses: {
        200: {
          description: 'Signed in (cookies set), or a second factor is due',
          content: { 'application/json': { schema: SignInResultSchema } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      // Before the password is looked at: an org that requires its provider takes no guesses.
      await c.var.rt.sso.refuseWhenRequired(c.req.valid('json').email);
      const outcome = await c.var.rt.auth.signIn(
        c.req.valid('json'),
        c.var.ctx,
        readDeviceCookie(c),
      );
      writeDeviceCookie(c, outcome.device);
      // Orgs with a verified domain in auto-join mode take in their people as they sign in.
      if (outcome.kind === 'session' && outcome.user.emailVerified) {
        await c.var.rt.domains.autoJoin(outcome.user.id, c.var.ctx);
      }
      return c.json(await firstFactorAnswer(c, outcome), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-out',
      operationId: 'auth.signOut',
      tags: ['credentials'],
      summary: 'Revoke the current session and clear the cookies',
      responses: {
        200: {
          description: 'Signed out',
          content: { 'application/json': { schema: SessionPayloadSchema } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await authenticate(c);
      if (auth) {
        await c.var.rt.auth.signOut(auth.claims.sub, auth.session.id, c.var.ctx);
      } else {
        // The access token may have expired while the session lives on: find it by the refresh cookie.
        const { refresh } = readSessionCookies(c);
        const session = refresh ? await c.var.rt.sessions.sessionOfRefreshToken(refresh) : null;
        if (session && !session.revokedAt) {
          await c.var.rt.auth.signOut(session.userId, session.id, c.var.ctx);
        }
      }
      clearCookies(c);
      return c.json({ user: null, session: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/change-password',
      operationId: 'auth.changePassword',
      tags: ['credentials'],
      summary: 'Change the password; every other session is signed out',
      request: { body: json(ChangePasswordBody) },
      responses: {
        200: {
          description: 'Changed',
          content: { 'application/json': { schema: ChangePasswordResult } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { revokedSessions, tokens } = await c.var.rt.auth.changePassword(
        auth.claims.sub,
        auth.session.id,
        c.req.valid('json'),
        c.var.ctx,
      );
      // This session's refresh tokens were rotated; a bearer caller signs in again for a new one.
      if (auth.via === 'cookie') writeSessionCookies(c, tokens);
      return c.json({ revokedSessions }, 200);
    },
  );
}
