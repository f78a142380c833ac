'use client';
import type { ClientError, MyOrg } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { orgQueries, type OrgScope } from './data/org-resources.js';
import { usePagedList, type PagedList } from './data/use-resource.js';
import { useAuthClient, useSession } from './hooks.js';
import type { ActiveOrg } from './org-policy.js';

/** Who is asking about which org: the org given, else the session's active one. */
export interface OrgScopeState extends OrgScope {
  /** False while the session loads: keys depend on the user, so queries wait. */
  ready: boolean;
}

export function useOrgScope(orgId?: string | null): OrgScopeState {
  const session = useSession();
  return {
    userId: session.data?.user.id ?? null,
    orgId: orgId === undefined ? (session.data?.org?.id ?? null) : orgId,
    ready: session.status !== 'loading',
  };
}

export interface UseOrgsResult extends PagedList<MyOrg> {
  /** The session's active org id (null: none). */
  activeOrgId: string | null;
}

/** The orgs the caller belongs to (`GET /me/orgs`), with their roles in each; paged. */
export function useOrgs(): UseOrgsResult {
  const client = useAuthClient();
  const scope = useOrgScope();
  const queryClient = useCatalystQueryClient();
  const list = usePagedList(
    orgQueries.orgs.list(client, { userId: scope.userId }),
    scope.ready,
    queryClient,
  );
  return { ...list, activeOrgId: scope.orgId };
}

export interface UseOrgResult {
  /** `empty` without an org (none active, none given); `forbidden` when not signed in. */
  state: DataState;
  orgId: string | null;
  /** The active org as the session sees it (roles, permissions, plan…); null for another org. */
  active: ActiveOrg | null;
  /** The org's full record (profile, settings, labels, plan) from `GET /orgs/{orgId}`. */
  org: MyOrg | null;
  error: ClientError | null;
  reload(): Promise<void>;
}

/** The active org (or `orgId`): the session's view at once, the full record once loaded. */
export function useOrg(orgId?: string | null): UseOrgResult {
  const client = useAuthClient();
  const session = useSession();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const query = useQuery(
    {
      ...orgQueries.orgs.get(client, scope),
      enabled: scope.ready && scope.orgId !== null,
    },
    queryClient,
  );
  const error = asClientError(query.error);
  const sessionOrg = session.data?.org ?? null;
  const { refetch } = query;
  return {
    state:
      scope.ready && scope.orgId === null
        ? session.status === 'unauthenticated'
          ? 'forbidden'
          : 'empty'
        : dataState(query.isPending, error, 1),
    orgId: scope.orgId,
    active: sessionOrg && sessionOrg.id === scope.orgId ? sessionOrg : null,
    org: query.data ?? null,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}
