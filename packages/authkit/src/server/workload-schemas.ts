/** OpenAPI schemas for workload trust policies (shapes in domain/workload-trust.ts). */
import { z } from '@hono/zod-openapi';
import { text } from './schemas.js';
import { RoleNames, withId } from './tenancy-schemas.js';

const Timestamp = z.string().openapi({ format: 'date-time' });
const Pattern = text(512, { min: 1 });
const Conditions = z.record(text(64, { min: 1 }), Pattern).openapi({
  description:
    'Claim name → pattern (`*` matches any run of characters); every one must match a string claim of the token',
  example: { repository: 'octo-org/deploy', ref: 'refs/heads/main' },
});
const ScopeList = z.array(text(130, { min: 1 })).max(50);
const Ttl = z.number().int().min(30).max(3600);

export const WorkloadPolicySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    issuer: z.string(),
    audience: z.string(),
    subject: z.string().nullable(),
    conditions: z.record(z.string(), z.string()),
    roles: z.array(z.string()),
    scopes: z.array(z.string()),
    tokenTtlSeconds: z.number().int().nullable(),
    enabled: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .openapi('WorkloadPolicy');

export const WorkloadPolicyListSchema = z
  .object({ policies: z.array(WorkloadPolicySchema), nextCursor: z.string().nullable() })
  .openapi('WorkloadPolicyList');

export const CreateWorkloadPolicyBody = z
  .object({
    name: text(100, { min: 1 }),
    issuer: text(512, { min: 1 }).openapi({
      example: 'https://token.actions.githubusercontent.com',
    }),
    audience: text(512, { min: 1 }).openapi({
      description: "The `aud` the workload asks its issuer for (GitHub: `core.getIDToken('…')`)",
    }),
    subject: Pattern.nullable().optional(),
    conditions: Conditions.optional(),
    roles: RoleNames.optional(),
    scopes: ScopeList.optional(),
    tokenTtlSeconds: Ttl.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const UpdateWorkloadPolicyBody = CreateWorkloadPolicyBody.omit({ issuer: true })
  .partial()
  .strict();

export const WorkloadPolicyParams = withId('policyId');
