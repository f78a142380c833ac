/** OpenAPI schemas for the tenancy resources (shapes in domain/tenancy.ts). */
import { z } from '@hono/zod-openapi';
import { OrgIdParam } from './org-schemas.js';
import { ProblemSchema, problemResponses, text } from './schemas.js';

export const json = <T>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
export const answer = <T>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
export const noContent = { 204: { description: 'Done' } };

/** The error answers every org-scoped operation declares. */
export const orgErrors = {
  ...problemResponses,
  403: problem('Origin not allowed, or a permission is missing'),
  404: problem('No such org (or not a member), or no such resource in it'),
  409: problem('Conflict; `code` says which'),
};
export const tokenErrors = {
  ...orgErrors,
  410: problem('Expired, used, revoked or exhausted; `code` says which'),
};

export const idParam = (name: string) =>
  text(64, { min: 1 }).openapi({ param: { name, in: 'path' } });
export const withId = <K extends string>(name: K) =>
  OrgIdParam.extend({ [name]: idParam(name) } as { [P in K]: ReturnType<typeof idParam> });

const Timestamp = z.string().openapi({ format: 'date-time' });
export const RoleName = text(40, { min: 1 });
export const RoleNames = z.array(RoleName).max(20);
export const LabelList = z.array(text(200, { min: 1 })).max(50);
export const Ids = z.array(text(64, { min: 1 })).max(100);

export const GroupSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    parentId: z.string().nullable(),
    labels: z.array(z.string()),
    roles: z.array(z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Group');

export const GroupMemberSchema = z
  .object({
    groupId: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string().nullable(),
    createdAt: Timestamp,
  })
  .openapi('GroupMember');

export const RoleSchema = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    permissions: z.array(z.string()),
    builtIn: z.boolean(),
  })
  .openapi('Role');

export const InvitationSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    email: z.string(),
    roles: z.array(z.string()),
    groups: z.array(z.string()),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    invitedBy: z.string(),
    expiresAt: Timestamp,
    acceptedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .openapi('Invitation');

const inviteLinkFields = {
  id: z.string(),
  orgId: z.string(),
  start: z.string(),
  roles: z.array(z.string()),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
};
export const InviteLinkSchema = z.object(inviteLinkFields).openapi('InviteLink');
export const CreatedInviteLinkSchema = z
  .object({ ...inviteLinkFields, token: z.string(), url: z.string() })
  .openapi('CreatedInviteLink');

const OrgCard = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), logoUrl: z.string().nullable() })
  .openapi('OrgCard');

export const InvitationPreviewSchema = z
  .object({
    kind: z.enum(['email', 'link']),
    org: OrgCard,
    email: z.string().nullable(),
    roles: z.array(z.string()),
    expiresAt: Timestamp.nullable(),
  })
  .openapi('InvitationPreview');

export const MyInvitationSchema = z
  .object({
    id: z.string(),
    org: OrgCard,
    roles: z.array(z.string()),
    invitedBy: z.object({ name: z.string().nullable() }),
    expiresAt: Timestamp,
  })
  .openapi('MyInvitation');

export const DomainMode = z.enum(['auto_join', 'suggest']);
export const OrgDomainSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    domain: z.string(),
    mode: DomainMode,
    status: z.enum(['pending', 'verified']),
    verification: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
    verifiedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .openapi('OrgDomain');

export const OrgSuggestionSchema = z
  .object({ org: OrgCard, domain: z.string(), requested: z.boolean() })
  .openapi('OrgSuggestion');

export const MembershipRequestSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    decidedBy: z.string().nullable(),
    decidedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .openapi('MembershipRequest');

const EntitlementsSchema = z
  .object({ features: z.array(z.string()), limits: z.record(z.string(), z.number()) })
  .openapi('Entitlements');

export const OrgEntitlementsSchema = z
  .object({
    plan: z.string().nullable(),
    entitlements: EntitlementsSchema,
    overrides: z.array(
      z.object({
        userId: z.string(),
        features: z.array(z.string()),
        limits: z.record(z.string(), z.number()),
      }),
    ),
  })
  .openapi('OrgEntitlements');

export const EffectiveIdentitySchema = z
  .object({
    userId: z.string(),
    orgId: z.string().nullable(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    groups: z.array(z.string()),
    labels: z.array(z.string()),
    plan: z.string().nullable(),
    entitlements: EntitlementsSchema,
  })
  .openapi('EffectiveIdentity');

export const LimitsSchema = z
  .record(text(100, { min: 1 }), z.number().int().min(0).max(1_000_000_000))
  .refine((value) => Object.keys(value).length <= 50, { message: 'must have at most 50 limits' });

export const list = <T extends z.ZodType>(key: string, item: T) =>
  z.object({ [key]: z.array(item), nextCursor: z.string().nullable() });
