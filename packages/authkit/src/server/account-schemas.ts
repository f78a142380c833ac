import { z } from '@hono/zod-openapi';
import { EmailSchema, SessionPayloadSchema, text } from './schemas.js';
import { PASSWORD_MAX_LENGTH } from '../adapters/idp/password-policy.js';

/** A six-digit TOTP or email code; anything else is a 400 naming the field, never a guess. */
export const CodeSchema = text(64, { min: 1 })
  .regex(/^\d{6}$/, 'must be six digits')
  .openapi({ example: '123456' });

export const RecoveryCodeSchema = text(64, { min: 1 })
  .regex(/^[a-z2-7]{5}-?[a-z2-7]{5}$/i, 'must look like xxxxx-xxxxx')
  .openapi({ example: 'abcde-fghij' });

/** Opaque link tokens: 256 bits in base64url (43 characters). */
export const LinkTokenSchema = text(256, { min: 1 })
  .regex(/^[A-Za-z0-9_-]{20,128}$/, 'must be the token from the link')
  .openapi({ example: 'x2ZsL3e9cQkq0e9-5k1J0m7Lr4dF0aBcDeFgHiJkLmN' });

/** A WebAuthn response as @simplewebauthn/browser returns it; the library validates the inside. */
export const WebAuthnResponseSchema = z
  .object({
    id: text(1024, { min: 1 }),
    rawId: text(1024, { min: 1 }),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
    authenticatorAttachment: z.string().max(32).optional(),
  })
  .openapi('WebAuthnResponse');

const PasswordSchema = text(PASSWORD_MAX_LENGTH, { min: 1 }).openapi({
  example: 'correct horse battery staple',
});

/**
 * Exactly one proof. One object with optional fields, not a union, so a malformed code is a 400
 * naming `code` rather than "(body) matched no variant".
 */
function oneProof<T extends z.ZodRawShape>(shape: T, name: string) {
  return z
    .object(shape)
    .partial()
    .strict()
    .superRefine((value, ctx) => {
      const given = Object.keys(value).filter((k) => value[k as keyof typeof value] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: [given[1] ?? Object.keys(shape)[0]!],
          message: `give exactly one of ${Object.keys(shape).join(', ')}`,
        });
      }
    })
    .openapi(name);
}

const proofs = {
  code: CodeSchema,
  recoveryCode: RecoveryCodeSchema,
  passkey: WebAuthnResponseSchema,
};

export const SecondFactorBody = oneProof(proofs, 'SecondFactorBody');

export const StepUpBody = oneProof({ ...proofs, password: PasswordSchema }, 'StepUpBody');

export const MfaChallengeSchema = z
  .object({
    mfaRequired: z.literal(true),
    methods: z.array(z.enum(['totp', 'passkey', 'recovery_code'])),
    enrolmentRequired: z.boolean(),
    expiresAt: z.string(),
  })
  .openapi('MfaChallenge');

export const SignInResultSchema = z
  .union([SessionPayloadSchema, MfaChallengeSchema])
  .openapi('SignInResult');

export const MfaStatusSchema = z
  .object({
    totp: z.object({ enabled: z.boolean(), confirmedAt: z.string().nullable() }),
    recoveryCodes: z.object({ remaining: z.number().int() }),
    passkeys: z.number().int(),
    required: z.boolean(),
    methods: z.array(z.enum(['totp', 'passkey', 'recovery_code'])),
  })
  .openapi('MfaStatus');

export const TotpEnrolmentSchema = z
  .object({ secret: z.string(), uri: z.string() })
  .openapi('TotpEnrolment');

export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .openapi('RecoveryCodes');

export const PasskeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    deviceType: z.enum(['singleDevice', 'multiDevice']),
    backedUp: z.boolean(),
    transports: z.array(z.string()),
  })
  .openapi('Passkey');

export const PasskeyNameSchema = text(64, { min: 1 })
  .transform((v) => v.trim())
  .openapi({ example: 'MacBook Touch ID' });

/** WebAuthn options JSON, passed to the browser as is. */
export const WebAuthnOptionsSchema = z
  .object({ challenge: z.string() })
  .catchall(z.unknown())
  .openapi('WebAuthnOptions');

export const SentSchema = z.object({ sent: z.literal(true) }).openapi('Sent');

export const EmailBody = z.object({ email: EmailSchema }).strict();
export const OptionalEmailBody = z.object({ email: EmailSchema.optional() }).strict();
export const TokenBody = z.object({ token: LinkTokenSchema }).strict();
export const ResetPasswordBody = z
  .object({ token: LinkTokenSchema, password: PasswordSchema })
  .strict()
  .openapi('ResetPasswordBody');
export const MagicLinkBody = z
  .object({
    email: EmailSchema,
    redirectUrl: text(2048)
      .optional()
      .openapi({ example: '/dashboard', description: 'Same-origin path to return to' }),
  })
  .strict()
  .openapi('MagicLinkBody');
export const MagicLinkVerifyBody = z
  .object({ token: LinkTokenSchema, email: EmailSchema, code: CodeSchema })
  .partial()
  .strict()
  .superRefine((value, ctx) => {
    if (value.token !== undefined) {
      if (value.email !== undefined || value.code !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['token'], message: 'give the token alone' });
      }
    } else {
      for (const field of ['email', 'code'] as const) {
        if (value[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'is required (or give token)' });
        }
      }
    }
  })
  .openapi('MagicLinkVerifyBody');

export const SignUpResultSchema = z
  .union([
    SessionPayloadSchema,
    z.object({ user: z.null(), session: z.null(), verificationRequired: z.literal(true) }),
  ])
  .openapi('SignUpResult');

export const MagicLinkResultSchema = z
  .union([
    SessionPayloadSchema.extend({
      redirectUrl: z
        .string()
        .nullable()
        .openapi({ description: 'The same-origin path given when the link was asked for' }),
    }),
    MfaChallengeSchema,
  ])
  .openapi('MagicLinkResult');
