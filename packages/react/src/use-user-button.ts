'use client';
import type { ClientError, Result, SessionPayload, User } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { profileQueries } from './data/profile-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAuthClient, useSession } from './hooks.js';

export type Impersonator = NonNullable<SessionPayload['impersonator']>;

export interface UseUserButtonResult {
  /** `forbidden` when nobody is signed in. */
  state: 'loading' | 'ready' | 'forbidden';
  user: User | null;
  /** The user's name, else their email. */
  displayName: string;
  /** Up to two letters of the name (or the email), for an avatar without an image. */
  initials: string;
  /** The avatar from `GET /me/profile`; null until it loads, or without one. */
  avatarUrl: string | null;
  /** The platform admin acting as this user (`GET /session`), or null. */
  impersonator: Impersonator | null;
  /**
   * Ends the impersonation (`DELETE /session/impersonation`): the admin's own session comes back
   * and the session store follows.
   */
  stopImpersonating(): Promise<Result<unknown>>;
  stopping: boolean;
  stopError: ClientError | null;
}

export function initialsOf(text: string): string {
  const words = text
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters =
    words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [...(words[0] ?? '')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** Who is signed in (and who is acting as them), for `<UserButton>` or your own account menu. */
export function useUserButton(): UseUserButtonResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const user = session.data?.user ?? null;
  const profile = useQuery(
    {
      ...profileQueries.profile.get(client, { userId: user?.id ?? null }),
      enabled: session.status === 'authenticated',
    },
    queryClient,
  );
  const [stopping, setStopping] = React.useState(false);
  const [stopError, setStopError] = React.useState<ClientError | null>(null);

  // A plain request, not `createAdminClient`: the admin namespace stays out of this bundle.
  const stopImpersonating = React.useCallback(async (): Promise<Result<unknown>> => {
    setStopping(true);
    setStopError(null);
    const result = await client.request('DELETE', '/session/impersonation');
    // The answer is the admin's session; reading it back also brings `platformRoles`.
    if (result.ok) await client.getSession();
    else setStopError(result.error);
    setStopping(false);
    return result;
  }, [client]);

  const displayName = user ? (user.name ?? user.email) : '';
  return {
    state: session.status === 'loading' ? 'loading' : user === null ? 'forbidden' : 'ready',
    user,
    displayName,
    initials: initialsOf(displayName),
    avatarUrl: profile.data?.avatarUrl ?? null,
    impersonator: session.data?.impersonator ?? null,
    stopImpersonating,
    stopping,
    stopError,
  };
}
