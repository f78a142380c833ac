import type { StorePort, UserRecord } from './store.js';

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
}

export interface SignInInput {
  email: string;
  password: string;
}

/**
 * Who owns login. The local-password adapter keeps credentials in our store; OIDC/Authentik
 * adapters (later) delegate to an upstream IdP while Catalyst keeps profiles, orgs and sessions.
 */
export interface IdpAdapterPort {
  readonly id: string;
  /** Creates the account through `store`; pass a transaction to make it part of a larger write. */
  signUp(store: StorePort, input: SignUpInput): Promise<UserRecord>;
  /** Returns the user, or throws `invalid_credentials` identically for unknown email and wrong password. */
  signIn(input: SignInInput): Promise<UserRecord>;
  /** Checks the current password, then stores the new one (throws `invalid_credentials` / `weak_password`). */
  changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void>;
  /**
   * Stores a new password without the current one (a reset link proved the owner), through
   * `store` (a transaction, so a weak password leaves the link unused); checks its strength.
   */
  setPassword(store: StorePort, userId: string, newPassword: string): Promise<void>;
  /** Whether `password` is the user's (step-up); costs one hash verification either way. */
  verifyPassword(userId: string, password: string): Promise<boolean>;
}
