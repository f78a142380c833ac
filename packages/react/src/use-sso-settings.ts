'use client';
import {
  createSsoClient,
  type ClientError,
  type OrgSsoClient,
  type OrgSsoConnection,
  type Result,
  type SsoConnectionInput,
} from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { ssoMutations, ssoQueries } from './data/sso-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgGate } from './use-org-gate.js';
import { useRoles } from './use-roles.js';

/** The permission behind an org's provider and its rules: owners hold it, admins do not. */
export const SSO_PERMISSION = 'sso:manage';

export interface UseSsoSettingsOptions {
  /** Default: `createSsoClient(client).org` over the provider's client. */
  sso?: OrgSsoClient;
}

export interface UseSsoSettingsResult {
  /**
   * `empty` when no provider is connected (or without an org: `orgId` null); `forbidden` when
   * signed out or not an owner (nothing is asked for), or when the server refuses (403, 404).
   */
  state: DataState;
  orgId: string | null;
  connection: OrgSsoConnection | null;
  /** Loading failed. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `sso:manage` in the org. */
  canManage: boolean;
  /** What a first sign-in can give: every org role but `owner` (built-ins first). */
  roles: string[];
  /** Connects or changes the provider; errors name the field (`issuer`, `defaultRole.0`…). */
  save(input: SsoConnectionInput): Promise<Result<OrgSsoConnection>>;
  saving: boolean;
  /** Disconnects the provider (its rules go too); members keep their accounts. */
  remove(): Promise<Result<null>>;
  removing: boolean;
}

export const noOrgResult: { ok: false; error: ClientError } = {
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
};

/** `createSsoClient(client).org`, once per client, unless one is given. */
export function useOrgSso(given?: OrgSsoClient): OrgSsoClient {
  const client = useAuthClient();
  const own = React.useMemo(() => createSsoClient(client).org, [client]);
  return given ?? own;
}

/** The server hides an org from non-members (404) and refuses non-owners (403). */
export const refused = (error: ClientError | null) =>
  error !== null && (error.status === 401 || error.status === 403 || error.status === 404);

/** The org's provider as a query (shared by `useSsoSettings` and `useClaimMapping`). */
export function useSsoConnection(orgId: string | null | undefined, sso: OrgSsoClient) {
  const queryClient = useCatalystQueryClient();
  const gate = useOrgGate(orgId, SSO_PERMISSION);
  const query = useQuery(
    { ...ssoQueries.connection(sso, gate.scope), enabled: gate.scope.ready && gate.allowed },
    queryClient,
  );
  return { gate, query, error: asClientError(query.error) };
}

/** The roles a rule or a first sign-in may give: every org role but `owner`. */
export function useGrantableRoles(orgId: string | null | undefined) {
  const roles = useRoles(orgId);
  const names = React.useMemo(
    () => roles.roles.map((role) => role.name).filter((name) => name !== 'owner'),
    [roles.roles],
  );
  return { roles, names };
}

/**
 * An org's own OpenID provider (the active org unless `orgId`): read it, connect or change it,
 * disconnect it. Owners only (`sso:manage`); the client secret is never returned.
 */
export function useSsoSettings(
  orgId?: string | null,
  options: UseSsoSettingsOptions = {},
): UseSsoSettingsResult {
  const sso = useOrgSso(options.sso);
  const { gate, query, error } = useSsoConnection(orgId, sso);
  const { names } = useGrantableRoles(gate.allowed ? orgId : null);
  const saving = useAction(ssoMutations.put(sso));
  const removing = useAction(ssoMutations.remove(sso));
  const id = gate.scope.orgId;
  const connection = query.data ?? null;
  const loaded: DataState = error
    ? refused(error)
      ? 'forbidden'
      : 'error'
    : query.isPending
      ? 'loading'
      : connection
        ? 'ready'
        : 'empty';
  const { refetch } = query;
  const { run: runSave } = saving;
  const { run: runRemove } = removing;
  return {
    state: gate.state(loaded),
    orgId: id,
    connection,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    canManage: gate.allowed,
    roles: names,
    save: React.useCallback(
      (input) =>
        id === null ? Promise.resolve(noOrgResult) : runSave({ orgId: id, connection: input }),
      [id, runSave],
    ),
    saving: saving.pending,
    remove: React.useCallback(
      () => (id === null ? Promise.resolve(noOrgResult) : runRemove({ orgId: id })),
      [id, runRemove],
    ),
    removing: removing.pending,
  };
}
