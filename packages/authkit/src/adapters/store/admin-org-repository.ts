import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AdminOrgFilter, AdminOrgRepository, AdminOrgRow } from '../../ports/admin-store.js';
import type { OrgRecord } from '../../ports/store.js';
import type { Db } from './db.js';
import { memberships, orgs, users } from './schema.js';

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(filter: AdminOrgFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    where.push(or(ilike(orgs.name, pattern), ilike(orgs.slug, pattern), eq(orgs.id, filter.q))!);
  }
  const status = filter.status ?? 'active';
  if (status !== 'all') where.push(eq(orgs.status, status));
  if (filter.plan) where.push(eq(orgs.plan, filter.plan));
  return where;
}

/** Platform-wide org reads: deliberately not bound to one org (the caller is a platform role). */
export function createAdminOrgRepository(db: Db): AdminOrgRepository {
  const select = (where: SQL | undefined, limit: number) =>
    db
      .select({
        org: orgs,
        memberCount: sql<number>`(select count(*)::int from ${memberships} where ${memberships.orgId} = ${orgs.id})`,
        ownerId: users.id,
        ownerEmail: users.email,
        ownerName: users.name,
      })
      .from(orgs)
      .leftJoin(users, eq(users.id, orgs.ownerId))
      .where(where)
      .orderBy(asc(orgs.id))
      .limit(limit);
  const row = (r: Awaited<ReturnType<typeof select>>[number]): AdminOrgRow => ({
    org: r.org as OrgRecord,
    memberCount: Number(r.memberCount),
    owner: r.ownerId ? { id: r.ownerId, email: r.ownerEmail!, name: r.ownerName } : null,
  });
  return {
    async search(filter, page) {
      const where = [...conditions(filter)];
      if (page.afterId) where.push(gt(orgs.id, page.afterId));
      return (await select(and(...where), page.limit)).map(row);
    },
    async get(orgId) {
      const [found] = await select(eq(orgs.id, orgId), 1);
      return found ? row(found) : null;
    },
  };
}
