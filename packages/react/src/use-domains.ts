'use client';
import type { ClientError, DomainMode, OrgDomain, Result } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, type DataState } from './data/core.js';
import { domainMutations, domainQueries } from './data/domain-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgGate } from './use-org-gate.js';

/** What is being done to one domain. */
export type DomainAction = 'verify' | 'update' | 'remove';

export interface UseDomainsResult {
  /**
   * `empty` also without an org; `forbidden` when signed out or without `domains:manage` there
   * (the list is not even asked for), or when the server refuses.
   */
  state: DataState;
  orgId: string | null;
  domains: OrgDomain[];
  /** Loading the list failed. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `domains:manage` in the org. */
  canManage: boolean;
  /** Claims a domain: the answer carries the TXT record to publish. */
  add(input: { domain: string; mode?: DomainMode }): Promise<Result<OrgDomain>>;
  adding: boolean;
  /** Looks the TXT record up now; fails with `409 domain_not_verified` until it is published. */
  verify(domainId: string): Promise<Result<OrgDomain>>;
  /** `suggest`: people at the domain see the org and ask to join; `auto_join`: they join. */
  setMode(domainId: string, mode: DomainMode): Promise<Result<OrgDomain>>;
  remove(domainId: string): Promise<Result<null>>;
  /** The last verify, mode change or removal that failed, and on which domain. */
  failure: { domainId: string; action: DomainAction; error: ClientError } | null;
  /** The action in flight on a domain, if any. */
  pending(domainId: string): DomainAction | null;
}

const noOrg: { ok: false; error: ClientError } = {
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
};

/** An org's domains (the active org unless `orgId`): add, verify by DNS TXT record, remove. */
export function useDomains(orgId?: string | null): UseDomainsResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const gate = useOrgGate(orgId, 'domains:manage');
  const { scope, allowed: canManage } = gate;
  const id = scope.orgId;
  const query = useQuery(
    { ...domainQueries.domains.list(client, scope), enabled: scope.ready && canManage },
    queryClient,
  );
  const adding = useAction(domainMutations.domains.add(client));
  const verifying = useAction(domainMutations.domains.verify(client));
  const updating = useAction(domainMutations.domains.update(client));
  const removing = useAction(domainMutations.domains.remove(client));
  const [failure, setFailure] = React.useState<UseDomainsResult['failure']>(null);

  /** Runs an action on one domain, keeping its failure (or clearing the last one). */
  const perform = React.useCallback(
    async <R>(
      domainId: string,
      action: DomainAction,
      run: (orgId: string) => Promise<Result<R>>,
    ): Promise<Result<R>> => {
      if (id === null) return noOrg;
      setFailure(null);
      const result = await run(id);
      if (!result.ok) setFailure({ domainId, action, error: result.error });
      return result;
    },
    [id],
  );
  const loadError = asClientError(query.error);
  const domains = query.data ?? [];
  const { refetch } = query;
  const { run: runAdd } = adding;
  const { run: runVerify } = verifying;
  const { run: runUpdate } = updating;
  const { run: runRemove } = removing;
  return {
    state: gate.state(dataState(query.isPending, loadError, domains.length)),
    orgId: id,
    domains,
    error: loadError,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    canManage,
    add: React.useCallback(
      (input) => (id === null ? Promise.resolve(noOrg) : runAdd({ orgId: id, ...input })),
      [id, runAdd],
    ),
    adding: adding.pending,
    verify: React.useCallback(
      (domainId) => perform(domainId, 'verify', (org) => runVerify({ orgId: org, domainId })),
      [perform, runVerify],
    ),
    setMode: React.useCallback(
      (domainId, mode) =>
        perform(domainId, 'update', (org) => runUpdate({ orgId: org, domainId, mode })),
      [perform, runUpdate],
    ),
    remove: React.useCallback(
      (domainId) => perform(domainId, 'remove', (org) => runRemove({ orgId: org, domainId })),
      [perform, runRemove],
    ),
    failure,
    pending: (domainId) =>
      verifying.variables?.domainId === domainId
        ? 'verify'
        : updating.variables?.domainId === domainId
          ? 'update'
          : removing.variables?.domainId === domainId
            ? 'remove'
            : null,
  };
}
