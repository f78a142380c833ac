'use client';
import type { DataState } from './data/core.js';
import { useSession } from './hooks.js';
import { useOrgPermissions, type OrgPermissions } from './use-effective-identity.js';
import { useOrgScope, type OrgScopeState } from './use-orgs.js';

export interface OrgGate {
  scope: OrgScopeState;
  permissions: OrgPermissions;
  /** Whether the caller holds the permission in the org: its queries wait until they do. */
  allowed: boolean;
  /**
   * The state of a panel that needs the permission: `forbidden` when signed out or once known
   * not to hold it, `empty` without an org, `loading` until the permissions are known, else
   * what its requests say (`loaded`).
   */
  state(loaded: DataState): DataState;
}

/** Which org (the active one unless `orgId`), and whether the caller may open a panel on it. */
export function useOrgGate(orgId: string | null | undefined, permission: string): OrgGate {
  const session = useSession();
  const scope = useOrgScope(orgId);
  const permissions = useOrgPermissions(scope.orgId);
  const allowed = permissions.can(permission);
  return {
    scope,
    permissions,
    allowed,
    state: (loaded) =>
      session.status === 'unauthenticated'
        ? 'forbidden'
        : scope.ready && scope.orgId === null
          ? 'empty'
          : !permissions.known
            ? 'loading'
            : !allowed
              ? 'forbidden'
              : loaded,
  };
}
