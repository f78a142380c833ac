'use client';
import type { ClientError, Session } from '@catalyst/authkit';
import * as React from 'react';
import { useAuthClient } from './hooks.js';

export interface UseSessionsResult {
  status: 'loading' | 'ready' | 'error';
  sessions: Session[];
  error: ClientError | null;
  reload(): Promise<void>;
  /** Revokes a session (signs that device out at once) and reloads the list. */
  revoke(id: string): Promise<boolean>;
}

/** The signed-in user's active sessions, most recently used first. */
export function useSessions(): UseSessionsResult {
  const client = useAuthClient();
  const [state, setState] = React.useState<
    Pick<UseSessionsResult, 'status' | 'sessions' | 'error'>
  >({
    status: 'loading',
    sessions: [],
    error: null,
  });
  const reload = React.useCallback(async () => {
    const result = await client.listSessions();
    setState(
      result.ok
        ? { status: 'ready', sessions: result.data.sessions, error: null }
        : { status: 'error', sessions: [], error: result.error },
    );
  }, [client]);
  React.useEffect(() => {
    void reload();
  }, [reload]);
  const revoke = React.useCallback(
    async (id: string) => {
      const result = await client.revokeSession(id);
      if (!result.ok) setState((s) => ({ ...s, error: result.error }));
      await reload();
      return result.ok;
    },
    [client, reload],
  );
  return { ...state, reload, revoke };
}

export interface SessionListProps extends React.HTMLAttributes<HTMLUListElement> {
  /** Render one session yourself; the default shows device, IP and last activity. */
  renderSession?: (session: Session, revoke: () => Promise<boolean>) => React.ReactNode;
}

/** The user's devices with a revoke button for each other one. */
export function SessionList({ renderSession, ...props }: SessionListProps) {
  const { status, sessions, error, revoke } = useSessions();
  if (status === 'loading')
    return (
      <p data-catalyst="session-list" data-loading="">
        Loading sessions…
      </p>
    );
  return (
    <>
      {error ? (
        <p role="alert" data-catalyst-error="">
          {error.message}
        </p>
      ) : null}
      <ul data-catalyst="session-list" {...props}>
        {sessions.map((session) => (
          <li
            key={session.id}
            data-catalyst-session={session.id}
            data-current={session.current ? '' : undefined}
          >
            {renderSession ? (
              renderSession(session, () => revoke(session.id))
            ) : (
              <>
                <span data-catalyst-session-device="">{session.device ?? 'Unknown device'}</span>
                {session.current ? <span data-catalyst-session-current="">This device</span> : null}
                <span data-catalyst-session-ip="">{session.ip ?? ''}</span>
                <time data-catalyst-session-last-seen="" dateTime={session.lastSeenAt}>
                  {new Date(session.lastSeenAt).toLocaleString()}
                </time>
                {session.current ? null : (
                  <button
                    type="button"
                    data-catalyst-revoke=""
                    onClick={() => void revoke(session.id)}
                  >
                    Revoke
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
