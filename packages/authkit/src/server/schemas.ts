import { z } from '@hono/zod-openapi';

export const EmailSchema = z
  .string({ message: 'is required' })
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  .openapi({ example: 'ada@example.com', format: 'email' });

export const SignUpBody = z
  .object({
    email: EmailSchema,
    password: z
      .string({ message: 'is required' })
      .min(1, 'is required')
      .max(256)
      .openapi({ example: 'correct horse battery staple' }),
    name: z.string().trim().max(200).optional().openapi({ example: 'Ada Lovelace' }),
  })
  .openapi('SignUpBody');

export const SignInBody = z
  .object({
    email: EmailSchema,
    password: z.string({ message: 'is required' }).min(1, 'is required').max(256),
  })
  .openapi('SignInBody');

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string({ message: 'is required' }).min(1, 'is required').max(256),
    newPassword: z.string({ message: 'is required' }).min(1, 'is required').max(256),
  })
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
    current: z.boolean().optional(),
  })
  .openapi('Session');

export const SessionPayloadSchema = z
  .object({ user: UserSchema.nullable(), session: SessionSchema.nullable() })
  .openapi('SessionPayload');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const TokenRequest = z
  .object({
    grant_type: z.string({ message: 'is required' }).min(1, 'is required'),
    refresh_token: z.string().max(512).optional(),
    subject_token: z.string().max(512).optional(),
    subject_token_type: z.string().max(200).optional(),
    scope: z.string().max(2000).optional(),
  })
  .openapi('TokenRequest');

export const TokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string().optional(),
    scope: z.string().optional(),
  })
  .openapi('TokenResponse');

export const OAuthErrorSchema = z
  .object({ error: z.string(), error_description: z.string().optional() })
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
  429: {
    description: 'Rate limited; see Retry-After',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;
