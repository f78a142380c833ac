import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH } from '../adapters/idp/password-policy.js';

/** C0 and C1 controls (NUL, ESC …), DEL, line separators and bidi overrides: never valid text. */
/* eslint-disable no-control-regex -- matching control characters is the point */
export const CONTROL_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/**
 * Every string the API accepts goes through this: messages that say what is wrong, a length cap,
 * and no control characters (a NUL byte used to reach the database and fail there).
 */
export function text(max: number, options: { min?: number } = {}) {
  let schema = z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
  });
  if (options.min)
    schema = schema.min(
      options.min,
      options.min === 1 ? 'is required' : `must be at least ${options.min} characters`,
    );
  return schema
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters');
}

export const EmailSchema = text(254, { min: 1 })
  .transform((value) => value.trim())
  .pipe(z.email({ message: 'must be a valid email address' }))
  .openapi({ example: 'ada@example.com', format: 'email' });

const PasswordSchema = text(PASSWORD_MAX_LENGTH, { min: 1 });

export const SignUpBody = z
  .object({
    email: EmailSchema,
    password: PasswordSchema.openapi({
      example: 'correct horse battery staple',
      description: `8 to ${PASSWORD_MAX_LENGTH} characters; common and easily guessed passwords are refused`,
    }),
    name: text(200)
      .transform((value) => value.trim())
      .optional()
      .openapi({ example: 'Ada Lovelace' }),
  })
  .openapi('SignUpBody');

export const SignInBody = z
  .object({ email: EmailSchema, password: PasswordSchema })
  .openapi('SignInBody');

export const ChangePasswordBody = z
  .object({ currentPassword: PasswordSchema, newPassword: PasswordSchema })
  .openapi('ChangePasswordBody');

export const ChangePasswordResult = z
  .object({
    revokedSessions: z.number().int().openapi({ description: 'Other sessions signed out' }),
  })
  .openapi('ChangePasswordResult');

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    name: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export const SessionSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    device: z.string().nullable(),
    amr: z
      .array(z.string())
      .openapi({ description: 'RFC 8176 methods; `mfa` after a second factor' }),
    authTime: z.string().openapi({ description: 'Last sign-in or step-up (ISO 8601)' }),
    current: z.boolean().optional(),
  })
  .openapi('Session');

export const ActiveOrgSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    groups: z.array(z.string()),
    labels: z.array(z.string()),
    plan: z.string().nullable(),
    features: z.array(z.string()),
  })
  .openapi('ActiveOrg');

export const SessionPayloadSchema = z
  // A union, not `.nullable()`: that would mark the shared User and Session components nullable.
  .object({
    user: z.union([UserSchema, z.null()]),
    session: z.union([SessionSchema, z.null()]),
    org: z.union([ActiveOrgSchema, z.null()]).optional(),
    /** The signed-in user's platform roles (`admin`, `support`); the admin UI shows its writes by them. */
    platformRoles: z.array(z.string()).optional(),
    /** Set while a platform admin is impersonating the user (the token's `act`). */
    impersonator: z
      .union([
        z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
        z.null(),
      ])
      .optional(),
  })
  .openapi('SessionPayload');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    field: z.string().optional(),
    maxAge: z.number().int().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const TokenRequest = z
  .object({
    grant_type: text(200, { min: 1 }),
    refresh_token: text(512).optional(),
    // A workload's JWT (GitHub Actions: about 1–2 KB) as well as an API key.
    subject_token: text(8192).optional(),
    subject_token_type: text(200).optional(),
    /** For a workload token that more than one trust policy matches: the policy's id. */
    client_id: text(100).optional(),
    scope: text(2000).optional(),
    audience: text(200).optional(),
    requested_token_type: text(200).optional(),
  })
  .openapi('TokenRequest');

export const TokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string().optional(),
    scope: z.string().optional(),
    issued_token_type: z.string().optional(),
  })
  .openapi('TokenResponse');

export const OAuthErrorSchema = z
  .object({
    error: z.string(),
    error_description: z.string().optional(),
    reason: z
      .enum(['invalid', 'expired', 'revoked', 'exhausted', 'rate_limited'])
      .optional()
      .openapi({ description: 'Why an API-key exchange failed (never about other keys)' }),
  })
  .openapi('OAuthError');

/** Problem responses every route may give, for the OpenAPI document. */
export const problemResponses = {
  400: {
    description: 'Invalid input; `field` names it',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  401: {
    description: 'Not signed in',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  403: {
    description: 'Origin not allowed',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  413: {
    description: 'Request body too large',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  429: {
    description: 'Rate limited; see Retry-After',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;
