'use client';
import {
  createDirectoryClient,
  type ClientError,
  type DirectoryClient,
  type DirectoryConnection,
  type DirectoryConnectionInput,
  type Result,
} from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, type DataState } from './data/core.js';
import { directoryMutations, directoryQueries } from './data/directory-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgGate } from './use-org-gate.js';
import { noOrgResult, refused, useGrantableRoles } from './use-sso-settings.js';

/** The permission behind an org's directory: owners hold it (a sync adds and removes members). */
export const DIRECTORY_PERMISSION = 'directory:manage';

/** How often the connection is read again while a run is going (a scheduled one, or another tab's). */
const RUNNING_POLL_MS = 5000;

export interface UseDirectorySettingsOptions {
  /** Default: `createDirectoryClient(client)` over the provider's client. */
  directory?: DirectoryClient;
}

export interface UseDirectorySettingsResult {
  /**
   * `empty` when no directory is connected (or without an org: `orgId` null); `forbidden` when
   * signed out or not an owner (nothing is asked for), or when the server refuses (403, 404).
   */
  state: DataState;
  orgId: string | null;
  /** The connection and its last run; never the credential. */
  connection: DirectoryConnection | null;
  /** Loading failed. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** Whether the caller holds `directory:manage` in the org. */
  canManage: boolean;
  /** What the directory may give people it adds: every org role but `owner`. */
  roles: string[];
  /** Connects or changes the directory; errors name the field (`baseUrl`, `credential`…). */
  save(input: DirectoryConnectionInput): Promise<Result<DirectoryConnection>>;
  saving: boolean;
  /** Disconnects the directory; members, their accounts and mirrored groups stay. */
  remove(): Promise<Result<null>>;
  removing: boolean;
  /**
   * Runs a sync now; resolves when it ends (`sync_in_progress` while another runs,
   * `idp_unavailable` when the directory cannot be read: its run is recorded as failed).
   */
  sync(): Promise<Result<DirectoryConnection>>;
  syncing: boolean;
  /** Why the last "sync now" failed, until the next one. */
  syncError: ClientError | null;
}

/** `createDirectoryClient(client)`, once per client, unless one is given. */
export function useDirectoryClient(given?: DirectoryClient): DirectoryClient {
  const client = useAuthClient();
  const own = React.useMemo(() => createDirectoryClient(client), [client]);
  return given ?? own;
}

/**
 * An org's directory (the active org unless `orgId`): its Authentik or Keycloak, synced into
 * the org's members and groups. Read it, connect or change it, sync now, disconnect. Owners
 * only (`directory:manage`); the credential is write-only.
 */
export function useDirectorySettings(
  orgId?: string | null,
  options: UseDirectorySettingsOptions = {},
): UseDirectorySettingsResult {
  const directory = useDirectoryClient(options.directory);
  const queryClient = useCatalystQueryClient();
  const gate = useOrgGate(orgId, DIRECTORY_PERMISSION);
  const query = useQuery(
    {
      ...directoryQueries.connection(directory, gate.scope),
      enabled: gate.scope.ready && gate.allowed,
      refetchInterval: (q) =>
        q.state.data?.lastRun?.status === 'running' ? RUNNING_POLL_MS : false,
    },
    queryClient,
  );
  const error = asClientError(query.error);
  const { names } = useGrantableRoles(gate.allowed ? orgId : null);
  const saving = useAction(directoryMutations.put(directory));
  const removing = useAction(directoryMutations.remove(directory));
  const syncing = useAction(directoryMutations.sync(directory));
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
  const { run: runSync, reset: resetSync } = syncing;
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
    remove: React.useCallback(async () => {
      if (id === null) return noOrgResult;
      const result = await runRemove({ orgId: id });
      // A sync failure said about the directory just removed would no longer be true.
      if (result.ok) resetSync();
      return result;
    }, [id, runRemove, resetSync]),
    removing: removing.pending,
    sync: React.useCallback(
      () => (id === null ? Promise.resolve(noOrgResult) : runSync({ orgId: id })),
      [id, runSync],
    ),
    syncing: syncing.pending,
    syncError: syncing.error,
  };
}
