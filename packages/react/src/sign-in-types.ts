import type { MfaChallenge, Result, SessionPayload, SsoClient } from '@catalyst/authkit';
import type * as React from 'react';

/** The steps of a sign-in after its password form (`<SignIn>` renders them, loaded on demand). */

/**
 * Where a sign-in is: the password form, a second factor its answer asked for (`MfaChallenge`),
 * or the emailed-link form (`email`: what the password form held).
 */
export type SignInStep =
  | { kind: 'password' }
  | { kind: 'second-factor'; challenge: MfaChallenge }
  | { kind: 'magic-link'; email: string };

/** What a step after the password form is given (`<SignIn>` renders it, loaded on demand). */
export interface SignInStepProps {
  step: Exclude<SignInStep, { kind: 'password' }>;
  redirectUrl: string | undefined;
  fallbackRedirectUrl: string;
  allowedRedirectHosts: readonly string[] | undefined;
  disableRedirect: boolean | undefined;
  onSuccess: ((payload: SessionPayload) => void) | undefined;
  /** Back to the password form. */
  back(): void;
}

export interface StepRenderer {
  render(props: SignInStepProps): React.JSX.Element;
  /** Starts loading the steps' code (called when the form is submitted). */
  preload(): void;
}

/** An org's own provider, found from an email's verified domain (`POST /sso/route`). */
export interface SignInSsoRoute {
  id: string;
  name: string;
  /** The org signs its domain's people in only through this provider (no password). */
  required: boolean;
}

/**
 * What `<SignIn sso={…}>` uses of `createSsoClient(…)`: the instance's providers, where a
 * sign-in starts, and (when the client has it) the org provider of an email's domain.
 */
export type SignInSso = Pick<SsoClient, 'providers' | 'startUrl'> & {
  route?(email: string): Promise<Result<{ connection: SignInSsoRoute | null }>>;
};

/** `<SignIn.Providers>`: the provider buttons, org routing by email, and `?error=` messages. */
export interface SignInProvidersProps extends React.ComponentPropsWithoutRef<'div'> {
  sso: SignInSso;
  /** The code of a failed provider sign-in; default: the page URL's `?error=`. */
  error?: string | null;
  /** Where the provider sends the browser back to; default: `redirect_url`, else `fallback`. */
  returnTo?: string | undefined;
  /** Without `returnTo` or `redirect_url` (SignIn passes its `fallbackRedirectUrl`); default `/`. */
  fallback?: string | undefined;
}
