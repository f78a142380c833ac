'use client';
import type { ClientError, MyInvitation, MyOrg, OrgSuggestion } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import type { DataState } from './data/core.js';
import { orgMutations, orgQueries } from './data/org-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient, useSession } from './hooks.js';
import type { ActiveOrg } from './org-policy.js';
import { useOrgs } from './use-orgs.js';

export interface UseOrgSwitcherOptions {
  /** Load the invitations addressed to the caller (`GET /me/invitations`); default true. */
  invitations?: boolean;
  /** Load the orgs suggested by the caller's email domain (`GET /me/org-suggestions`); default true. */
  suggestions?: boolean;
}

export interface UseOrgSwitcherResult {
  /** The state of the caller's org list (`forbidden` when not signed in). */
  state: DataState;
  orgs: MyOrg[];
  hasMore: boolean;
  loadMore(): Promise<void>;
  /** The session's active org (null: none). Known at once, before the list loads. */
  active: ActiveOrg | null;
  /** True until the session is known (and with it the active org). */
  sessionLoading: boolean;
  invitations: MyInvitation[];
  suggestions: OrgSuggestion[];
  /** Loading the list failed, or the last action did. Invitations and suggestions fail quietly. */
  error: ClientError | null;
  /** Makes `orgId` the active org (`null`: none); the session updates at once. */
  switchTo(orgId: string | null): Promise<boolean>;
  /** The org being switched to while the request is out (`null`: to none), else undefined. */
  switchingTo: string | null | undefined;
  /** Accepts an invitation (the caller joins the org). */
  accept(invitationId: string): Promise<boolean>;
  decline(invitationId: string): Promise<boolean>;
  /** Whether an accept or decline of this invitation is out. */
  isResponding(invitationId: string): boolean;
  /** Asks to join a suggested org; its admins decide. */
  requestToJoin(orgId: string): Promise<boolean>;
  isRequesting(orgId: string): boolean;
  /** Whether any of the actions above is out. */
  pending: boolean;
}

const ok = (result: { ok: boolean }) => result.ok;

/** Everything `<OrgSwitcher>` shows and does: my orgs, my invitations, suggestions, switching. */
export function useOrgSwitcher(options: UseOrgSwitcherOptions = {}): UseOrgSwitcherResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const orgs = useOrgs();
  const userId = session.data?.user.id ?? null;
  const signedIn = session.status === 'authenticated';
  const invitations = useQuery(
    {
      ...orgQueries.invitations.mine(client, { userId }),
      enabled: signedIn && options.invitations !== false,
    },
    queryClient,
  );
  const suggestions = useQuery(
    {
      ...orgQueries.orgSuggestions.mine(client, { userId }),
      enabled: signedIn && options.suggestions !== false,
    },
    queryClient,
  );
  const switching = useAction(orgMutations.orgs.setActive(client));
  const accepting = useAction(orgMutations.invitations.acceptMine(client));
  const declining = useAction(orgMutations.invitations.declineMine(client));
  const requesting = useAction(orgMutations.membershipRequests.request(client));
  // The last action's failure, whichever it was (cleared when the next one starts).
  const [actionError, setActionError] = React.useState<ClientError | null>(null);
  const act = React.useCallback(
    async <V>(run: (v: V) => Promise<{ ok: true } | { ok: false; error: ClientError }>, v: V) => {
      setActionError(null);
      const result = await run(v);
      if (!result.ok) setActionError(result.error);
      return ok(result);
    },
    [],
  );
  return {
    state: orgs.state,
    orgs: orgs.items,
    hasMore: orgs.hasMore,
    loadMore: orgs.loadMore,
    active: session.data?.org ?? null,
    sessionLoading: session.status === 'loading',
    invitations: invitations.data ?? [],
    suggestions: suggestions.data ?? [],
    error: orgs.error ?? actionError,
    switchTo: React.useCallback((orgId) => act(switching.run, orgId), [act, switching.run]),
    switchingTo: switching.variables,
    accept: React.useCallback((id) => act(accepting.run, id), [act, accepting.run]),
    decline: React.useCallback((id) => act(declining.run, id), [act, declining.run]),
    isResponding: (id) => accepting.variables === id || declining.variables === id,
    requestToJoin: React.useCallback((orgId) => act(requesting.run, orgId), [act, requesting.run]),
    isRequesting: (orgId) => requesting.variables === orgId,
    pending: switching.pending || accepting.pending || declining.pending || requesting.pending,
  };
}
