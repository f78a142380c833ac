import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuditService, type AuditExportFormat } from '../../services/audit-service.js';
import type { App, AppEnv } from '../app-env.js';
import {
  AdminAuditExportQuery,
  AdminAuditListQuery,
  AuditExportQuery,
  AuditListQuery,
  AuditListSchema,
  auditExport,
} from '../audit-schemas.js';
import { OrgIdParam } from '../org-schemas.js';
import { requireAuth } from '../session-auth.js';
import { answer, orgErrors } from '../tenancy-schemas.js';

const tags = ['audit'];
const CONTENT_TYPE: Record<AuditExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

// Built per request from the runtime's store and clock: reading the log needs nothing else.
const service = (c: Context<AppEnv>) =>
  new AuditService(c.var.rt.store, c.var.rt.clock, (id) => c.var.rt.sessions.platformRoles(id));

/** A streamed download; the body is read page by page as the client consumes it. */
function download(
  c: Context<AppEnv>,
  stream: ReadableStream<Uint8Array>,
  format: AuditExportFormat,
  scope: string,
): Response {
  const day = c.var.rt.clock.now().toISOString().slice(0, 10);
  const file = `audit-${scope.replace(/[^A-Za-z0-9_-]/g, '_')}-${day}.${format}`;
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPE[format],
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** The audit log's query and export routes (`/orgs/{orgId}/audit`, `/admin/audit`). */
export function registerAuditRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/audit',
      operationId: 'audit.list',
      tags,
      summary: "The org's audit log, newest first (audit:read)",
      request: { params: OrgIdParam, query: AuditListQuery },
      responses: { 200: answer('Events', AuditListSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { cursor, limit, ...filters } = c.req.valid('query');
      const { orgId } = c.req.valid('param');
      const page = await service(c).listOrg(orgId, auth.claims.sub, filters, { cursor, limit });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{orgId}/audit/export',
      operationId: 'audit.export',
      tags,
      summary: "Download the org's audit log as NDJSON or CSV, streamed (audit:read)",
      request: { params: OrgIdParam, query: AuditExportQuery },
      responses: { 200: auditExport, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { format, ...filters } = c.req.valid('query');
      const { orgId } = c.req.valid('param');
      const stream = await service(c).exportOrg(orgId, auth.claims.sub, filters, format);
      return download(c, stream, format, orgId) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/audit',
      operationId: 'adminAudit.list',
      tags,
      summary: "Every org's and the platform's audit events, newest first (platform role)",
      request: { query: AdminAuditListQuery },
      responses: { 200: answer('Events', AuditListSchema), ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { cursor, limit, ...filters } = c.req.valid('query');
      const page = await service(c).listPlatform(auth.claims.sub, filters, { cursor, limit });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/audit/export',
      operationId: 'adminAudit.export',
      tags,
      summary: 'Download the whole audit log as NDJSON or CSV, streamed (platform role)',
      request: { query: AdminAuditExportQuery },
      responses: { 200: auditExport, ...orgErrors },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      const { format, ...filters } = c.req.valid('query');
      const stream = await service(c).exportPlatform(auth.claims.sub, filters, format);
      return download(c, stream, format, filters.orgId ?? 'platform') as never;
    },
  );
}
