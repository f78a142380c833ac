import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { InvitationStatus } from '../../domain/tenancy.js';
import type {
  InvitationRecord,
  InvitationRepository,
  InviteLinkRepository,
} from '../../ports/tenancy-store.js';
import { invitations, inviteLinks } from './schema.js';
import type { Run } from './tenant-scope.js';

/** Pending means: not accepted, not revoked, not expired at `at`. */
const pendingAt = (at: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, at));

/** The same status rules as the API's `status` field, as SQL. */
function statusIs(status: InvitationStatus, at: Date) {
  if (status === 'accepted') return isNotNull(invitations.acceptedAt);
  if (status === 'revoked')
    return and(isNull(invitations.acceptedAt), isNotNull(invitations.revokedAt));
  if (status === 'expired') {
    return and(
      isNull(invitations.acceptedAt),
      isNull(invitations.revokedAt),
      lte(invitations.expiresAt, at),
    );
  }
  return pendingAt(at);
}

export function createInvitationRepository(run: Run, orgId: string): InvitationRepository {
  const inOrg = eq(invitations.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(invitations.id, id));
  return {
    create: (invitation) =>
      run(async (db) => {
        const [row] = await db
          .insert(invitations)
          .values({ ...invitation, orgId })
          .returning();
        return row as InvitationRecord;
      }),
    // Newest first; the cursor is the id of the last row seen (ids sort by time).
    list: (page) =>
      run((db) => {
        const conditions = [inOrg];
        if (page.cursor) conditions.push(lt(invitations.id, page.cursor));
        if (page.status) conditions.push(statusIs(page.status, page.at)!);
        return db
          .select()
          .from(invitations)
          .where(and(...conditions))
          .orderBy(desc(invitations.id))
          .limit(page.limit);
      }),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(invitations).where(byId(id)).limit(1);
        return row ?? null;
      }),
    findPending: (email, at) =>
      run(async (db) => {
        const [row] = await db
          .select()
          .from(invitations)
          .where(and(inOrg, eq(invitations.email, email), pendingAt(at)))
          .limit(1);
        return row ?? null;
      }),
    renew: (id, tokenHash, expiresAt, at) =>
      run(async (db) => {
        const [row] = await db
          .update(invitations)
          .set({ tokenHash, expiresAt, lastSentAt: at })
          .where(and(byId(id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
          .returning();
        return row ?? null;
      }),
    revoke: (id, at) =>
      run(async (db) => {
        const rows = await db
          .update(invitations)
          .set({ revokedAt: at })
          .where(and(byId(id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
          .returning({ id: invitations.id });
        return rows.length === 1;
      }),
    accept: (id, userId, at) =>
      run(async (db) => {
        // One conditional UPDATE: two concurrent accepts cannot both succeed.
        const rows = await db
          .update(invitations)
          .set({ acceptedAt: at, acceptedBy: userId })
          .where(and(byId(id), pendingAt(at)))
          .returning({ id: invitations.id });
        return rows.length === 1;
      }),
  };
}

export function createInviteLinkRepository(run: Run, orgId: string): InviteLinkRepository {
  const inOrg = eq(inviteLinks.orgId, orgId);
  const byId = (id: string) => and(inOrg, eq(inviteLinks.id, id));
  return {
    create: (link) =>
      run(async (db) => {
        const [row] = await db
          .insert(inviteLinks)
          .values({ ...link, orgId })
          .returning();
        return row!;
      }),
    list: (page) =>
      run((db) =>
        db
          .select()
          .from(inviteLinks)
          .where(page.cursor ? and(inOrg, lt(inviteLinks.id, page.cursor)) : inOrg)
          .orderBy(desc(inviteLinks.id))
          .limit(page.limit),
      ),
    get: (id) =>
      run(async (db) => {
        const [row] = await db.select().from(inviteLinks).where(byId(id)).limit(1);
        return row ?? null;
      }),
    revoke: (id, at) =>
      run(async (db) => {
        const rows = await db
          .update(inviteLinks)
          .set({ revokedAt: at })
          .where(and(byId(id), isNull(inviteLinks.revokedAt)))
          .returning({ id: inviteLinks.id });
        return rows.length === 1;
      }),
    claimUse: (id, at) =>
      run(async (db) => {
        // The limit is checked and counted in one statement, so concurrent joins cannot overshoot.
        const rows = await db
          .update(inviteLinks)
          .set({ uses: sql`${inviteLinks.uses} + 1` })
          .where(
            and(
              byId(id),
              isNull(inviteLinks.revokedAt),
              or(isNull(inviteLinks.expiresAt), gt(inviteLinks.expiresAt, at)),
              or(isNull(inviteLinks.maxUses), lt(inviteLinks.uses, inviteLinks.maxUses)),
            ),
          )
          .returning({ id: inviteLinks.id });
        return rows.length === 1;
      }),
  };
}
