import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type {
  OrgDomainRecord,
  OutboxRepository,
  TenancyLookups,
} from '../../ports/tenancy-store.js';
import { newSortableId } from '../../domain/ids.js';
import type { Db } from './db.js';
import {
  invitations,
  inviteLinks,
  membershipRequests,
  orgDomains,
  orgs,
  outboxEvents,
} from './schema.js';

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

export function createOutboxRepository(db: Db): OutboxRepository {
  return {
    async append(event, at) {
      await db
        .insert(outboxEvents)
        .values({ ...event, id: newSortableId('evt', at), occurredAt: at });
    },
    list: (options) => {
      const conditions = [gt(outboxEvents.seq, options.afterSeq ?? 0)];
      if (options.orgId) conditions.push(eq(outboxEvents.orgId, options.orgId));
      return db
        .select()
        .from(outboxEvents)
        .where(and(...conditions))
        .orderBy(asc(outboxEvents.seq))
        .limit(options.limit);
    },
  };
}
