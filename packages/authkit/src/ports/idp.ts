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

/** Passwords: the local adapter keeps credentials (argon2id hashes) in our store. */
export interface PasswordIdpPort {
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

/** Who the upstream provider says signed in: its ID token's claims, checked. */
export interface FederatedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only `true` when the provider asserts it (`email_verified`); linking by email needs it. */
  emailVerified: boolean;
  name: string | null;
  /** The ID token's claims and userinfo's, for claim mapping and display. */
  claims: Record<string, unknown>;
  /** For RP-initiated logout (`id_token_hint`). */
  idToken: string;
}

/** The provider's redirect back, with what this side kept of the request. */
export interface IdpCallbackInput {
  callbackUrl: URL;
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What the callback must bring back: kept server-side between the redirect and the callback. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * An upstream identity provider that owns login (OpenID Connect: Authentik, Keycloak, Okta,
 * Entra ID): the browser goes there and comes back with a code, while Catalyst keeps profiles,
 * orgs, sessions and keys.
 */
export interface IdpAdapterPort {
  /** The connection's id (`oidc` for the platform's own; an org's connection id otherwise). */
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  /** The provider's authorization URL, with fresh state, nonce and PKCE challenge. */
  authorize(input: {
    redirectUri: string;
    loginHint?: string | undefined;
  }): Promise<AuthorizationRequest>;
  /** Redeems the callback (code, state, nonce and PKCE checked) for the identity it proves. */
  callback(input: IdpCallbackInput): Promise<FederatedIdentity>;
  /** The provider's end-session URL (RP-initiated logout), or null when it offers none. */
  logoutUrl(input: {
    idTokenHint?: string | undefined;
    postLogoutRedirectUri: string;
  }): Promise<string | null>;
}
