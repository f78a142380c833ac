/** OpenAPI schemas for API keys (shapes in domain/api-keys.ts). */
import { z } from '@hono/zod-openapi';
import { OrgIdParam } from './org-schemas.js';
import { text } from './schemas.js';
import { idParam, LabelList } from './tenancy-schemas.js';

const Timestamp = z.string().openapi({ format: 'date-time' });
const ScopeList = z.array(text(130, { min: 1 })).max(50);

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    start: z.string().openapi({ description: 'The prefix and first characters of the secret' }),
    owner: z.object({ type: z.enum(['user', 'org']), id: z.string() }),
    scopes: z.array(z.string()),
    labels: z.array(z.string()),
    status: z.enum(['active', 'expired', 'revoked', 'exhausted']),
    expiresAt: Timestamp.nullable(),
    createdAt: Timestamp,
    createdBy: z.string(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    revokedReason: z.string().nullable(),
    rateLimit: z.object({ limit: z.number().int(), windowSeconds: z.number().int() }).nullable(),
    remaining: z.number().int().nullable(),
    refill: z
      .object({ interval: z.enum(['daily', 'monthly']), amount: z.number().int() })
      .nullable(),
    ephemeral: z.boolean(),
    previousSecretExpiresAt: Timestamp.nullable(),
  })
  .openapi('ApiKey');

export const IssuedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().openapi({ description: 'Shown once: `ck_<env>_…`' }),
}).openapi('IssuedApiKey');

export const ScopeOptionSchema = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    source: z.enum(['app', 'permission']),
    held: z.boolean(),
  })
  .openapi('ScopeOption');

export const IssueKeyBody = z
  .object({
    name: text(100, { min: 1 }),
    scopes: ScopeList.optional(),
    labels: LabelList.optional(),
    expiresAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
      .optional(),
    rateLimit: z
      .object({
        limit: z.number().int().min(1).max(1_000_000),
        windowSeconds: z.number().int().min(1).max(86_400),
      })
      .strict()
      .optional(),
    remaining: z.number().int().min(1).max(1_000_000_000).optional(),
    refill: z
      .object({
        interval: z.enum(['daily', 'monthly']),
        amount: z.number().int().min(1).max(1_000_000_000),
      })
      .strict()
      .optional(),
    ephemeral: z.boolean().optional(),
  })
  .strict()
  .openapi('IssueKeyBody');

export const UpdateKeyBody = z
  .object({
    name: text(100, { min: 1 }).optional(),
    scopes: ScopeList.optional(),
    labels: LabelList.optional(),
  })
  .strict()
  .openapi('UpdateKeyBody');

export const RerollBody = z
  .object({
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional()
      .openapi({ description: 'How long the old secret keeps working (default 3600)' }),
  })
  .strict();

export const KeyListQuery = z.object({
  cursor: text(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  status: z.enum(['active', 'revoked', 'all']).default('all'),
});

export const RevokeQuery = z.object({ reason: text(200).optional() });

export const MyKeyParams = z.object({ keyId: idParam('keyId') });
export const OrgKeyParams = OrgIdParam.extend({ keyId: idParam('keyId') });
