'use client';
import {
  isMfaChallenge,
  type ClientError,
  type MfaChallenge,
  type Result,
  type SessionPayload,
} from '@catalyst/authkit';
import * as React from 'react';
import { codeOf, useOncePerToken, useRequest } from './account-kit.js';
import { useAuthClient } from './hooks.js';

/**
 * The hooks of the emailed-link flows: magic link, forgot and reset password, email
 * verification. Every "send" answers the same whether or not the address has an account.
 */

/** `request` (the email form), `sent` (check your email; the code form), `second-factor`, `signed-in`. */
export type MagicLinkStep = 'request' | 'sent' | 'second-factor' | 'signed-in';

export interface UseMagicLinkResult {
  step: MagicLinkStep;
  /** The address the link went to (for the code form). */
  email: string | null;
  pending: boolean;
  error: ClientError | null;
  /** The second factor a verified link still needs. */
  challenge: MfaChallenge | null;
  request(email: string, redirectUrl?: string): Promise<Result<{ sent: true }>>;
  /** The link's token, or the emailed code (with the address of `request`, or `email`). */
  verify(
    proof: { token: string } | { code: string; email?: string },
  ): Promise<Result<SessionPayload | MfaChallenge>>;
  /** Back to the email form. */
  reset(): void;
}

export function useMagicLink(): UseMagicLinkResult {
  const client = useAuthClient();
  const { pending, error, setError, run } = useRequest();
  const [step, setStep] = React.useState<MagicLinkStep>('request');
  const [email, setEmail] = React.useState<string | null>(null);
  const [challenge, setChallenge] = React.useState<MfaChallenge | null>(null);
  const request = React.useCallback(
    async (address: string, redirectUrl?: string) => {
      const trimmed = address.trim();
      const result = await run(() =>
        client.magicLink.request({ email: trimmed, ...(redirectUrl ? { redirectUrl } : {}) }),
      );
      if (result.ok) {
        setEmail(trimmed);
        setStep('sent');
      }
      return result;
    },
    [client, run],
  );
  const verify = React.useCallback(
    async (proof: { token: string } | { code: string; email?: string }) => {
      const result = await run(() =>
        client.magicLink.verify(
          'token' in proof
            ? { token: proof.token }
            : { email: proof.email ?? email ?? '', code: proof.code.replace(/\s+/g, '') },
        ),
      );
      if (result.ok) {
        if (isMfaChallenge(result.data)) {
          setChallenge(result.data);
          setStep('second-factor');
        } else setStep('signed-in');
      }
      return result;
    },
    [client, email, run],
  );
  const reset = React.useCallback(() => {
    setStep('request');
    setError(null);
    setChallenge(null);
  }, [setError]);
  return { step, email, pending, error, challenge, request, verify, reset };
}

export interface UseForgotPasswordResult {
  state: 'idle' | 'pending' | 'error' | 'sent';
  email: string | null;
  error: ClientError | null;
  request(email: string): Promise<Result<{ sent: true }>>;
}

export function useForgotPassword(): UseForgotPasswordResult {
  const client = useAuthClient();
  const { pending, error, run } = useRequest();
  const [email, setEmail] = React.useState<string | null>(null);
  const request = React.useCallback(
    async (address: string) => {
      const trimmed = address.trim();
      const result = await run(() => client.password.forgot(trimmed));
      if (result.ok) setEmail(trimmed);
      return result;
    },
    [client, run],
  );
  return {
    state: pending ? 'pending' : error ? 'error' : email ? 'sent' : 'idle',
    email,
    error,
    request,
  };
}

/**
 * A link's token that the server refused: `invalid` (unknown, used, or not a token at all),
 * `expired`, else null (a failure the person can retry).
 */
export function refusedToken(error: ClientError | null): 'invalid' | 'expired' | null {
  const code = codeOf(error);
  if (code === 'token_expired') return 'expired';
  if (code === 'invalid_token' || (code === 'invalid_request' && error?.field === 'token'))
    return 'invalid';
  return null;
}

export type ResetPasswordState =
  'loading' | 'missing' | 'idle' | 'pending' | 'error' | 'invalid' | 'expired' | 'success';

export interface UseResetPasswordResult {
  /** `loading` until the URL is read, `missing` without a token. */
  state: ResetPasswordState;
  error: ClientError | null;
  reset(password: string): Promise<Result<{ reset: true }>>;
}

/** Sets a new password with the emailed token (every session of the account is signed out). */
export function useResetPassword(token: string | null | undefined): UseResetPasswordResult {
  const client = useAuthClient();
  const { pending, error, run } = useRequest();
  const [done, setDone] = React.useState(false);
  const reset = React.useCallback(
    async (password: string) => {
      const result = await run(() => client.password.reset({ token: token ?? '', password }));
      if (result.ok) setDone(true);
      return result;
    },
    [client, run, token],
  );
  const refused = refusedToken(error);
  return {
    state:
      token === undefined
        ? 'loading'
        : !token
          ? 'missing'
          : done
            ? 'success'
            : pending
              ? 'pending'
              : (refused ?? (error ? 'error' : 'idle')),
    error,
    reset,
  };
}

export type VerifyEmailState = 'loading' | 'missing' | 'verified' | 'invalid' | 'expired' | 'error';

export interface UseVerifyEmailResult {
  /** `loading` while the token is read and checked; `missing` without one. */
  state: VerifyEmailState;
  /** The address verified. */
  email: string | null;
  error: ClientError | null;
  resendState: 'idle' | 'pending' | 'error' | 'sent';
  resendError: ClientError | null;
  /** Sends a new link: to the signed-in user, or to `email`. */
  resend(email?: string): Promise<Result<{ sent: true }>>;
}

/** Verifies the emailed token once it is known (once, even under StrictMode). */
export function useVerifyEmail(token: string | null | undefined): UseVerifyEmailResult {
  const client = useAuthClient();
  const verifying = useRequest();
  const resending = useRequest();
  const [email, setEmail] = React.useState<string | null>(null);
  const [sent, setSent] = React.useState(false);
  const { run } = verifying;
  useOncePerToken(token, (value) => {
    void run(() => client.email.verify(value)).then((result) => {
      if (result.ok) setEmail(result.data.email);
    });
  });
  const { run: runResend } = resending;
  const resend = React.useCallback(
    async (address?: string) => {
      setSent(false);
      const result = await runResend(() =>
        client.email.resendVerification(address?.trim() || undefined),
      );
      if (result.ok) setSent(true);
      return result;
    },
    [client, runResend],
  );
  const refused = refusedToken(verifying.error);
  return {
    state:
      token === undefined
        ? 'loading'
        : !token
          ? 'missing'
          : email
            ? 'verified'
            : (refused ?? (verifying.error ? 'error' : 'loading')),
    email,
    error: verifying.error,
    resendState: resending.pending ? 'pending' : resending.error ? 'error' : sent ? 'sent' : 'idle',
    resendError: resending.error,
    resend,
  };
}
