'use client';
import type { AuthClient, ClientError, EffectiveIdentity } from '@catalyst/authkit';
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
  /**
   * Where they come from: `member` (the caller's roles there), `platform` (not a member, but a
   * platform `admin` or `support`, as the server's platform access), `none` (neither: the server
   * answers 404 for this org); null until known.
   */
  via: 'member' | 'platform' | 'none' | null;
}

const NONE: string[] = [];
const SUPPORT = ['audit:read', 'members:read', 'org:read'];

/**
 * What a platform role may do in an org the caller is not a member of (DESIGN §10, the server's
 * platform access): `admin` all (`*`), `support` reads the org, its members and its audit log.
 */
export function platformOrgPermissions(platformRoles: readonly string[]): string[] {
  if (platformRoles.includes('admin')) return ['*'];
  return platformRoles.includes('support') ? SUPPORT : NONE;
}

/** `/me/effective` answers 404 (as for an unknown org) to anyone who is not a member. */
function notMember(error: unknown): boolean {
  const status = asClientError(error)?.status;
  return status === 404 || status === 403;
}

/** One `GET /session` at a time per client, however many hooks ask. */
const reading = new WeakMap<AuthClient, Promise<unknown>>();
function readSession(client: AuthClient): Promise<unknown> {
  let pending = reading.get(client);
  if (!pending) {
    pending = client.getSession().finally(() => reading.delete(client));
    reading.set(client, pending);
  }
  return pending;
}

/**
 * The session's platform roles once `wanted`. `GET /session` carries them; a session that came
 * from elsewhere (sign-in, switching orgs) does not, so it is read again once (without them
 * after that: none).
 */
function usePlatformRoles(wanted: boolean): readonly string[] | undefined {
  const client = useAuthClient();
  const session = useSession();
  const roles = session.data?.platformRoles;
  const sessionId = session.data?.session.id ?? null;
  const [askedFor, setAskedFor] = React.useState<string | null>(null);
  const ask = wanted && roles === undefined && sessionId !== null && askedFor !== sessionId;
  React.useEffect(() => {
    if (!ask) return;
    let live = true;
    void readSession(client).finally(() => {
      if (live) setAskedFor(sessionId);
    });
    return () => {
      live = false;
    };
  }, [client, ask, sessionId]);
  return roles ?? (askedFor !== null && askedFor === sessionId ? NONE : undefined);
}

/**
 * The caller's permissions in `orgId`: from the session for the active org (no request), else
 * from the effective identity in that org; for an org the caller is not in, from their platform
 * role (`platformOrgPermissions`). What the org components hide or disable by; the server
 * checks every request again.
 */
export function useOrgPermissions(orgId: string | null): OrgPermissions {
  const client = useAuthClient();
  const session = useSession();
  const active = session.data?.org ?? null;
  const isActive = orgId !== null && active?.id === orgId;
  const queryClient = useCatalystQueryClient();
  const userId = session.data?.user.id ?? null;
  const definition = orgQueries.me.effective(client, { userId, orgId });
  const effective = useQuery(
    {
      ...definition,
      enabled: session.status === 'authenticated' && orgId !== null && !isActive,
      // "Not a member" is an answer, not a failure: a component mounting later must not ask
      // again (its fresh observer would read `pending` meanwhile, and the panels above flicker).
      retryOnMount: !notMember(queryClient.getQueryState(definition.queryKey)?.error),
    },
    queryClient,
  );
  const outside = !isActive && orgId !== null && notMember(effective.error);
  const platformRoles = usePlatformRoles(outside);
  const platform = outside && platformRoles ? platformOrgPermissions(platformRoles) : null;
  const permissions = isActive
    ? active.permissions
    : (effective.data?.permissions ?? platform ?? NONE);
  return {
    known: isActive || effective.data !== undefined || platform !== null,
    permissions,
    can: (permission) => permits(permissions, permission),
    via:
      isActive || effective.data !== undefined
        ? 'member'
        : platform === null
          ? null
          : platform.length > 0
            ? 'platform'
            : 'none',
  };
}
