'use client';
import type { ClientError, ScopeOption } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, type DataState } from './data/core.js';
import { keyQueries, type KeyOwnerRef } from './data/key-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAuthClient, useSession } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';

/** Whose keys a hook works on, and whether the caller may manage them. */
export interface KeyAccess {
  owner: KeyOwnerRef;
  /** The org whose keys these are; null for the caller's own. */
  orgId: string | null;
  userId: string | null;
  /** Own keys: signed in. An org's: holds `keys:manage` there (false until known). */
  canManage: boolean;
  /**
   * `loading` while the session loads, `forbidden` when signed out or known to lack
   * `keys:manage`; `open` otherwise (the server still has the last word: a 403 is forbidden).
   */
  gate: 'loading' | 'forbidden' | 'open';
}

/** Own keys unless `orgId`; an org's keys need `keys:manage` there. */
export function useKeyAccess(orgId: string | null | undefined): KeyAccess {
  const session = useSession();
  const org = orgId || null;
  const permissions = useOrgPermissions(org);
  const signedIn = session.status === 'authenticated';
  const canManage = signedIn && (org === null || permissions.can('keys:manage'));
  const denied =
    session.status === 'unauthenticated' || (org !== null && permissions.known && !canManage);
  const owner = React.useMemo<KeyOwnerRef>(() => (org === null ? 'me' : { orgId: org }), [org]);
  return {
    owner,
    orgId: org,
    userId: session.data?.user.id ?? null,
    canManage,
    gate: session.status === 'loading' ? 'loading' : denied ? 'forbidden' : 'open',
  };
}

/** The state a key hook reports: its gate first, then the request's (a 401/403 is forbidden). */
export const keyState = (access: KeyAccess, loaded: DataState): DataState =>
  access.gate === 'open' ? loaded : access.gate;

export interface UseKeyScopesResult {
  state: DataState;
  /** Every scope a key of this owner may carry. */
  scopes: ScopeOption[];
  /** Only those the caller holds: a key never carries more than its creator holds. */
  held: ScopeOption[];
  error: ClientError | null;
  canManage: boolean;
  reload(): Promise<void>;
}

const NONE: ScopeOption[] = [];

/** The scopes a new key may carry (`GET /me/keys/scopes`, or the org's), and which are held. */
export function useKeyScopes(options: { orgId?: string | null } = {}): UseKeyScopesResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useKeyAccess(options.orgId);
  const query = useQuery(
    {
      ...keyQueries.keys.scopes(client, { userId: access.userId, owner: access.owner }),
      enabled: access.gate === 'open',
    },
    queryClient,
  );
  const error = asClientError(query.error);
  const scopes = query.data ?? NONE;
  const held = React.useMemo(() => scopes.filter((scope) => scope.held), [scopes]);
  const { refetch } = query;
  return {
    state: keyState(access, dataState(query.isPending, error, scopes.length)),
    scopes,
    held,
    error,
    canManage: access.canManage,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
  };
}
