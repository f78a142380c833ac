/** Persistence for account recovery and second factors (issue 11). */

export type OneTimePurpose =
  | 'email_verification'
  | 'email_change'
  | 'password_reset'
  | 'magic_link'
  | 'sign_in_pending'
  | 'webauthn_registration'
  | 'webauthn_authentication'
  | 'sso_state';

export interface OneTimeTokenRecord {
  id: string;
  purpose: OneTimePurpose;
  tokenHash: string;
  userId: string | null;
  email: string | null;
  codeHash: string | null;
  bindingHash: string | null;
  data: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type NewOneTimeToken = Pick<
  OneTimeTokenRecord,
  'id' | 'purpose' | 'tokenHash' | 'userId' | 'email' | 'expiresAt'
> &
  Partial<Pick<OneTimeTokenRecord, 'codeHash' | 'bindingHash' | 'data'>>;

export interface OneTimeTokenRepository {
  create(token: NewOneTimeToken): Promise<OneTimeTokenRecord>;
  /** The record with this hash and purpose, used or not (callers tell "used" from "unknown"). */
  find(purpose: OneTimePurpose, tokenHash: string): Promise<OneTimeTokenRecord | null>;
  /** Marks it used if it is still unused and unexpired; false when another request won. */
  consume(id: string, at: Date): Promise<boolean>;
  /** Counts a failed attempt; returns the new count. */
  countAttempt(id: string): Promise<number>;
  /** The newest live token of `purpose` sent to `email` (email codes are looked up this way). */
  latestForEmail(
    purpose: OneTimePurpose,
    email: string,
    at: Date,
  ): Promise<OneTimeTokenRecord | null>;
  /** Ends every live token of `purpose` for a user (a new link replaces the old ones). */
  invalidateForUser(userId: string, purposes: readonly OneTimePurpose[], at: Date): Promise<number>;
  /** Deletes tokens that expired before `before`. */
  reapExpired(before: Date): Promise<number>;
}

export interface TotpFactorRecord {
  userId: string;
  secretEncrypted: string;
  confirmedAt: Date | null;
  lastUsedStep: number;
  createdAt: Date;
}

export interface TotpRepository {
  get(userId: string): Promise<TotpFactorRecord | null>;
  /** Replaces an unconfirmed factor; refuses (returns null) when a confirmed one exists. */
  startEnrolment(userId: string, secretEncrypted: string): Promise<TotpFactorRecord | null>;
  confirm(userId: string, step: number, at: Date): Promise<boolean>;
  /** Records `step` as used if it is newer than the last one; false for a replay. */
  useStep(userId: string, step: number): Promise<boolean>;
  remove(userId: string): Promise<boolean>;
}

export interface RecoveryCodeRepository {
  /** Replaces every code of the user with these hashes. */
  replace(userId: string, codeHashes: readonly string[], newId: () => string): Promise<void>;
  /** Marks the code used; false when unknown or already used. */
  consume(userId: string, codeHash: string, at: Date): Promise<boolean>;
  remaining(userId: string): Promise<number>;
  removeAll(userId: string): Promise<void>;
}

export interface PasskeyRecord {
  id: string;
  userId: string;
  name: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  aaguid: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type NewPasskey = Omit<PasskeyRecord, 'createdAt' | 'lastUsedAt'>;

export interface PasskeyRepository {
  create(passkey: NewPasskey): Promise<PasskeyRecord>;
  findById(id: string): Promise<PasskeyRecord | null>;
  listForUser(userId: string): Promise<PasskeyRecord[]>;
  countForUser(userId: string): Promise<number>;
  rename(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  /** Stores the authenticator's new signature counter and the time of use. */
  recordUse(id: string, counter: number, at: Date): Promise<void>;
  remove(userId: string, id: string): Promise<boolean>;
}

export interface AccountRepository {
  readonly tokens: OneTimeTokenRepository;
  readonly totp: TotpRepository;
  readonly recoveryCodes: RecoveryCodeRepository;
  readonly passkeys: PasskeyRepository;
}
