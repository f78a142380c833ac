'use client';
import type {
  ClaimMapping,
  ClientError,
  Group,
  MappingPreview,
  OrgSsoClient,
  Result,
} from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { ssoMutations, ssoQueries, type ClaimMappingInput } from './data/sso-resources.js';
import { useAction } from './data/use-resource.js';
import { useGroups } from './use-groups.js';
import {
  noOrgResult,
  refused,
  useGrantableRoles,
  useOrgSso,
  useSsoConnection,
} from './use-sso-settings.js';

export type { ClaimMappingInput } from './data/sso-resources.js';

export interface UseClaimMappingOptions {
  /** Default: `createSsoClient(client).org` over the provider's client. */
  sso?: OrgSsoClient;
}

export interface UseClaimMappingResult {
  /**
   * `empty` while no provider is connected (or without an org: `orgId` null): there is nothing
   * to map; `forbidden` when signed out or not an owner (nothing is asked for), or when the
   * server refuses. `loading` until the rules, the org's roles and its groups are in.
   */
  state: DataState;
  orgId: string | null;
  /** Whether the org has a provider. */
  connected: boolean;
  /** The saved rules. */
  mapping: ClaimMapping | null;
  /** Loading failed (the provider, its rules, the roles or the groups). */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `sso:manage` in the org. */
  canManage: boolean;
  /** The roles a rule may grant: every org role but `owner`. */
  roles: string[];
  /** The org's groups (the first page), what a rule may add people to. */
  groups: Group[];
  /** Replaces the rules; errors name the part at fault as a path (`rules.2.roles.0`). */
  save(mapping: ClaimMappingInput): Promise<Result<ClaimMapping>>;
  saving: boolean;
  /** What a sign-in with `claims` would get under `mapping` (else the saved rules); writes nothing. */
  preview(
    claims: Record<string, unknown>,
    mapping?: ClaimMappingInput,
  ): Promise<Result<MappingPreview>>;
  previewing: boolean;
}

/**
 * The claim rules of an org's provider (the active org unless `orgId`): the provider's claims
 * (`groups`, `realm_access.roles`…) to org roles, groups and labels at each sign-in, and whether a
 * sign-in that matches none takes the member out. Owners only (`sso:manage`).
 */
export function useClaimMapping(
  orgId?: string | null,
  options: UseClaimMappingOptions = {},
): UseClaimMappingResult {
  const sso = useOrgSso(options.sso);
  const queryClient = useCatalystQueryClient();
  const { gate, query: connection, error: connectionError } = useSsoConnection(orgId, sso);
  const connected = Boolean(connection.data);
  const mappingQuery = ssoQueries.mapping(sso, gate.scope);
  const mapping = useQuery(
    { ...mappingQuery, enabled: gate.scope.ready && connected },
    queryClient,
  );
  const [, , , userId, scopeOrg] = mappingQuery.queryKey;
  const mappingKey = React.useMemo(
    () => ['catalyst', 'org-sso', 'mapping', userId, scopeOrg] as const,
    [userId, scopeOrg],
  );
  const allowed = gate.allowed ? orgId : null;
  const { roles, names } = useGrantableRoles(allowed);
  const groups = useGroups(allowed);
  const saving = useAction(ssoMutations.setMapping(sso));
  const previewing = useAction(ssoMutations.preview(sso));
  const id = gate.scope.orgId;
  const error =
    connectionError ??
    asClientError(mapping.error) ??
    (connected ? (roles.error ?? groups.error) : null);
  const loaded: DataState = error
    ? refused(error)
      ? 'forbidden'
      : 'error'
    : connection.isPending
      ? 'loading'
      : !connected
        ? 'empty'
        : mapping.isPending || roles.state === 'loading' || groups.state === 'loading'
          ? 'loading'
          : 'ready';
  const { refetch: refetchConnection } = connection;
  const { refetch: refetchMapping } = mapping;
  const { run: runSave } = saving;
  const { run: runPreview } = previewing;
  return {
    state: gate.state(loaded),
    orgId: id,
    connected,
    mapping: mapping.data ?? null,
    error,
    reload: React.useCallback(async () => {
      await refetchConnection();
      await refetchMapping();
    }, [refetchConnection, refetchMapping]),
    canManage: gate.allowed,
    roles: names,
    groups: groups.groups,
    save: React.useCallback(
      async (input) => {
        if (id === null) return noOrgResult;
        const result = await runSave({ orgId: id, ...input });
        // The answer is the saved rules: "Discard" after a save goes back to them at once.
        if (result.ok) queryClient.setQueryData(mappingKey, result.data);
        return result;
      },
      [id, runSave, queryClient, mappingKey],
    ),
    saving: saving.pending,
    preview: React.useCallback(
      (claims, input) =>
        id === null
          ? Promise.resolve(noOrgResult)
          : runPreview({ orgId: id, claims, ...(input ? { mapping: input } : {}) }),
      [id, runPreview],
    ),
    previewing: previewing.pending,
  };
}
