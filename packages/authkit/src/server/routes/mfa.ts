import { createRoute, z } from '@hono/zod-openapi';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { AuthkitError } from '../../domain/errors.js';
import { requireRecentAuth } from '../../services/second-factor-flow.js';
import type { Context } from 'hono';
import type { App, AppEnv } from '../app-env.js';

type AppContext = Context<AppEnv>;
import {
  CodeSchema,
  MfaStatusSchema,
  PasskeyNameSchema,
  PasskeySchema,
  RecoveryCodesSchema,
  TotpEnrolmentSchema,
  WebAuthnOptionsSchema,
  WebAuthnResponseSchema,
} from '../account-schemas.js';
import { problemResponses, text } from '../schemas.js';
import { requireAuth, type Authenticated } from '../session-auth.js';
import { answer, json } from '../tenancy-schemas.js';

const tags = ['second factor'];
const errors = {
  ...problemResponses,
  404: { ...problemResponses[400], description: 'No such passkey' },
  409: { ...problemResponses[400], description: 'Conflict; `code` says which' },
};
const PasskeyParams = z.object({
  id: text(1024, { min: 1 }).openapi({ param: { name: 'id', in: 'path' }, example: 'AbC-dEf_123' }),
});

/** The signed-in caller's user record; a session whose user is gone is signed out. */
async function caller(c: AppContext) {
  const auth = await requireAuth(c);
  const user = await c.var.rt.store.users.findById(auth.claims.sub);
  if (!user) throw new AuthkitError('unauthenticated', 'sign in to continue');
  return { auth, user };
}

/** Sensitive changes need a sign-in or step-up within `stepUpMaxAgeSeconds` (RFC 9470). */
function recent(c: AppContext, auth: Authenticated): void {
  requireRecentAuth(
    auth.session.authTime,
    c.var.rt.clock.now(),
    c.var.rt.settings.stepUpMaxAgeSeconds,
  );
}

/** `/me/mfa…` and `/me/passkeys…`: the caller's second factors. */
export function registerMfaRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/mfa',
      operationId: 'mfa.status',
      tags,
      summary: 'Your second factors: authenticator app, recovery codes left, passkeys',
      responses: { 200: answer('Second factors', MfaStatusSchema), ...errors },
    }),
    async (c) => {
      const { user } = await caller(c);
      const rt = c.var.rt;
      c.header('cache-control', 'no-store');
      const required = await rt.account.secondFactor.orgRequiresMfa(user.id);
      return c.json(await rt.account.mfa.status(user, required), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/mfa/totp',
      operationId: 'mfa.enrolTotp',
      tags,
      summary: 'Start setting up an authenticator app; it counts once a code confirms it',
      responses: { 201: answer('Secret and otpauth URI', TotpEnrolmentSchema), ...errors },
    }),
    async (c) => {
      const { user } = await caller(c);
      c.header('cache-control', 'no-store');
      return c.json(await c.var.rt.account.mfa.startTotp(user), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/mfa/totp/confirm',
      operationId: 'mfa.confirmTotp',
      tags,
      summary: 'Confirm the authenticator app with a code; answers ten recovery codes, shown once',
      request: { body: json(z.object({ code: CodeSchema }).strict()) },
      responses: { 200: answer('Recovery codes', RecoveryCodesSchema), ...errors },
    }),
    async (c) => {
      const { user } = await caller(c);
      const codes = await c.var.rt.account.mfa.confirmTotp(
        user,
        c.req.valid('json').code,
        c.var.ctx,
      );
      c.header('cache-control', 'no-store');
      return c.json({ recoveryCodes: codes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me/mfa/totp',
      operationId: 'mfa.disableTotp',
      tags,
      summary: 'Remove the authenticator app and its recovery codes (needs a recent sign-in)',
      responses: { 204: { description: 'Removed' }, ...errors },
    }),
    async (c) => {
      const { auth, user } = await caller(c);
      recent(c, auth);
      await c.var.rt.account.mfa.disableTotp(user.id, c.var.ctx);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/mfa/recovery-codes',
      operationId: 'mfa.regenerateRecoveryCodes',
      tags,
      summary: 'Replace every recovery code (needs a recent sign-in); the old ones stop working',
      responses: { 200: answer('Recovery codes', RecoveryCodesSchema), ...errors },
    }),
    async (c) => {
      const { auth, user } = await caller(c);
      recent(c, auth);
      const codes = await c.var.rt.account.mfa.regenerateRecoveryCodes(user.id, c.var.ctx);
      c.header('cache-control', 'no-store');
      return c.json({ recoveryCodes: codes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/passkeys',
      operationId: 'passkeys.list',
      tags,
      summary: 'Your passkeys',
      responses: {
        200: answer('Passkeys', z.object({ passkeys: z.array(PasskeySchema) })),
        ...errors,
      },
    }),
    async (c) => {
      const { user } = await caller(c);
      return c.json({ passkeys: await c.var.rt.account.passkeys.list(user.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/passkeys/options',
      operationId: 'passkeys.registrationOptions',
      tags,
      summary: 'WebAuthn creation options for registering a passkey',
      responses: {
        200: answer('Options for navigator.credentials.create', WebAuthnOptionsSchema),
        ...errors,
      },
    }),
    async (c) => {
      const { user } = await caller(c);
      c.header('cache-control', 'no-store');
      return c.json(await c.var.rt.account.passkeys.registrationOptions(user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/me/passkeys',
      operationId: 'passkeys.register',
      tags,
      summary: 'Register a passkey with the browser response to the creation options',
      request: {
        body: json(
          z
            .object({ response: WebAuthnResponseSchema, name: PasskeyNameSchema.optional() })
            .strict(),
        ),
      },
      responses: { 201: answer('Registered', PasskeySchema), ...errors },
    }),
    async (c) => {
      const { user } = await caller(c);
      const { response, name } = c.req.valid('json');
      const passkey = await c.var.rt.account.passkeys.register(
        user,
        response as unknown as RegistrationResponseJSON,
        name,
        c.var.ctx,
      );
      return c.json(passkey, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/me/passkeys/{id}',
      operationId: 'passkeys.rename',
      tags,
      summary: 'Rename a passkey',
      request: {
        params: PasskeyParams,
        body: json(z.object({ name: PasskeyNameSchema }).strict()),
      },
      responses: { 200: answer('Renamed', PasskeySchema), ...errors },
    }),
    async (c) => {
      const { user } = await caller(c);
      const passkey = await c.var.rt.account.passkeys.rename(
        user.id,
        c.req.valid('param').id,
        c.req.valid('json').name,
      );
      return c.json(passkey, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/me/passkeys/{id}',
      operationId: 'passkeys.remove',
      tags,
      summary: 'Remove a passkey (needs a recent sign-in; never the last way in)',
      request: { params: PasskeyParams },
      responses: { 204: { description: 'Removed' }, ...errors },
    }),
    async (c) => {
      const { auth, user } = await caller(c);
      recent(c, auth);
      await c.var.rt.account.passkeys.remove(user, c.req.valid('param').id, c.var.ctx);
      return c.body(null, 204);
    },
  );
}
