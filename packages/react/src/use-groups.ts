'use client';
import type { ClientError, Group, GroupMember, Member, Result } from '@catalyst/authkit';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import type { DataState } from './data/core.js';
import { orgMutations, orgQueries } from './data/org-resources.js';
import { useAction, usePagedList } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrgScope } from './use-orgs.js';

export interface UseGroupsResult {
  /** `empty` also when there is no org; `forbidden` when the caller may not read the org. */
  state: DataState;
  orgId: string | null;
  groups: Group[];
  /** Loading failed, or the last delete did (a create's or rename's failure is its result). */
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
  /** Whether the caller holds `groups:manage` here. */
  canManage: boolean;
  create(input: { name: string; description?: string }): Promise<Result<Group>>;
  creating: boolean;
  rename(groupId: string, name: string): Promise<Result<Group>>;
  remove(groupId: string): Promise<boolean>;
  isRenaming(groupId: string): boolean;
  isDeleting(groupId: string): boolean;
}

const noOrg = (): { ok: false; error: ClientError } => ({
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
});

/** An org's groups (the active org unless `orgId`), paged, with create, rename and delete. */
export function useGroups(orgId?: string | null): UseGroupsResult {
  const client = useAuthClient();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const id = scope.orgId;
  const list = usePagedList(
    orgQueries.groups.list(client, scope),
    scope.ready && id !== null,
    queryClient,
  );
  const canManage = useOrgPermissions(id).can('groups:manage');
  const creating = useAction(orgMutations.groups.create(client));
  const updating = useAction(orgMutations.groups.update(client));
  const deleting = useAction(orgMutations.groups.delete(client));
  const [actionError, setActionError] = React.useState<ClientError | null>(null);
  const track = React.useCallback(async <T>(work: () => Promise<Result<T>>) => {
    setActionError(null);
    const result = await work();
    if (!result.ok) setActionError(result.error);
    return result;
  }, []);
  const { run: runCreate } = creating;
  const { run: runUpdate } = updating;
  const { run: runDelete } = deleting;
  return {
    state: scope.ready && id === null ? 'empty' : list.state,
    orgId: id,
    groups: list.items,
    error: list.error ?? actionError,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    reload: list.reload,
    canManage,
    // A create's or rename's failure belongs to its form (`group_name_taken` on the name).
    create: React.useCallback(
      (group) => (id === null ? Promise.resolve(noOrg()) : runCreate({ orgId: id, group })),
      [id, runCreate],
    ),
    creating: creating.pending,
    rename: React.useCallback(
      (groupId, name) =>
        id === null ? Promise.resolve(noOrg()) : runUpdate({ orgId: id, groupId, patch: { name } }),
      [id, runUpdate],
    ),
    remove: React.useCallback(
      async (groupId) => id !== null && (await track(() => runDelete({ orgId: id, groupId }))).ok,
      [id, runDelete, track],
    ),
    isRenaming: (groupId) => updating.variables?.groupId === groupId,
    isDeleting: (groupId) => deleting.variables?.groupId === groupId,
  };
}

export interface UseGroupMembersResult {
  state: DataState;
  members: GroupMember[];
  /** Loading failed, or the last add or remove did. */
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  /** Org members not yet in the group (the first page of the org's members). */
  candidates: Member[];
  canManage: boolean;
  add(userId: string): Promise<boolean>;
  remove(userId: string): Promise<boolean>;
  adding: boolean;
  isRemoving(userId: string): boolean;
}

/** One group's members, and adding or removing them (`groups:manage`). */
export function useGroupMembers(groupId: string, orgId?: string | null): UseGroupMembersResult {
  const client = useAuthClient();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const id = scope.orgId;
  const enabled = scope.ready && id !== null;
  const list = usePagedList(
    orgQueries.groups.members(client, { ...scope, groupId }),
    enabled,
    queryClient,
  );
  const canManage = useOrgPermissions(id).can('groups:manage');
  const orgMembers = usePagedList(
    orgQueries.members.list(client, scope),
    enabled && canManage,
    queryClient,
  );
  const adding = useAction(orgMutations.groups.setMember(client));
  const removing = useAction(orgMutations.groups.removeMember(client));
  const [actionError, setActionError] = React.useState<ClientError | null>(null);
  const inGroup = new Set(list.items.map((member) => member.userId));
  const { run: runAdd } = adding;
  const { run: runRemove } = removing;
  const act = React.useCallback(async (work: () => Promise<Result<unknown>>) => {
    setActionError(null);
    const result = await work();
    if (!result.ok) setActionError(result.error);
    return result.ok;
  }, []);
  return {
    state: scope.ready && id === null ? 'empty' : list.state,
    members: list.items,
    error: list.error ?? actionError,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    candidates: orgMembers.items.filter((member) => !inGroup.has(member.userId)),
    canManage,
    add: React.useCallback(
      async (userId) => id !== null && act(() => runAdd({ orgId: id, groupId, userId })),
      [act, id, groupId, runAdd],
    ),
    remove: React.useCallback(
      async (userId) => id !== null && act(() => runRemove({ orgId: id, groupId, userId })),
      [act, id, groupId, runRemove],
    ),
    adding: adding.pending,
    isRemoving: (userId) => removing.variables?.userId === userId,
  };
}
