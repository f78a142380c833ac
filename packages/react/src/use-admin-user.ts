'use client';
import type {
  AdminUser,
  AdminUserDetail,
  ClientError,
  Result,
  SessionPayload,
} from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { adminMutations, adminQueries } from './data/admin-resources.js';
import { asClientError, dataState, type DataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useAdminAccess, type AdminAccessResult } from './use-admin-users.js';

/** The writes on one user, by name (what `pending` reports). */
export type AdminUserAction =
  | 'update'
  | 'setPlatformRoles'
  | 'ban'
  | 'unban'
  | 'signOutEverywhere'
  | 'sendPasswordReset'
  | 'resetMfa'
  | 'impersonate'
  | 'delete';

export interface UseAdminUserResult extends AdminAccessResult {
  /** `empty` without a user id; `forbidden` without a platform role or on the server's 401/403. */
  state: DataState;
  detail: AdminUserDetail | null;
  user: AdminUser | null;
  /** Loading failed (a write's failure is its result). */
  error: ClientError | null;
  reload(): Promise<void>;
  /** The write in flight, if any. */
  pending: AdminUserAction | null;
  update(edit: { name?: string | null; labels?: string[] }): Promise<Result<AdminUser>>;
  setPlatformRoles(roles: Array<'admin' | 'support'>): Promise<Result<AdminUser>>;
  /** Ends every session of the user; `expiresAt` (ISO) lifts the ban by itself. */
  ban(ban?: { reason?: string | null; expiresAt?: string | null }): Promise<Result<AdminUser>>;
  unban(): Promise<Result<AdminUser>>;
  signOutEverywhere(): Promise<Result<{ sessions: number }>>;
  sendPasswordReset(): Promise<Result<null>>;
  resetMfa(): Promise<Result<null>>;
  /** Opens a session as the user in this browser: the session store switches to it. */
  impersonate(): Promise<Result<SessionPayload>>;
  delete(): Promise<Result<null>>;
}

/**
 * One user as platform staff see them (`GET /admin/users/{id}`: profile, memberships, sessions,
 * keys, second factors, recent events) with every write on them. `null` loads nothing.
 */
export function useAdminUser(userId: string | null): UseAdminUserResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useAdminAccess();
  const target = userId ?? '';
  const query = useQuery(
    {
      ...adminQueries.users.detail(client, { userId: access.userId, targetId: target }),
      enabled: access.canRead && userId !== null,
    },
    queryClient,
  );
  const error = asClientError(query.error);
  const loaded = dataState(query.isPending, error, 1);
  const state: DataState =
    access.access === 'loading'
      ? 'loading'
      : access.access === 'none'
        ? 'forbidden'
        : userId === null
          ? 'empty'
          : loaded;

  const actions = {
    update: useAction(adminMutations.users.update(client, target)),
    setPlatformRoles: useAction(adminMutations.users.setPlatformRoles(client, target)),
    ban: useAction(adminMutations.users.ban(client, target)),
    unban: useAction(adminMutations.users.unban(client, target)),
    signOutEverywhere: useAction(adminMutations.users.signOutEverywhere(client, target)),
    sendPasswordReset: useAction(adminMutations.users.sendPasswordReset(client, target)),
    resetMfa: useAction(adminMutations.users.resetMfa(client, target)),
    impersonate: useAction(adminMutations.users.impersonate(client, target)),
    delete: useAction(adminMutations.users.delete(client, target)),
  } satisfies Record<AdminUserAction, { pending: boolean }>;
  const pending =
    (Object.keys(actions) as AdminUserAction[]).find((name) => actions[name].pending) ?? null;
  const { refetch } = query;
  const removeDetail = actions.delete.run;

  return {
    ...access,
    state,
    detail: query.data ?? null,
    user: query.data?.user ?? null,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    pending,
    update: actions.update.run,
    setPlatformRoles: actions.setPlatformRoles.run,
    ban: (ban = {}) => actions.ban.run(ban),
    unban: () => actions.unban.run(),
    signOutEverywhere: () => actions.signOutEverywhere.run(),
    sendPasswordReset: () => actions.sendPasswordReset.run(),
    resetMfa: () => actions.resetMfa.run(),
    impersonate: () => actions.impersonate.run(),
    delete: async () => {
      const result = await removeDetail();
      // Gone: a refetch of the detail could only answer 404.
      if (result.ok) queryClient.removeQueries({ queryKey: adminQueries.users.detailOf(target) });
      return result;
    },
  };
}
