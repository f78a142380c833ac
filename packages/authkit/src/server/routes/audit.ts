import type { App } from '../app-env.js';

/** The audit log's query and export routes (`/orgs/{orgId}/audit`, `/admin/audit`). */
export function registerAuditRoutes(app: App): void {
  void app;
}
