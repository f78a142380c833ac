import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { OrgDomainRecord, TenancyLookups } from '../../ports/tenancy-store.js';
import type { Db } from './db.js';
import { invitations, inviteLinks, membershipRequests, orgDomains, orgs } from './schema.js';

const liveOrg = (orgIdColumn: AnyPgColumn) =>
  sql`exists (select 1 from ${orgs} where ${orgs.id} = ${orgIdColumn} and ${orgs.status} = 'active')`;

export function createTenancyLookups(db: Db): TenancyLookups {
  return {
    async invitationByTokenHash(tokenHash) {
      const [row] = await db
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, tokenHash))
        .limit(1);
      return row ?? null;
    },
    async inviteLinkByTokenHash(tokenHash) {
      const [row] = await db
        .select()
        .from(inviteLinks)
        .where(eq(inviteLinks.tokenHash, tokenHash))
        .limit(1);
      return row ?? null;
    },
    pendingInvitationsFor: (email, at) =>
      db
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.email, email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, at),
            liveOrg(invitations.orgId),
          ),
        )
        .orderBy(desc(invitations.createdAt))
        .limit(50),
    async verifiedDomains(domain) {
      const rows = await db
        .select()
        .from(orgDomains)
        .where(
          and(
            eq(orgDomains.domain, domain),
            isNotNull(orgDomains.verifiedAt),
            liveOrg(orgDomains.orgId),
          ),
        )
        .orderBy(asc(orgDomains.createdAt));
      return rows as OrgDomainRecord[];
    },
    membershipRequestsOf: (userId) =>
      db
        .select()
        .from(membershipRequests)
        .where(eq(membershipRequests.userId, userId))
        .orderBy(desc(membershipRequests.createdAt))
        .limit(100),
  };
}
