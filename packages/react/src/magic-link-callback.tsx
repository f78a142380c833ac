'use client';
import { isMfaChallenge, type ClientError, type SessionPayload } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import {
  codeOf,
  redirectAfterSignIn,
  redirectOptions,
  useOncePerToken,
  useUrlToken,
  type RedirectOptions,
} from './account-kit.js';
import { LiveStatus, PartText, type DivProps, type ParagraphProps } from './account-parts.js';
import { MAGIC_LINK_WORDS, type MagicLinkWords } from './email-words.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { TwoFactor } from './two-factor.js';
import { refusedToken, useMagicLink, type UseMagicLinkResult } from './use-email-flows.js';

/**
 * `loading` (reading and checking the token), `missing`, `invalid`, `expired`, `mismatch` (opened
 * in another browser), `error` (try again later), `second-factor`, `success`.
 */
export type MagicLinkCallbackState =
  | 'loading'
  | 'missing'
  | 'invalid'
  | 'expired'
  | 'mismatch'
  | 'error'
  | 'second-factor'
  | 'success';

interface CallbackContext {
  state: MagicLinkCallbackState;
  hook: UseMagicLinkResult;
  words: MagicLinkWords;
  redirect: RedirectOptions;
  requestUrl: string;
  onComplete: ((payload: SessionPayload) => void) | undefined;
}

const context = lazyContext<CallbackContext>('MagicLinkCallback');

export interface MagicLinkCallbackProps extends Omit<DivProps, 'onError'>, RedirectOptions {
  /** The link's token; default the page URL's `?token=`. */
  token?: string;
  /** Where `.RequestAgain` leads (the page with `<MagicLink>` or `<SignIn>`); default `/sign-in`. */
  requestUrl?: string;
  onComplete?: (payload: SessionPayload) => void;
  onError?: (error: ClientError) => void;
}

function stateOf(
  token: string | null | undefined,
  hook: UseMagicLinkResult,
): MagicLinkCallbackState {
  if (token === undefined) return 'loading';
  if (!token) return 'missing';
  if (hook.step === 'second-factor') return 'second-factor';
  if (hook.step === 'signed-in') return 'success';
  if (!hook.error) return 'loading';
  if (codeOf(hook.error) === 'link_browser_mismatch') return 'mismatch';
  return refusedToken(hook.error) ?? 'error';
}

/** Checks the link's token once (`POST /magic-link/verify`), then signs in and redirects. */
function Root({
  token: explicit,
  requestUrl = '/sign-in',
  onComplete,
  onError,
  ...rest
}: MagicLinkCallbackProps) {
  const redirect = redirectOptions(rest);
  const {
    redirectUrl: _r,
    fallbackRedirectUrl: _f,
    allowedRedirectHosts: _a,
    disableRedirect: _d,
    ...props
  } = rest;
  const token = useUrlToken(explicit);
  const hook = useMagicLink();
  const words = useWords('magicLink', MAGIC_LINK_WORDS);
  const { verify } = hook;
  useOncePerToken(token, (value) => {
    void verify({ token: value }).then((result) => {
      if (!result.ok) return onError?.(result.error);
      if (isMfaChallenge(result.data)) return;
      onComplete?.(result.data);
      // Where the person was going when they asked for the link (a same-origin path the server
      // kept) beats the page's fallback; an explicit redirectUrl or ?redirect_url= still wins.
      const asked = (result.data as { redirectUrl?: unknown }).redirectUrl;
      redirectAfterSignIn(
        typeof asked === 'string' ? { ...redirect, fallbackRedirectUrl: asked } : redirect,
      );
    });
  });
  const state = stateOf(token, hook);
  const Context = context.get();
  return (
    <Context.Provider value={{ state, hook, words, redirect, requestUrl, onComplete }}>
      <Primitive.div
        data-catalyst="magic-link-callback"
        data-state={state}
        aria-busy={state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Announces the check and the sign-in (a live region, always present). */
function Status(props: ParagraphProps) {
  const { state, words } = context.use('Status');
  const text = state === 'loading' ? words.verifying : state === 'success' ? words.signedIn : null;
  return <LiveStatus catalyst="magic-link-callback-status" text={text} {...props} />;
}

/** Why the link did not sign in (missing, invalid, expired, another browser, or the server's error). */
function Problem(props: ParagraphProps) {
  const { state, words, hook } = context.use('Problem');
  if (state === 'error')
    return <ErrorAlert error={hook.error} catalyst="magic-link-callback-error" {...props} />;
  const text =
    state === 'missing'
      ? words.missingToken
      : state === 'invalid'
        ? words.invalid
        : state === 'expired'
          ? words.expired
          : state === 'mismatch'
            ? words.mismatch
            : null;
  if (!text) return null;
  return (
    <PartText
      role="alert"
      catalyst="magic-link-callback-problem"
      data-reason={state}
      text={text}
      {...props}
    />
  );
}

/** A link to ask for a new one, when this one cannot sign in. */
function RequestAgain({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.a>) {
  const { state, words, requestUrl } = context.use('RequestAgain');
  if (!['missing', 'invalid', 'expired', 'mismatch', 'error'].includes(state)) return null;
  return (
    <Primitive.a
      asChild={asChild}
      href={requestUrl}
      data-catalyst="magic-link-request-again"
      {...props}
    >
      {asChild ? children : (children ?? words.requestAgain)}
    </Primitive.a>
  );
}

/** `<TwoFactor>` when the link still needs a second factor. */
function SecondFactor() {
  const { state, hook, redirect, onComplete } = context.use('SecondFactor');
  if (state !== 'second-factor' || !hook.challenge) return null;
  return (
    <TwoFactor challenge={hook.challenge} {...redirect} {...(onComplete ? { onComplete } : {})} />
  );
}

function DefaultMagicLinkCallback(props: MagicLinkCallbackProps) {
  return (
    <Root {...props}>
      <Status />
      <Problem />
      <RequestAgain />
      <SecondFactor />
    </Root>
  );
}

/**
 * `<MagicLinkCallback />` is the page the emailed link opens (`/sign-in/magic-link?token=…`): it
 * checks the token once, asks for a second factor if one is due, then redirects. Compose your own
 * from `MagicLinkCallback.Root`, `.Status`, `.Problem`, `.RequestAgain` and `.SecondFactor`.
 */
export const MagicLinkCallback = Object.assign(DefaultMagicLinkCallback, {
  Root,
  Status,
  Problem,
  RequestAgain,
  SecondFactor,
});
