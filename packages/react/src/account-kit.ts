'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import * as React from 'react';
import { resolveRedirect } from './credentials-form.js';
import { fieldDomId } from './form-kit.js';
import type { PasskeyCeremonyWords } from './security-words.js';

/**
 * What the account-security components share (issue 11): error codes, the redirect after a
 * sign-in, the token of an emailed link, focus moving to the next step.
 */

/**
 * An error's code as a string: the account-security codes (`step_up_required`, `invalid_code`,
 * `token_expired`, …) and the passkey ceremony's own are compared without the client's union.
 */
export const codeOf = (error: ClientError | null | undefined): string | undefined => error?.code;

/** A wrong code belongs to the field (`aria-invalid`), whatever the server called it. */
export const codeOnField = (error: ClientError | null): ClientError | null =>
  error &&
  (['invalid_code', 'invalid_credentials'].includes(codeOf(error) ?? '') ||
    ['code', 'recoveryCode', 'password'].includes(error.field ?? ''))
    ? { ...error, field: 'code' }
    : error;

/** Where to go once signed in: the options every sign-in step shares with `<SignIn>`. */
export interface RedirectOptions {
  /** Default: the `redirect_url` query parameter, else `fallbackRedirectUrl`. */
  redirectUrl?: string;
  fallbackRedirectUrl?: string;
  /** Other hosts `redirect_url` may send the browser to (`*.example.com`, over https). */
  allowedRedirectHosts?: readonly string[];
  /** Stay on the page (you navigate in the completion callback). */
  disableRedirect?: boolean;
}

/** A full navigation to the target (server components render with the new cookies); false when disabled. */
export function redirectAfterSignIn(options: RedirectOptions): boolean {
  if (options.disableRedirect) return false;
  window.location.assign(
    resolveRedirect(
      options.redirectUrl,
      options.fallbackRedirectUrl ?? '/',
      options.allowedRedirectHosts,
    ),
  );
  return true;
}

/** Only the redirect options of a props object (to hand them down to the next step). */
export const redirectOptions = (props: RedirectOptions): RedirectOptions => ({
  redirectUrl: props.redirectUrl,
  fallbackRedirectUrl: props.fallbackRedirectUrl,
  allowedRedirectHosts: props.allowedRedirectHosts,
  disableRedirect: props.disableRedirect,
});

const noSubscribe = () => () => {};

/**
 * `explicit`, else the page URL's `?token=` (or `param`): `undefined` on the server and while
 * hydrating, `null` when the URL has none.
 */
export function useUrlToken(explicit?: string, param = 'token'): string | null | undefined {
  const fromUrl = React.useSyncExternalStore(
    noSubscribe,
    () => new URLSearchParams(window.location.search).get(param),
    () => undefined,
  );
  return explicit ?? fromUrl;
}

/** Runs `run(token)` once per token (not twice under StrictMode), once the token is known. */
export function useOncePerToken(
  token: string | null | undefined,
  run: (token: string) => void,
): void {
  const done = React.useRef<string | null>(null);
  const latest = React.useRef(run);
  latest.current = run;
  React.useEffect(() => {
    if (!token || done.current === token) return;
    done.current = token;
    latest.current(token);
  }, [token]);
}

/** Moves the focus to a form's field (by the id `makeFormParts` gives it) when `key` changes. */
export function useFocusField(id: string, name: string, key: unknown, enabled = true): void {
  React.useLayoutEffect(() => {
    if (enabled) document.getElementById(fieldDomId(id, name))?.focus();
  }, [id, name, key, enabled]);
}

/** Focuses what `ref` holds when `key` changes to a truthy value (a status or the next step). */
export function useFocusOn<T extends HTMLElement>(key: unknown): React.RefObject<T | null> {
  const ref = React.useRef<T>(null);
  React.useLayoutEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return ref;
}

/** The passkey ceremony's failures, in the component's words (they never reach a server). */
export function localizeCeremony(
  error: ClientError | null,
  words: PasskeyCeremonyWords,
): ClientError | null {
  switch (codeOf(error)) {
    case 'passkey_cancelled':
      return { ...error!, message: words.passkeyCancelled };
    case 'passkey_unsupported':
      return { ...error!, message: words.passkeyUnsupported };
    case 'passkey_failed':
      return { ...error!, message: words.passkeyFailed };
    default:
      return error;
  }
}

/** A client-side failure (an empty field, passwords that differ) shaped like the server's. */
export function fieldError(field: string, message: string): { ok: false; error: ClientError } {
  return { ok: false, error: { code: 'invalid_request', status: 400, message, field } };
}

/** Sets `pending` around `run` and keeps the failure in `error`: the core of every small form hook. */
export function useRequest() {
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<ClientError | null>(null);
  const run = React.useCallback(async <T>(call: () => Promise<Result<T>>): Promise<Result<T>> => {
    setPending(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) setError(result.error);
      return result;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}
