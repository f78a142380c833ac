'use client';
import * as React from 'react';
import { useSession } from './hooks.js';
import { checkSession, sessionCan, type ActiveOrg, type GateRequirement } from './org-policy.js';

export interface UseMembershipResult {
  /** `loading` while the session loads; `none` without an active org; else `member`. */
  status: 'loading' | 'none' | 'member';
  /** The session's active org, or null. */
  org: ActiveOrg | null;
  roles: string[];
  /** Resolved from built-in and custom roles; may hold wildcards (`members:*`, `*`). */
  permissions: string[];
  /** Ids of the groups the caller is in. */
  groups: string[];
  labels: string[];
  plan: string | null;
  /** Entitled feature names. */
  features: string[];
  /** Whether the caller holds `permission` in the active org (wildcards count). */
  can(permission: string): boolean;
  hasRole(role: string): boolean;
  /** Whether the session meets a `<Gate require>` requirement. */
  meets(requirement: GateRequirement): boolean;
}

const NONE: string[] = [];

/**
 * The caller's roles, permissions, groups, labels and plan in the active org, read from the
 * session (no request): what the access token's org claims say. It updates the moment the
 * active org changes (`client.setActiveOrg`). The server enforces the same rules.
 */
export function useMembership(): UseMembershipResult {
  const session = useSession();
  const payload = session.data;
  const org = payload?.org ?? null;
  return React.useMemo(
    () => ({
      status: session.status === 'loading' ? 'loading' : org ? 'member' : 'none',
      org,
      roles: org?.roles ?? NONE,
      permissions: org?.permissions ?? NONE,
      groups: org?.groups ?? NONE,
      labels: org?.labels ?? NONE,
      plan: org?.plan ?? null,
      features: org?.features ?? NONE,
      can: (permission: string) => sessionCan(payload, permission),
      hasRole: (role: string) => org?.roles.includes(role) ?? false,
      meets: (requirement: GateRequirement) => checkSession(payload, requirement).allow,
    }),
    [session.status, payload, org],
  );
}

/**
 * Whether the caller holds `permission` in the active org (`members:*` and `*` count). False
 * while the session loads and without an active org. Hides UI only: the server checks again.
 */
export function usePermission(permission: string): boolean {
  return sessionCan(useSession().data, permission);
}
