import type { MfaChallenge, SessionPayload } from '@catalyst/authkit';
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
