'use client';
import { KNOWN_PERMISSIONS } from '@catalyst/authkit';
import type { ClientError, Result, Role } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { orgMutations, orgQueries } from './data/org-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { permits } from './org-policy.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrgScope } from './use-orgs.js';

/** The permissions the org routes check (the server's `KNOWN_PERMISSIONS`), in its order. */
export const ORG_PERMISSIONS: readonly string[] = KNOWN_PERMISSIONS;

export interface RoleInput {
  name: string;
  description?: string;
  permissions: string[];
}

export interface UseRolesResult {
  state: DataState;
  orgId: string | null;
  /** Built-in roles first, then the org's custom roles. */
  roles: Role[];
  /** Loading failed, or the last delete did (a create's or update's failure is its result). */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `roles:manage` here. */
  canManage: boolean;
  /** The permissions a role can be given: `permissions` (default `ORG_PERMISSIONS`) and any in use. */
  catalogue: string[];
  /** Whether the caller holds `permission` (they may only grant what they hold). */
  canGrant(permission: string): boolean;
  /** Custom roles only, and only when the caller holds every permission the role has. */
  canEdit(role: Role): boolean;
  create(input: RoleInput): Promise<Result<Role>>;
  creating: boolean;
  update(
    name: string,
    patch: { description?: string | null; permissions?: string[] },
  ): Promise<Result<Role>>;
  remove(name: string): Promise<boolean>;
  isUpdating(name: string): boolean;
  isDeleting(name: string): boolean;
}

const noOrg = (): { ok: false; error: ClientError } => ({
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
});

/** An org's roles (the active org unless `orgId`), and managing its custom roles. */
export function useRoles(
  orgId?: string | null,
  options: { permissions?: readonly string[] } = {},
): UseRolesResult {
  const client = useAuthClient();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const id = scope.orgId;
  const query = useQuery(
    { ...orgQueries.roles.list(client, scope), enabled: scope.ready && id !== null },
    queryClient,
  );
  const held = useOrgPermissions(id);
  const creating = useAction(orgMutations.roles.create(client));
  const updating = useAction(orgMutations.roles.update(client));
  const deleting = useAction(orgMutations.roles.delete(client));
  const [deleteError, setDeleteError] = React.useState<ClientError | null>(null);
  const roles = React.useMemo(() => query.data ?? [], [query.data]);
  const base = options.permissions ?? ORG_PERMISSIONS;
  const catalogue = React.useMemo(() => {
    const inUse = roles.flatMap((role) => role.permissions).filter((p) => p !== '*');
    return [...new Set([...base, ...inUse])];
  }, [base, roles]);
  const loadError = asClientError(query.error);
  const { refetch } = query;
  const { run: runCreate } = creating;
  const { run: runUpdate } = updating;
  const { run: runDelete } = deleting;
  const canGrant = (permission: string) => held.can(permission);
  return {
    state:
      scope.ready && id === null ? 'empty' : dataState(query.isPending, loadError, roles.length),
    orgId: id,
    roles,
    error: loadError ?? deleteError,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    canManage: held.can('roles:manage'),
    catalogue,
    canGrant,
    canEdit: (role) =>
      !role.builtIn &&
      held.can('roles:manage') &&
      role.permissions.every((permission) => permits(held.permissions, permission)),
    create: React.useCallback(
      (role) => (id === null ? Promise.resolve(noOrg()) : runCreate({ orgId: id, role })),
      [id, runCreate],
    ),
    creating: creating.pending,
    update: React.useCallback(
      (name, patch) =>
        id === null ? Promise.resolve(noOrg()) : runUpdate({ orgId: id, name, patch }),
      [id, runUpdate],
    ),
    remove: React.useCallback(
      async (name) => {
        if (id === null) return false;
        setDeleteError(null);
        const result = await runDelete({ orgId: id, name });
        if (!result.ok) setDeleteError(result.error);
        return result.ok;
      },
      [id, runDelete],
    ),
    isUpdating: (name) => updating.variables?.name === name,
    isDeleting: (name) => deleting.variables?.name === name,
  };
}
