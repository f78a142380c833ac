import type { Org } from '../domain/org.js';
import { AuthkitError } from '../domain/errors.js';
import type { AdminOrgFilter, AdminOrgRow } from '../ports/admin-store.js';
import type { StorePort } from '../ports/store.js';
import { toOrg } from './org-service.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';

export interface AdminOrgView extends Org {
  memberCount: number;
  owner: { id: string; email: string; name: string | null } | null;
}

const view = (row: AdminOrgRow): AdminOrgView => ({
  ...toOrg(row.org),
  memberCount: row.memberCount,
  owner: row.owner,
});

/**
 * `/admin/orgs`: finding any org on the platform. Changing one goes through the org's own routes,
 * which let platform admins act on any org (see `orgAccess`).
 */
export class AdminOrgService {
  constructor(
    private readonly store: StorePort,
    private readonly rolesOf: PlatformRolesOf,
  ) {}

  async search(
    actorId: string,
    filter: AdminOrgFilter,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<{ orgs: AdminOrgView[]; nextCursor: string | null }> {
    await requirePlatform(this.rolesOf, actorId, 'read');
    const rows = await this.store.adminOrgs.search(filter, {
      afterId: page.cursor,
      limit: page.limit + 1,
    });
    const more = rows.length > page.limit;
    const shown = (more ? rows.slice(0, page.limit) : rows).map(view);
    return { orgs: shown, nextCursor: more ? (shown.at(-1)?.id ?? null) : null };
  }

  async get(actorId: string, orgId: string): Promise<AdminOrgView> {
    await requirePlatform(this.rolesOf, actorId, 'read');
    const row = await this.store.adminOrgs.get(orgId);
    if (!row) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
    return view(row);
  }
}
