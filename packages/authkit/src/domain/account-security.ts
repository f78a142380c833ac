/**
 * Account recovery and second factors as the API shows them (issue 11). Browser-safe: the React
 * and Svelte kits import these types and the guards below.
 */

/** Second factors a pending sign-in or a step-up can be completed with. */
export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';

/**
 * What `POST /sign-in` (and a magic-link sign-in) answers when a second factor is due: no session
 * yet, only the pending cookie. `enrolmentRequired`: an org the user belongs to requires MFA and
 * the user has none, so the pending state only allows enrolling TOTP.
 */
export interface MfaChallenge {
  mfaRequired: true;
  methods: SecondFactorMethod[];
  enrolmentRequired: boolean;
  /** When the pending state ends (ISO 8601). */
  expiresAt: string;
}

/** The caller's second factors (`GET /me/mfa`). */
export interface MfaStatus {
  totp: { enabled: boolean; confirmedAt: string | null };
  recoveryCodes: { remaining: number };
  passkeys: number;
  /** Whether an org the user belongs to requires a second factor. */
  required: boolean;
  /** The methods a step-up or second-factor challenge offers now. */
  methods: SecondFactorMethod[];
}

/** `POST /me/mfa/totp`: the shared secret (base32) and its otpauth:// URI for the QR code. */
export interface TotpEnrolment {
  secret: string;
  uri: string;
}

export interface RecoveryCodes {
  /** Ten single-use codes, shown once. */
  recoveryCodes: string[];
}

/** One registered passkey (`GET /me/passkeys`). */
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** `multiDevice`: synced (e.g. iCloud Keychain); `singleDevice`: bound to one authenticator. */
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  transports: string[];
}

/**
 * How a second factor (or a step-up) is proved. A passkey carries the WebAuthn JSON response as
 * `@simplewebauthn/browser`'s `startAuthentication` returns it (typed loosely: no browser types here).
 */
export type SecondFactorProof = { code: string } | { recoveryCode: string } | { passkey: object };

/** Step-up also accepts the password of an account that has no second factor. */
export type StepUpProof = SecondFactorProof | { password: string };

export function isMfaChallenge(value: unknown): value is MfaChallenge {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { mfaRequired?: unknown }).mfaRequired === true
  );
}
