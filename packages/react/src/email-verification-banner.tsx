'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { useRequest } from './account-kit.js';
import { fillIn } from './account-parts.js';
import { VERIFY_EMAIL_WORDS } from './email-words.js';
import { useAuthClient, useUser } from './hooks.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';

export interface UseEmailVerificationResult {
  /** Whether the signed-in user's address still needs verifying (false signed out). */
  needed: boolean;
  email: string | null;
  state: 'idle' | 'pending' | 'error' | 'sent';
  error: ClientError | null;
  /** Sends the verification email again, to the signed-in user's address. */
  resend(): Promise<Result<{ sent: true }>>;
}

/** The signed-in user's email verification: whether it is needed, and a resend. */
export function useEmailVerification(): UseEmailVerificationResult {
  const client = useAuthClient();
  const user = useUser();
  const { pending, error, run } = useRequest();
  const [sent, setSent] = React.useState(false);
  const resend = React.useCallback(async () => {
    setSent(false);
    const result = await run(() => client.email.resendVerification());
    if (result.ok) setSent(true);
    return result;
  }, [client, run]);
  return {
    needed: user !== null && !user.emailVerified,
    email: user?.email ?? null,
    state: pending ? 'pending' : error ? 'error' : sent ? 'sent' : 'idle',
    error,
    resend,
  };
}

export type EmailVerificationBannerProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/**
 * `<EmailVerificationBanner />`: for a signed-in user whose address is not verified, a note and a
 * resend button (renders nothing otherwise). `data-state="idle|pending|error|sent"`.
 */
export function EmailVerificationBanner({ children, ...props }: EmailVerificationBannerProps) {
  const hook = useEmailVerification();
  const words = useWords('verifyEmail', VERIFY_EMAIL_WORDS);
  if (!hook.needed) return null;
  const email = hook.email ?? '';
  return (
    <Primitive.div
      role="region"
      aria-label={fillIn(words.banner, { email })}
      data-catalyst="email-verification-banner"
      data-state={hook.state}
      {...props}
    >
      {children ?? (
        <>
          <p data-catalyst="email-verification-banner-text">{fillIn(words.banner, { email })}</p>
          <button
            type="button"
            disabled={hook.state === 'pending'}
            data-catalyst="email-verification-banner-resend"
            onClick={() => void hook.resend()}
          >
            {words.resend}
          </button>
          <ErrorAlert error={hook.error} catalyst="error" />
          <span role="status" data-catalyst="email-verification-banner-status">
            {hook.state === 'sent' ? fillIn(words.bannerSent, { email }) : null}
          </span>
        </>
      )}
    </Primitive.div>
  );
}
