'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { useUrlToken } from './account-kit.js';
import {
  fillIn,
  LiveStatus,
  PartText,
  type DivProps,
  type ParagraphProps,
} from './account-parts.js';
import { VERIFY_EMAIL_WORDS, type VerifyEmailWords } from './email-words.js';
import { lazyContext } from './form-kit.js';
import { useSession } from './hooks.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { useVerifyEmail, type UseVerifyEmailResult } from './use-email-flows.js';

interface VerifyContext extends UseVerifyEmailResult {
  id: string;
  words: VerifyEmailWords;
  continueUrl: string;
  signedIn: boolean;
}

const context = lazyContext<VerifyContext>('VerifyEmail');

export interface VerifyEmailProps extends Omit<DivProps, 'onError'> {
  /** The emailed token; default the page URL's `?token=`. */
  token?: string;
  /** Where `.Continue` leads once verified; default `/`. */
  continueUrl?: string;
  onVerified?: (email: string) => void;
  onError?: (error: ClientError) => void;
}

/** Checks the token once. `data-state="loading|missing|verified|invalid|expired|error"`. */
function Root({
  token: explicit,
  continueUrl = '/',
  onVerified,
  onError,
  ...props
}: VerifyEmailProps) {
  const token = useUrlToken(explicit);
  const hook = useVerifyEmail(token);
  const words = useWords('verifyEmail', VERIFY_EMAIL_WORDS);
  const signedIn = useSession().status === 'authenticated';
  const id = React.useId();
  const handlers = React.useRef({ onVerified, onError });
  handlers.current = { onVerified, onError };
  React.useEffect(() => {
    if (hook.email) handlers.current.onVerified?.(hook.email);
  }, [hook.email]);
  React.useEffect(() => {
    if (hook.error) handlers.current.onError?.(hook.error);
  }, [hook.error]);
  const Context = context.get();
  return (
    <Context.Provider value={{ ...hook, id, words, continueUrl, signedIn }}>
      <Primitive.div
        data-catalyst="verify-email"
        data-state={hook.state}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Announces the check and its success (a live region, always present). */
function Status(props: ParagraphProps) {
  const ctx = context.use('Status');
  const text =
    ctx.state === 'loading'
      ? ctx.words.verifying
      : ctx.state === 'verified'
        ? fillIn(ctx.words.verified, { email: ctx.email ?? '' })
        : null;
  return <LiveStatus catalyst="verify-email-status" text={text} {...props} />;
}

/** Why the link did not verify (missing, invalid or used, expired, or the server's error). */
function Problem(props: ParagraphProps) {
  const ctx = context.use('Problem');
  if (ctx.state === 'error')
    return <ErrorAlert error={ctx.error} catalyst="verify-email-error" {...props} />;
  const text =
    ctx.state === 'missing'
      ? ctx.words.missingToken
      : ctx.state === 'invalid'
        ? ctx.words.invalid
        : ctx.state === 'expired'
          ? ctx.words.expired
          : null;
  if (!text) return null;
  return (
    <PartText
      role="alert"
      catalyst="verify-email-problem"
      data-reason={ctx.state}
      text={text}
      {...props}
    />
  );
}

/** The link onwards, once verified. */
function Continue({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.a>) {
  const ctx = context.use('Continue');
  if (ctx.state !== 'verified') return null;
  return (
    <Primitive.a
      asChild={asChild}
      href={ctx.continueUrl}
      data-catalyst="verify-email-continue"
      {...props}
    >
      {asChild ? children : (children ?? ctx.words.continue)}
    </Primitive.a>
  );
}

/**
 * Sends a new link when this one cannot be used: to the signed-in user's address, or (signed
 * out) to the address typed in its field. The answer is the same either way.
 */
function Resend(props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.form>, 'onSubmit'>) {
  const ctx = context.use('Resend');
  const [email, setEmail] = React.useState('');
  if (!['missing', 'invalid', 'expired', 'error'].includes(ctx.state)) return null;
  const pending = ctx.resendState === 'pending';
  return (
    <Primitive.form
      noValidate
      data-catalyst="verify-email-resend"
      data-state={ctx.resendState}
      aria-label={ctx.words.resend}
      {...props}
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void ctx.resend(ctx.signedIn ? undefined : email);
      }}
    >
      {!ctx.signedIn && (
        <div data-catalyst="field" data-name="email">
          <label htmlFor={`${ctx.id}-email`} data-catalyst="label">
            {ctx.words.email}
          </label>
          <input
            id={`${ctx.id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            disabled={pending}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-catalyst="input"
          />
        </div>
      )}
      <ErrorAlert error={ctx.resendError} catalyst="error" />
      <button type="submit" disabled={pending} data-catalyst="submit">
        {ctx.words.resend}
      </button>
      <span role="status" data-catalyst="verify-email-resend-status">
        {ctx.resendState === 'sent' ? ctx.words.sent : null}
      </span>
    </Primitive.form>
  );
}

function DefaultVerifyEmail(props: VerifyEmailProps) {
  return (
    <Root {...props}>
      <Status />
      <Problem />
      <Continue />
      <Resend />
    </Root>
  );
}

/**
 * `<VerifyEmail />` is the page the verification email opens (`/verify-email?token=…`): it checks
 * the token once and says whether the address is verified; an invalid or expired link offers a
 * new one. Compose your own from `VerifyEmail.Root`, `.Status`, `.Problem`, `.Continue` and `.Resend`.
 */
export const VerifyEmail = Object.assign(DefaultVerifyEmail, {
  Root,
  Status,
  Problem,
  Continue,
  Resend,
});
