import { createRoute } from '@hono/zod-openapi';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { SecondFactorProof } from '../../domain/account-security.js';
import { AuthkitError } from '../../domain/errors.js';
import type { App } from '../app-env.js';
import {
  CodeSchema,
  MfaChallengeSchema,
  RecoveryCodesSchema,
  SecondFactorBody,
  StepUpBody,
  TotpEnrolmentSchema,
  WebAuthnOptionsSchema,
  WebAuthnResponseSchema,
} from '../account-schemas.js';
import { PENDING_COOKIE } from '../cookies.js';
import { SessionPayloadSchema, problemResponses } from '../schemas.js';
import { authenticate, requireAuth, writeSessionCookies } from '../session-auth.js';
import { signedIn } from '../sign-in-answers.js';
import { answer, json } from '../tenancy-schemas.js';
import { getCookie } from 'hono/cookie';
import { z } from '@hono/zod-openapi';
import { toSession } from '../../services/session-service.js';

const tags = ['second factor'];
const errors = {
  ...problemResponses,
  409: { ...problemResponses[400], description: 'Conflict; `code` says which' },
};

/** The pending sign-in, the passkey ceremony routes and step-up (DESIGN §3, RFC 9470). */
export function registerSecondFactorRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/sign-in/second-factor',
      operationId: 'auth.pendingSignIn',
      tags,
      summary:
        'What the pending sign-in (its cookie) waits for: the methods, or enrolment; 401 without one',
      responses: { 200: answer('The pending challenge', MfaChallengeSchema), ...errors },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const challenge = await c.var.rt.account.secondFactor.challenge(getCookie(c, PENDING_COOKIE));
      return c.json(challenge, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in/second-factor',
      operationId: 'auth.secondFactor',
      tags,
      summary: 'Finish a sign-in that answered `mfaRequired` with a TOTP, recovery code or passkey',
      request: { body: json(SecondFactorBody) },
      responses: { 200: answer('Signed in; cookies set', SessionPayloadSchema), ...errors },
    }),
    async (c) => {
      const rt = c.var.rt;
      const proof = c.req.valid('json') as SecondFactorProof;
      const { user, tokens } = await rt.account.secondFactor.complete(
        getCookie(c, PENDING_COOKIE),
        proof,
        c.var.ctx,
      );
      const payload = await signedIn(c, user, tokens);
      if (user.emailVerified) await rt.domains.autoJoin(user.id, c.var.ctx);
      return c.json(payload, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in/mfa-enrolment/totp',
      operationId: 'auth.enrolTotpPending',
      tags,
      summary: 'During a sign-in an org requires MFA for: start setting up an authenticator app',
      responses: { 201: answer('Secret and otpauth URI', TotpEnrolmentSchema), ...errors },
    }),
    async (c) => {
      const rt = c.var.rt;
      const { user } = await rt.account.secondFactor.pending(
        getCookie(c, PENDING_COOKIE),
        'enrolment',
      );
      return c.json(await rt.account.mfa.startTotp(user), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in/mfa-enrolment/totp/confirm',
      operationId: 'auth.confirmTotpPending',
      tags,
      summary: 'Confirm the authenticator app with a code; this finishes the sign-in',
      request: { body: json(z.object({ code: CodeSchema }).strict()) },
      responses: {
        200: answer(
          'Signed in, with the recovery codes (shown once)',
          SessionPayloadSchema.extend({ recoveryCodes: RecoveryCodesSchema.shape.recoveryCodes }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { user, tokens, recoveryCodes } = await c.var.rt.account.secondFactor.completeEnrolment(
        getCookie(c, PENDING_COOKIE),
        c.req.valid('json').code,
        c.var.ctx,
      );
      return c.json({ ...(await signedIn(c, user, tokens)), recoveryCodes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in/passkey/options',
      operationId: 'auth.passkeyOptions',
      tags,
      summary: 'WebAuthn request options: for a pending or signed-in user, or discoverable',
      responses: {
        200: answer('Options for navigator.credentials.get', WebAuthnOptionsSchema),
        ...errors,
      },
    }),
    async (c) => {
      const rt = c.var.rt;
      const pendingCookie = getCookie(c, PENDING_COOKIE);
      let userId: string | null = null;
      if (pendingCookie) {
        userId = await rt.account.secondFactor
          .pending(pendingCookie, 'challenge')
          .then((p) => p.user.id)
          .catch(() => null);
      }
      userId ??= (await authenticate(c))?.claims.sub ?? null;
      c.header('cache-control', 'no-store');
      return c.json(await rt.account.passkeys.authenticationOptions(userId, c.var.ctx.ip), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sign-in/passkey',
      operationId: 'auth.signInWithPasskey',
      tags,
      summary: 'Sign in with a passkey alone (a discoverable credential with user verification)',
      request: { body: json(z.object({ response: WebAuthnResponseSchema }).strict()) },
      responses: { 200: answer('Signed in; cookies set', SessionPayloadSchema), ...errors },
    }),
    async (c) => {
      const rt = c.var.rt;
      const { response } = c.req.valid('json');
      const { userId } = await rt.account.passkeys.authenticate(
        response as unknown as AuthenticationResponseJSON,
        null,
      );
      const user = await rt.store.users.findById(userId);
      if (!user) throw new AuthkitError('invalid_passkey', 'the passkey could not be verified');
      await rt.sso.refuseWhenRequired(user.email);
      if (rt.settings.emailVerification === 'required' && !user.emailVerified) {
        throw new AuthkitError('email_not_verified', 'verify your email address, then sign in');
      }
      const key = await rt.sessions.signingKey();
      const tokens = await rt.store.transaction((tx) =>
        rt.sessions.start(tx, user, c.var.ctx, ['hwk', 'mfa'], key),
      );
      await rt.account.secondFactor.recordSignIn(user.id, tokens.session.id, c.var.ctx);
      const payload = await signedIn(c, user, tokens);
      if (user.emailVerified) await rt.domains.autoJoin(user.id, c.var.ctx);
      return c.json(payload, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/step-up',
      operationId: 'me.stepUp',
      tags,
      summary: 'Prove a factor again; the session counts as freshly authenticated (RFC 9470)',
      description:
        'Accounts with a second factor must use it; a password is accepted only from accounts without one.',
      request: { body: json(StepUpBody) },
      responses: { 200: answer('New cookies are set', SessionPayloadSchema), ...errors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const rt = c.var.rt;
      const user = await rt.store.users.findById(auth.claims.sub);
      if (!user) throw new AuthkitError('unauthenticated', 'sign in to continue');
      const tokens = await rt.account.secondFactor.stepUp(
        user,
        auth.session.id,
        c.req.valid('json') as Parameters<typeof rt.account.secondFactor.stepUp>[2],
        c.var.ctx,
        (password) => rt.idp.verifyPassword(user.id, password),
      );
      if (auth.via === 'cookie') writeSessionCookies(c, tokens);
      const org = await rt.identity.activeOrg(user.id, tokens.session.activeOrgId);
      return c.json(
        {
          user: (await rt.sessions.user(user.id))!,
          session: toSession(tokens.session, tokens.session.id),
          org,
        },
        200,
      );
    },
  );
}
