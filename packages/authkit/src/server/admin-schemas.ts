/** OpenAPI schemas of `/admin/users` (shapes in services/admin-user-views.ts). */
import { z } from '@hono/zod-openapi';
import { ADMIN_USER_SORTS } from '../ports/admin-store.js';
import { AuditEventSchema } from './audit-schemas.js';
import { ApiKeySchema } from './key-schemas.js';
import { SessionSchema, text } from './schemas.js';
import { idParam, LabelList } from './tenancy-schemas.js';

const Timestamp = z.string().openapi({ format: 'date-time' });
const isoTime = text(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date-time')
  .transform((value) => new Date(value));

export const UserIdParam = z.object({ userId: idParam('userId') });

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    name: z.string().nullable(),
    labels: z.array(z.string()),
    platformRoles: z.array(z.string()),
    ban: z.union([
      z.object({
        since: Timestamp,
        reason: z.string().nullable(),
        expiresAt: Timestamp.nullable(),
      }),
      z.null(),
    ]),
    lastActiveAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('AdminUser');

export const AdminUserListSchema = z
  .object({ users: z.array(AdminUserSchema), nextCursor: z.string().nullable() })
  .openapi('AdminUserList');

export const AdminUserDetailSchema = z
  .object({
    user: AdminUserSchema,
    memberships: z.array(
      z.object({
        orgId: z.string(),
        slug: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
        joinedAt: Timestamp,
      }),
    ),
    sessions: z.array(SessionSchema),
    keys: z.array(ApiKeySchema),
    mfa: z.object({
      totp: z.boolean(),
      recoveryCodesRemaining: z.number().int(),
      passkeys: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          createdAt: Timestamp,
          lastUsedAt: Timestamp.nullable(),
        }),
      ),
    }),
    events: z.array(AuditEventSchema),
  })
  .openapi('AdminUserDetail');

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AdminUserListQuery = z.object({
  q: text(200, { min: 1 })
    .optional()
    .openapi({ description: 'Email or name substring (case-insensitive), or an exact user id' }),
  email: text(320, { min: 1 }).optional().openapi({ description: 'Exact address' }),
  platformRole: z.enum(['admin', 'support', 'any', 'none']).optional(),
  banned: bool.optional(),
  orgId: text(64, { min: 1 }).optional().openapi({ description: 'Members of this org' }),
  label: text(200, { min: 1 }).optional(),
  createdAfter: isoTime.optional(),
  createdBefore: isoTime.optional(),
  activeAfter: isoTime.optional(),
  activeBefore: isoTime.optional(),
  sort: z.enum(ADMIN_USER_SORTS).default('-created'),
  cursor: text(600).optional().openapi({ description: 'The `nextCursor` of the page before' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const AdminUserEditBody = z
  .object({
    name: text(200).nullable().optional(),
    labels: LabelList.optional(),
  })
  .strict();

export const PlatformRolesBody = z
  .object({ roles: z.array(z.enum(['admin', 'support'])).max(2) })
  .strict();

export const BanBody = z
  .object({
    reason: text(500).nullable().optional(),
    expiresAt: isoTime.nullable().optional(),
  })
  .strict();

export const BULK_ACTIONS = ['ban', 'unban', 'label', 'delete', 'signOut'] as const;

export const BulkBody = z
  .object({
    action: z.enum(BULK_ACTIONS),
    userIds: z
      .array(text(64, { min: 1 }))
      .min(1)
      .max(100),
    reason: text(500).nullable().optional(),
    expiresAt: isoTime.nullable().optional(),
    addLabels: LabelList.optional(),
    removeLabels: LabelList.optional(),
  })
  .strict();

export const BulkResultSchema = z
  .object({
    results: z.array(
      z.object({ userId: z.string(), ok: z.boolean(), code: z.string().optional() }),
    ),
  })
  .openapi('AdminBulkResult');

export const SignedOutCountSchema = z.object({ sessions: z.number().int() });
