/** OpenAPI schemas for the audit log (the view is AuditEventView in domain/audit-chain.ts). */
import { z } from '@hono/zod-openapi';
import { text } from './schemas.js';

const Timestamp = z.string().openapi({ format: 'date-time' });
const isoTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .openapi({ example: '2026-01-01T00:00:00Z' });

/** Action names or globs, comma-separated: `org.*`, `*`, `user.signed_in,key.*`. */
const ACTION_FILTER = /^[A-Za-z0-9_.:*-]+(?:,[A-Za-z0-9_.:*-]+)*$/;

export const AuditEventSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().openapi({ description: 'Global write order; larger is newer' }),
    occurredAt: Timestamp,
    action: z.string().openapi({ example: 'membership.added' }),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
    target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    orgId: z.string().nullable(),
    context: z.object({
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      requestId: z.string().nullable(),
    }),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'The changed fields' }),
    schemaVersion: z
      .number()
      .int()
      .openapi({ description: '1: legacy global chain; 2: the org’s keyed chain' }),
  })
  .openapi('AuditEvent');

export const AuditListSchema = z
  .object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() })
  .openapi('AuditEventList');

const filters = {
  actor: text(64).optional().openapi({ description: 'The acting user (or key) id' }),
  action: text(200)
    .refine((value) => ACTION_FILTER.test(value), 'must be action names or patterns like org.*')
    .optional()
    .openapi({ description: 'Names or patterns, comma-separated: `org.*`, `*`', example: 'org.*' }),
  targetType: text(64).optional(),
  targetId: text(64).optional(),
  since: isoTime.optional().openapi({ description: 'Events at or after this time' }),
  until: isoTime.optional().openapi({ description: 'Events before this time' }),
};
const adminFilters = { orgId: text(64).optional().openapi({ description: "One org's events" }) };

const paging = {
  cursor: text(200).optional().openapi({ description: 'The `nextCursor` of the page before' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};
const format = {
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
};

export const AuditListQuery = z.object({ ...filters, ...paging });
export const AdminAuditListQuery = z.object({ ...filters, ...adminFilters, ...paging });
export const AuditExportQuery = z.object({ ...filters, ...format });
export const AdminAuditExportQuery = z.object({ ...filters, ...adminFilters, ...format });

/** The export answer: a download, streamed. */
export const auditExport = {
  description: 'The matching events, oldest first, as a download',
  content: {
    'application/x-ndjson': {
      schema: z.string().openapi({ description: 'One AuditEvent JSON object a line' }),
    },
    'text/csv': {
      schema: z.string().openapi({ description: 'A header row, then one event a row' }),
    },
  },
};
