'use client';
import type { ClientError, EffectiveIdentity } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { orgQueries } from './data/org-resources.js';
import { useAuthClient, useSession } from './hooks.js';
import { permits } from './org-policy.js';
import { useOrgScope } from './use-orgs.js';

export interface UseEffectiveIdentityResult {
  /** `forbidden` when not signed in (401) or not a member (403). */
  state: DataState;
  identity: EffectiveIdentity | null;
  error: ClientError | null;
  reload(): Promise<void>;
}

/**
 * The caller's merged identity (`GET /me/effective`): labels merged user → org → groups →
 * membership → entitlements, roles and their permissions, groups, plan and entitlements.
 * `org` defaults to the active org; `null` asks outside any org.
 */
export function useEffectiveIdentity(
  options: { org?: string | null } = {},
): UseEffectiveIdentityResult {
  const client = useAuthClient();
  const scope = useOrgScope(options.org);
  const queryClient = useCatalystQueryClient();
  const query = useQuery(
    { ...orgQueries.me.effective(client, scope), enabled: scope.ready },
    queryClient,
  );
  const error = asClientError(query.error);
  const { refetch } = query;
  return {
    state: dataState(query.isPending, error, 1),
    identity: query.data ?? null,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}

export interface OrgPermissions {
  /** False until the permissions are known (another org's come from `GET /me/effective`). */
  known: boolean;
  permissions: string[];
  can(permission: string): boolean;
}

const NONE: string[] = [];

/**
 * The caller's permissions in `orgId`: from the session for the active org (no request), else
 * from the effective identity in that org. What the org components hide or disable by.
 */
export function useOrgPermissions(orgId: string | null): OrgPermissions {
  const client = useAuthClient();
  const session = useSession();
  const active = session.data?.org ?? null;
  const isActive = orgId !== null && active?.id === orgId;
  const queryClient = useCatalystQueryClient();
  const userId = session.data?.user.id ?? null;
  const effective = useQuery(
    {
      ...orgQueries.me.effective(client, { userId, orgId }),
      enabled: session.status === 'authenticated' && orgId !== null && !isActive,
    },
    queryClient,
  );
  const permissions = isActive ? active.permissions : (effective.data?.permissions ?? NONE);
  return {
    known: isActive || effective.data !== undefined,
    permissions,
    can: (permission) => permits(permissions, permission),
  };
}
