import {
  cleanText,
  eligibleUsers,
  membersByGroup,
  parentsFirst,
  skip,
  type DirectorySyncStats,
} from '../domain/directory-sync.js';
import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { isBuiltInRole } from '../domain/roles.js';
import type { DirectoryGroup, DirectoryUser } from '../ports/directory.js';
import type { DirectoryConnectionRecord } from '../ports/directory-store.js';
import type { OrgScopedRepository, StorePort, UserRecord } from '../ports/store.js';
import type { GroupRecord } from '../ports/tenancy-store.js';
import type { OrgMutations } from './org-mutations.js';

/** What one run read from the directory, before anything is written. */
export interface DirectorySnapshot {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  /** Member lists read one group at a time (providers whose listings omit them). */
  listed: Map<string, string[]>;
}

/** One audit event of the run (membership changes are also webhook events). */
export interface SyncEvent {
  action: string;
  target: [type: string, id: string];
  data: Record<string, unknown>;
}

/** Writes the run's audit events, in order, in the caller's transaction. */
export type SyncAudit = (tx: StorePort, events: readonly SyncEvent[]) => Promise<void>;

const MAX_GROUPS_PER_ORG = 1000;
const CHUNK = 1000;

async function allGroups(scoped: OrgScopedRepository): Promise<GroupRecord[]> {
  const groups: GroupRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await scoped.groups.list({ cursor, limit: 500 });
    groups.push(...page);
    if (page.length < 500) return groups;
    cursor = page[page.length - 1]!.id;
  }
}

/**
 * Applies a snapshot to the org in one transaction under the org's lock, so a run lands whole or
 * not at all: users at the org's verified domains are linked (or made) and join with the default
 * role; those the directory dropped leave (never owners) when `deprovision` is on; directory
 * groups are mirrored as org groups whose name, parent and directory members the sync owns.
 * Roles and labels stay the admins' (a mirrored group's roles reach its members).
 */
export async function applySnapshot(
  orgs: OrgMutations,
  connection: DirectoryConnectionRecord,
  snapshot: DirectorySnapshot,
  stats: DirectorySyncStats,
  audit: SyncAudit,
): Promise<void> {
  const now = orgs.clock.now();
  const orgId = connection.orgId;
  await orgs.store.withLock(`org:${orgId}`, async (tx) => {
    const scoped = tx.orgs.scoped(orgId);
    const org = await scoped.get();
    if (!org) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
    const domains = (await scoped.domains.list())
      .filter((d) => d.verifiedAt !== null)
      .map((d) => d.domain);
    const eligible = eligibleUsers(snapshot.users, domains, stats);
    const links = await scoped.directory.links();
    if (eligible.length === 0 && links.users.size > 0) {
      // An empty answer where members were is more likely a token that lost its view than a
      // company that lost everyone: nothing is removed on its word.
      throw new AuthkitError(
        'invalid_config',
        'the directory listed nobody at the org’s verified domains; nothing was changed',
      );
    }
    const role =
      isBuiltInRole(connection.defaultRole) || (await scoped.roles.get(connection.defaultRole))
        ? connection.defaultRole
        : 'member';
    // Links of users no longer listed go first, so an account the directory now lists under a
    // new id (a user re-created there) moves to it instead of leaving and rejoining.
    const listed = new Set(eligible.map((u) => u.externalId));
    const stale = [...links.users].filter(([externalId]) => !listed.has(externalId));
    for (const [externalId] of stale) await scoped.directory.unlinkUser(externalId);
    const linkedIds = new Set(
      [...links.users].filter(([externalId]) => listed.has(externalId)).map(([, id]) => id),
    );
    const synced = new Map<string, string>();
    const inOrg = new Set<string>();
    // Written together at the end, still inside the transaction: one append for hundreds.
    const events: SyncEvent[] = [];

    // Read up front, a chunk per query: the accounts at the unlinked addresses, and who of the
    // known accounts is a member already (one lookup each per user made a first sync slow).
    const byEmail = new Map<string, UserRecord>();
    const unlinked = eligible.filter((u) => !links.users.has(u.externalId)).map((u) => u.email);
    for (let i = 0; i < unlinked.length; i += CHUNK) {
      for (const found of await tx.users.findByEmails(unlinked.slice(i, i + CHUNK)))
        byEmail.set(found.email, found);
    }
    const known = [...links.users.values(), ...[...byEmail.values()].map((u) => u.id)];
    const members = new Set<string>();
    for (let i = 0; i < known.length; i += CHUNK) {
      for (const id of await scoped.membersAmong(known.slice(i, i + CHUNK))) members.add(id);
    }

    for (const user of eligible) {
      let userId = links.users.get(user.externalId);
      if (!userId) {
        const existing = byEmail.get(user.email) ?? null;
        if (existing && existing.platformRoles.length > 0) {
          skip(stats, 'operator');
          continue;
        }
        if (existing && !existing.emailVerified) {
          skip(stats, 'unverified_account');
          continue;
        }
        if (existing && linkedIds.has(existing.id)) {
          skip(stats, 'linked_elsewhere');
          continue;
        }
        if (existing) {
          userId = existing.id;
          stats.usersLinked += 1;
        } else {
          // The org verified the domain: it vouches for its addresses, as its provider does.
          const created = await tx.users.create({
            id: newId('usr'),
            email: user.email,
            name: user.name,
            passwordHash: null,
            emailVerified: true,
          });
          userId = created.id;
          stats.usersCreated += 1;
          events.push({ action: 'user.created', target: ['user', userId], data: {} });
        }
        await scoped.directory.linkUser(user.externalId, userId);
        linkedIds.add(userId);
      }
      synced.set(user.externalId, userId);
      if (members.has(userId)) {
        inOrg.add(userId);
        continue;
      }
      try {
        await orgs.ensureSeat(scoped, org);
      } catch (error) {
        if (error instanceof AuthkitError && error.code === 'member_limit_reached') {
          skip(stats, 'member_limit');
          continue;
        }
        throw error;
      }
      await scoped.addMember(userId, [role]);
      members.add(userId);
      inOrg.add(userId);
      stats.membersAdded += 1;
      events.push({
        action: 'membership.added',
        target: ['membership', userId],
        data: { roles: [role] },
      });
    }

    const kept = new Set(synced.values());
    for (const [, userId] of stale) {
      if (!connection.deprovision || kept.has(userId)) continue;
      const membership = await scoped.membership(userId);
      if (!membership || membership.roles.includes('owner')) continue;
      await scoped.removeMember(userId);
      stats.membersRemoved += 1;
      events.push({
        action: 'membership.removed',
        target: ['membership', userId],
        data: { reason: 'not in the directory' },
      });
    }

    const mirrored = await mirrorGroups(scoped, snapshot.groups, links.groups, stats, now);
    await syncGroupMembers(
      scoped,
      snapshot,
      mirrored,
      synced,
      inOrg,
      [...links.users.values()],
      stats,
    );
    await audit(tx, events);
  });
  await orgs.identity.invalidateOrg(orgId);
}

/** Directory groups as org groups (parents first); returns external id → org group id. */
async function mirrorGroups(
  scoped: OrgScopedRepository,
  groups: readonly DirectoryGroup[],
  linked: ReadonlyMap<string, string>,
  stats: DirectorySyncStats,
  now: Date,
): Promise<Map<string, string>> {
  const existing = await allGroups(scoped);
  const byId = new Map(existing.map((g) => [g.id, g]));
  const byName = new Map(existing.map((g) => [g.name, g]));
  const mirrored = new Map<string, string>();
  let count = existing.length;
  for (const { group, parentId: parentExternal } of parentsFirst(groups)) {
    stats.groupsSeen += 1;
    const name = cleanText(group.name, 100);
    const parentId = parentExternal ? (mirrored.get(parentExternal) ?? null) : null;
    const local = byId.get(linked.get(group.externalId) ?? '');
    if (!local) {
      if (!name || byName.has(name) || count >= MAX_GROUPS_PER_ORG) {
        stats.groupConflicts += 1;
        continue;
      }
      const created = await scoped.groups.create({
        id: newId('grp'),
        name,
        description: null,
        parentId,
        labels: [],
        roles: [],
      });
      await scoped.directory.linkGroup(group.externalId, created.id);
      byName.set(name, created);
      count += 1;
      stats.groupsCreated += 1;
      mirrored.set(group.externalId, created.id);
      continue;
    }
    mirrored.set(group.externalId, local.id);
    const patch: { name?: string; parentId?: string | null } = {};
    if (name && name !== local.name) {
      if (byName.has(name)) stats.groupConflicts += 1;
      else patch.name = name;
    }
    if (local.parentId !== parentId) patch.parentId = parentId;
    if (patch.name === undefined && patch.parentId === undefined) continue;
    await scoped.groups.update(local.id, patch, now);
    if (patch.name) {
      byName.delete(local.name);
      byName.set(patch.name, local);
    }
    stats.groupsUpdated += 1;
  }
  const listed = new Set(groups.map((g) => g.externalId));
  for (const [externalId, groupId] of linked) {
    if (listed.has(externalId) || !byId.has(groupId)) continue;
    await scoped.groups.delete(groupId); // its link goes with it (foreign key)
    stats.groupsDeleted += 1;
  }
  return mirrored;
}

/** Directory users' places in mirrored groups follow the directory; others' stay. */
async function syncGroupMembers(
  scoped: OrgScopedRepository,
  snapshot: DirectorySnapshot,
  mirrored: ReadonlyMap<string, string>,
  synced: ReadonlyMap<string, string>,
  inOrg: ReadonlySet<string>,
  previouslyLinked: readonly string[],
  stats: DirectorySyncStats,
): Promise<void> {
  const want = new Map<string, Set<string>>(); // user id → mirrored group ids
  const members = membersByGroup(snapshot.users, snapshot.groups, snapshot.listed);
  for (const [externalGroup, groupId] of mirrored) {
    for (const externalUser of members.get(externalGroup) ?? []) {
      const userId = synced.get(externalUser);
      if (!userId || !inOrg.has(userId)) continue;
      if (!want.has(userId)) want.set(userId, new Set());
      want.get(userId)!.add(groupId);
    }
  }
  const owned = new Set(mirrored.values());
  const users = [...new Set([...synced.values(), ...previouslyLinked])];
  for (let i = 0; i < users.length; i += CHUNK) {
    const held = await scoped.groups.groupIdsOf(users.slice(i, i + CHUNK));
    for (const userId of users.slice(i, i + CHUNK)) {
      const has = new Set((held.get(userId) ?? []).filter((g) => owned.has(g)));
      const wanted = want.get(userId) ?? new Set<string>();
      for (const groupId of wanted) {
        if (has.has(groupId)) continue;
        await scoped.groups.setMember(groupId, userId, null);
        stats.groupMembersAdded += 1;
      }
      for (const groupId of has) {
        if (wanted.has(groupId)) continue;
        await scoped.groups.removeMember(groupId, userId);
        stats.groupMembersRemoved += 1;
      }
    }
  }
}
