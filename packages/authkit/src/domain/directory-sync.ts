/** Directory sync's pure parts: who the org takes in, which groups hold whom, and the tally. */
import type { DirectoryGroup, DirectoryUser } from '../ports/directory.js';
import { isEmailShape, normalizeEmail } from './email.js';

/** Why a directory user was left out of the org. */
export type DirectorySkipReason =
  /** Disabled in the directory. */
  | 'inactive'
  | 'no_email'
  /** Not at one of the org's verified domains: the org does not speak for that address. */
  | 'outside_domains'
  /** An account holds the address but never proved it: its holder may not be the directory's. */
  | 'unverified_account'
  /** A platform operator's account is never taken over by an org's directory. */
  | 'operator'
  /** Two directory users share the address; only the first is synced. */
  | 'duplicate_email'
  /** The account is already linked to another user of this directory. */
  | 'linked_elsewhere'
  /** The org's plan has no seat left. */
  | 'member_limit';

/** What one run did (every count is for this run alone). */
export interface DirectorySyncStats {
  usersSeen: number;
  usersCreated: number;
  usersLinked: number;
  membersAdded: number;
  membersRemoved: number;
  usersSkipped: number;
  skipped: Partial<Record<DirectorySkipReason, number>>;
  groupsSeen: number;
  groupsCreated: number;
  groupsUpdated: number;
  groupsDeleted: number;
  /** Directory groups not mirrored: the name is a hand-made group's, or the org is at its cap. */
  groupConflicts: number;
  groupMembersAdded: number;
  groupMembersRemoved: number;
}

export function emptyStats(): DirectorySyncStats {
  return {
    usersSeen: 0,
    usersCreated: 0,
    usersLinked: 0,
    membersAdded: 0,
    membersRemoved: 0,
    usersSkipped: 0,
    skipped: {},
    groupsSeen: 0,
    groupsCreated: 0,
    groupsUpdated: 0,
    groupsDeleted: 0,
    groupConflicts: 0,
    groupMembersAdded: 0,
    groupMembersRemoved: 0,
  };
}

export function skip(stats: DirectorySyncStats, reason: DirectorySkipReason): void {
  stats.usersSkipped += 1;
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
}

export interface EligibleUser {
  externalId: string;
  /** Normalized. */
  email: string;
  name: string | null;
}

const CONTROL = /\p{Cc}/gu;

/** Text from the directory made fit to store: no control characters, bounded. */
export function cleanText(value: string | null, max: number): string | null {
  const cleaned = value?.replace(CONTROL, '').trim().slice(0, max) ?? '';
  return cleaned === '' ? null : cleaned;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * The directory's users the org takes in: active, with a sane address at one of the org's
 * verified domains (where the org is the authority), each address once. The rest are counted.
 */
export function eligibleUsers(
  users: readonly DirectoryUser[],
  verifiedDomains: readonly string[],
  stats: DirectorySyncStats,
): EligibleUser[] {
  const domains = new Set(verifiedDomains.map((d) => d.toLowerCase()));
  const seen = new Set<string>();
  const eligible: EligibleUser[] = [];
  for (const user of users) {
    stats.usersSeen += 1;
    if (!user.active) {
      skip(stats, 'inactive');
      continue;
    }
    const raw = user.email?.trim() ?? '';
    if (!raw || !isEmailShape(raw)) {
      skip(stats, 'no_email');
      continue;
    }
    const email = normalizeEmail(raw);
    if (!domains.has(emailDomain(email))) {
      skip(stats, 'outside_domains');
      continue;
    }
    if (seen.has(email)) {
      skip(stats, 'duplicate_email');
      continue;
    }
    seen.add(email);
    eligible.push({ externalId: user.externalId, email, name: cleanText(user.name, 200) });
  }
  return eligible;
}

/**
 * Each group's direct members by external id, from whichever side the provider lists them on:
 * the group (`memberIds`), the user (`groupIds`), or member lists read one group at a time.
 */
export function membersByGroup(
  users: readonly DirectoryUser[],
  groups: readonly DirectoryGroup[],
  listed: ReadonlyMap<string, readonly string[]>,
): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const group of groups) {
    members.set(
      group.externalId,
      new Set([...(group.memberIds ?? []), ...(listed.get(group.externalId) ?? [])]),
    );
  }
  for (const user of users) {
    for (const groupId of user.groupIds ?? []) members.get(groupId)?.add(user.externalId);
  }
  return members;
}

/** Org groups nest at most this deep (the group service's limit). */
export const MAX_GROUP_DEPTH = 8;

/**
 * Groups ordered so a parent comes before its children, each with at most one parent that is
 * itself in the directory (org groups have one). A cycle, or nesting deeper than org groups
 * allow, is cut by dropping the parent.
 */
export function parentsFirst(
  groups: readonly DirectoryGroup[],
): Array<{ group: DirectoryGroup; parentId: string | null }> {
  const byId = new Map(groups.map((g) => [g.externalId, g]));
  const parentOf = new Map<string, string | null>();
  for (const g of groups) parentOf.set(g.externalId, g.parentIds.find((p) => byId.has(p)) ?? null);
  const ordered: Array<{ group: DirectoryGroup; parentId: string | null }> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const depth = new Map<string, number>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    state.set(id, 'visiting');
    let parent = parentOf.get(id) ?? null;
    if (parent !== null && state.get(parent) === 'visiting') parent = null;
    if (parent !== null) visit(parent);
    if (parent !== null && depth.get(parent)! + 1 >= MAX_GROUP_DEPTH) parent = null;
    depth.set(id, parent === null ? 0 : depth.get(parent)! + 1);
    state.set(id, 'done');
    ordered.push({ group: byId.get(id)!, parentId: parent });
  };
  for (const g of groups) visit(g.externalId);
  return ordered;
}
