'use client';
import type { ClientError, Group, Member, Role } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import type { DataState } from './data/core.js';
import { orgMutations, orgQueries } from './data/org-resources.js';
import { useAction, usePagedList } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrgScope } from './use-orgs.js';

export interface UseOrgMembersResult {
  /** `empty` also when there is no org; `forbidden` without `members:read` or signed out. */
  state: DataState;
  orgId: string | null;
  members: Member[];
  /** Loading failed, or the last change did (`409 last_owner` included). */
  error: ClientError | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  reload(): Promise<void>;
  /** The org's roles (built-in first); the built-ins alone until the list loads. */
  roles: Role[];
  /** The org's groups by id, for showing a member's group names. */
  groups: ReadonlyMap<string, Group>;
  /** Whether the caller holds `members:manage` here. */
  canManage: boolean;
  /** Roles the caller may give: `owner` only with `org:transfer` (owners). */
  assignableRoles: string[];
  isSelf(member: Member): boolean;
  /** Managers may remove anyone; everyone may remove themselves (leave). */
  canRemove(member: Member): boolean;
  canChangeRoles(member: Member): boolean;
  /** Replaces the member's roles. Resolves false on failure (the error lands in `error`). */
  setRoles(userId: string, roles: string[]): Promise<boolean>;
  remove(userId: string): Promise<boolean>;
  isUpdating(userId: string): boolean;
  isRemoving(userId: string): boolean;
}

const BUILT_IN: Role[] = ['owner', 'admin', 'member'].map((name) => ({
  name,
  description: null,
  permissions: [],
  builtIn: true,
}));

/** An org's members (the active org unless `orgId` is given), paged, with role changes and removal. */
export function useOrgMembers(orgId?: string | null): UseOrgMembersResult {
  const client = useAuthClient();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const enabled = scope.ready && scope.orgId !== null;
  const list = usePagedList(orgQueries.members.list(client, scope), enabled, queryClient);
  const permissions = useOrgPermissions(scope.orgId);
  const canManage = permissions.can('members:manage');
  // Names for the role picker and the group badges; a failure here only loses the names.
  const roles = useQuery(
    { ...orgQueries.roles.list(client, scope), enabled: enabled && canManage },
    queryClient,
  );
  const groups = usePagedList(orgQueries.groups.list(client, scope), enabled, queryClient);
  const updating = useAction(orgMutations.members.update(client));
  const removing = useAction(orgMutations.members.remove(client));
  const [actionError, setActionError] = React.useState<ClientError | null>(null);
  const groupMap = React.useMemo(
    () => new Map(groups.items.map((group) => [group.id, group])),
    [groups.items],
  );
  const id = scope.orgId;
  const { run: update } = updating;
  const { run: removeRun } = removing;
  const setRoles = React.useCallback(
    async (userId: string, next: string[]) => {
      if (id === null) return false;
      setActionError(null);
      const result = await update({ orgId: id, userId, patch: { roles: next } });
      if (!result.ok) setActionError(result.error);
      // Your own roles changed: the session's permissions follow.
      else if (userId === scope.userId) await client.getSession();
      return result.ok;
    },
    [client, id, update, scope.userId],
  );
  const remove = React.useCallback(
    async (userId: string) => {
      if (id === null) return false;
      setActionError(null);
      const result = await removeRun({ orgId: id, userId });
      if (!result.ok) setActionError(result.error);
      else if (userId === scope.userId) await client.getSession();
      return result.ok;
    },
    [client, id, removeRun, scope.userId],
  );
  const isSelf = (member: Member) => member.userId === scope.userId;
  const canTransfer = permissions.can('org:transfer');
  return {
    state: scope.ready && id === null ? 'empty' : list.state,
    orgId: id,
    members: list.items,
    error: list.error ?? actionError,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    reload: list.reload,
    roles: roles.data ?? BUILT_IN,
    groups: groupMap,
    canManage,
    assignableRoles: (roles.data ?? BUILT_IN)
      .map((role) => role.name)
      .filter((name) => name !== 'owner' || canTransfer),
    isSelf,
    canRemove: (member) => canManage || isSelf(member),
    canChangeRoles: () => canManage,
    setRoles,
    remove,
    isUpdating: (userId) => updating.variables?.userId === userId,
    isRemoving: (userId) => removing.variables?.userId === userId,
  };
}
