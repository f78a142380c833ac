'use client';
import type { ClientError, Result, SessionPayload, TotpEnrolment } from '@catalyst/authkit';
import * as React from 'react';
import { codeOf, useRequest } from './account-kit.js';
import { secondFactorsChanged } from './account-events.js';
import { useAuthClient } from './hooks.js';

/**
 * `loading` while the secret is made, `error` when that failed, `scan` (show the QR code and ask
 * for a code), `done` (recovery codes on show), `enabled` when TOTP was already on.
 */
export type TotpSetupState = 'loading' | 'error' | 'scan' | 'done' | 'enabled';

export interface UseTotpSetupOptions {
  /**
   * During a sign-in that an org's policy holds until a second factor exists
   * (`MfaChallenge.enrolmentRequired`): the pending routes, and confirming signs in.
   */
  pending?: boolean;
}

export interface UseTotpSetupResult {
  state: TotpSetupState;
  /** The secret and its `otpauth://` URI, until confirmed. */
  enrolment: TotpEnrolment | null;
  /** Making the secret failed (a failed confirm is `confirmError`). */
  error: ClientError | null;
  confirming: boolean;
  confirmError: ClientError | null;
  /** The ten recovery codes after confirming: component state, shown once. */
  recoveryCodes: string[] | null;
  /** After a pending enrolment: the session it signed in. */
  session: SessionPayload | null;
  /** Asks for a new secret (done once on mount; again after a failure). */
  start(): Promise<Result<TotpEnrolment>>;
  confirm(code: string): Promise<Result<{ recoveryCodes: string[] }>>;
}

/** TOTP enrolment: a secret, its confirmation with a first code, then the recovery codes. */
export function useTotpSetup({ pending = false }: UseTotpSetupOptions = {}): UseTotpSetupResult {
  const client = useAuthClient();
  const starting = useRequest();
  const confirming = useRequest();
  const [enrolment, setEnrolment] = React.useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = React.useState<string[] | null>(null);
  const [session, setSession] = React.useState<SessionPayload | null>(null);
  const [started, setStarted] = React.useState(false);

  const { run: runStart } = starting;
  const start = React.useCallback(async () => {
    setStarted(true);
    const result = await runStart(() =>
      pending ? client.mfa.enrolTotpPending() : client.mfa.enrolTotp(),
    );
    if (result.ok) setEnrolment(result.data);
    return result;
  }, [client, pending, runStart]);

  // Once per mount (StrictMode's second effect run finds the ref set).
  const once = React.useRef(false);
  React.useEffect(() => {
    if (once.current) return;
    once.current = true;
    void start();
  }, [start]);

  const { run: runConfirm } = confirming;
  const confirm = React.useCallback(
    async (code: string) => {
      const text = code.replace(/\s+/g, '');
      const result = await runConfirm<{ recoveryCodes: string[] }>(async () => {
        if (!pending) return client.mfa.confirmTotp(text);
        const answer = await client.mfa.confirmTotpPending(text);
        if (answer.ok) {
          const { recoveryCodes, ...payload } = answer.data;
          setSession(payload);
          return { ok: true, data: { recoveryCodes } };
        }
        return answer;
      });
      if (result.ok) {
        setCodes(result.data.recoveryCodes);
        setEnrolment(null);
        if (!pending) secondFactorsChanged();
      }
      return result;
    },
    [client, pending, runConfirm],
  );

  const enabled = codeOf(starting.error) === 'mfa_already_enabled';
  return {
    state: codes
      ? 'done'
      : enrolment
        ? 'scan'
        : enabled
          ? 'enabled'
          : starting.error
            ? 'error'
            : !started || starting.pending
              ? 'loading'
              : 'error',
    enrolment,
    error: enabled ? null : starting.error,
    confirming: confirming.pending,
    confirmError: confirming.error,
    recoveryCodes: codes,
    session,
    start,
    confirm,
  };
}
