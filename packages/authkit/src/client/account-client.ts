/** The client's account-security namespaces (issue 11): recovery, email flows, MFA, passkeys. */
import type {
  MfaChallenge,
  MfaStatus,
  Passkey,
  RecoveryCodes,
  SecondFactorProof,
  StepUpProof,
  TotpEnrolment,
} from '../domain/account-security.js';
import type { SessionPayload } from '../domain/types.js';
import type { Result } from './create-auth-client.js';
import type { Call } from './tenancy-client.js';

/** WebAuthn options as JSON (`PublicKeyCredentialCreationOptionsJSON` / `…RequestOptionsJSON`). */
export type WebAuthnOptionsJSON = Record<string, unknown> & { challenge: string };

export interface PasswordClient {
  /** Always answers `{ sent: true }` (202), whether or not the email has an account. */
  forgot(email: string): Promise<Result<{ sent: true }>>;
  /** Sets a new password with the emailed token; every session of the account is signed out. */
  reset(input: { token: string; password: string }): Promise<Result<{ reset: true }>>;
}

export interface EmailFlowsClient {
  /** Sends the verification email again: to the signed-in user, or to `email` (same answer either way). */
  resendVerification(email?: string): Promise<Result<{ sent: true }>>;
  /** Verifies an address (sign-up or a change of email) with the emailed token. */
  verify(token: string): Promise<Result<{ verified: true; email: string }>>;
  /** Starts a change of email: the new address gets a link; the account switches once it is used. */
  change(email: string): Promise<Result<{ pendingEmail: string }>>;
}

export interface MagicLinkClient {
  /** Emails a sign-in link and a one-time code; always `{ sent: true }`. */
  request(input: { email: string; redirectUrl?: string }): Promise<Result<{ sent: true }>>;
  /** Signs in with the link's token, or with the email and its one-time code. */
  verify(
    input: { token: string } | { email: string; code: string },
  ): Promise<Result<(SessionPayload & { redirectUrl: string | null }) | MfaChallenge>>;
}

export interface MfaClient {
  status(): Promise<Result<MfaStatus>>;
  /** Starts TOTP enrolment; the factor counts only once `confirmTotp` accepts a code. */
  enrolTotp(): Promise<Result<TotpEnrolment>>;
  confirmTotp(code: string): Promise<Result<RecoveryCodes>>;
  /** Needs a recent sign-in or step-up (`step_up_required` otherwise). */
  disableTotp(): Promise<Result<null>>;
  /** Replaces every recovery code; needs a recent sign-in or step-up. */
  regenerateRecoveryCodes(): Promise<Result<RecoveryCodes>>;
  /** During a pending sign-in that requires enrolment: start TOTP. */
  enrolTotpPending(): Promise<Result<TotpEnrolment>>;
  /** …and confirm it, which completes the sign-in. */
  confirmTotpPending(code: string): Promise<Result<RecoveryCodes & SessionPayload>>;
}

export interface PasskeysClient {
  list(): Promise<Result<{ passkeys: Passkey[] }>>;
  /** Creation options for `navigator.credentials.create` (e.g. `startRegistration`). */
  registrationOptions(): Promise<Result<WebAuthnOptionsJSON>>;
  /** `response`: what `startRegistration` returned. */
  register(input: { response: object; name?: string }): Promise<Result<Passkey>>;
  rename(id: string, name: string): Promise<Result<Passkey>>;
  /** Needs a recent sign-in or step-up; the last way into an account cannot be removed. */
  remove(id: string): Promise<Result<null>>;
  /**
   * Request options for `navigator.credentials.get`: the pending or signed-in user's passkeys,
   * or none (discoverable credentials) when signed out.
   */
  authenticationOptions(): Promise<Result<WebAuthnOptionsJSON>>;
  /** Signs in with a passkey alone (discoverable credential). */
  signIn(response: object): Promise<Result<SessionPayload>>;
}

export interface AccountSecurityClients {
  password: PasswordClient;
  email: EmailFlowsClient;
  magicLink: MagicLinkClient;
  mfa: MfaClient;
  passkeys: PasskeysClient;
  /** Completes a sign-in that answered `{ mfaRequired: true }`. */
  secondFactor(proof: SecondFactorProof): Promise<Result<SessionPayload>>;
  /**
   * The challenge of this browser's pending sign-in (after a redirect, e.g. `?mfa=required` from
   * a provider's callback); `unauthenticated` when none is pending.
   */
  pendingSignIn(): Promise<Result<MfaChallenge>>;
  /** Proves a recent factor again (RFC 9470 step-up); the session's `authTime` moves to now. */
  stepUp(proof: StepUpProof): Promise<Result<SessionPayload>>;
}

export function accountSecurityClients(
  call: Call,
  track: <T>(result: Result<T>) => Result<T>,
): AccountSecurityClients {
  const me = (path: string) => `/me${path}`;
  return {
    password: {
      forgot: (email) => call('POST', '/password/forgot', { email }),
      reset: (input) => call('POST', '/password/reset', input),
    },
    email: {
      resendVerification: (email) =>
        call('POST', '/email/verification', email === undefined ? {} : { email }),
      verify: (token) => call('POST', '/email/verify', { token }),
      change: (email) => call('POST', me('/email'), { email }),
    },
    magicLink: {
      request: (input) => call('POST', '/magic-link', input),
      verify: async (input) => track(await call('POST', '/magic-link/verify', input)),
    },
    mfa: {
      status: () => call('GET', me('/mfa')),
      enrolTotp: () => call('POST', me('/mfa/totp'), {}),
      confirmTotp: (code) => call('POST', me('/mfa/totp/confirm'), { code }),
      disableTotp: () => call('DELETE', me('/mfa/totp')),
      regenerateRecoveryCodes: () => call('POST', me('/mfa/recovery-codes'), {}),
      enrolTotpPending: () => call('POST', '/sign-in/mfa-enrolment/totp', {}),
      confirmTotpPending: async (code) =>
        track(await call('POST', '/sign-in/mfa-enrolment/totp/confirm', { code })),
    },
    passkeys: {
      list: () => call('GET', me('/passkeys')),
      registrationOptions: () => call('POST', me('/passkeys/options'), {}),
      register: (input) => call('POST', me('/passkeys'), input),
      rename: (id, name) => call('PATCH', me(`/passkeys/${encodeURIComponent(id)}`), { name }),
      remove: (id) => call('DELETE', me(`/passkeys/${encodeURIComponent(id)}`)),
      authenticationOptions: () => call('POST', '/sign-in/passkey/options', {}),
      signIn: async (response) => track(await call('POST', '/sign-in/passkey', { response })),
    },
    secondFactor: async (proof) => track(await call('POST', '/sign-in/second-factor', proof)),
    pendingSignIn: () => call('GET', '/sign-in/second-factor'),
    stepUp: async (proof) => track(await call('POST', me('/step-up'), proof)),
  };
}
