/** A user as the API shows it: never carries the password hash. */
export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One signed-in device. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  device: string | null;
  /** How the session was authenticated (RFC 8176): `pwd`, `otp`, `hwk`, `email`, and `mfa` after a second factor. */
  amr: string[];
  /** When the user last proved who they are (sign-in or step-up), ISO 8601. */
  authTime: string;
  /** Whether this session is the one making the request. */
  current?: boolean;
}

/**
 * The active org as the session sees it: the projection of the effective identity that the
 * access token's `org groups labels roles plan ent` claims carry.
 */
export interface ActiveOrg {
  id: string;
  slug: string;
  name: string;
  roles: string[];
  permissions: string[];
  groups: string[];
  labels: string[];
  plan: string | null;
  /** Entitled feature names (the `ent` claim). */
  features: string[];
}

export interface SessionPayload {
  user: User;
  session: Session;
  /** The active org, or null when none is selected (`POST /session/active-org`). */
  org: ActiveOrg | null;
  /** The user's platform roles (`admin`, `support`), on `GET /session`. */
  platformRoles?: string[];
  /** While a platform admin impersonates the user: who that admin is (the token's `act`). */
  impersonator?: { id: string; email: string; name: string | null } | null;
}

export type SignedOutPayload = { user: null; session: null; org?: null };

/** The claims Catalyst puts in an access token (RFC 9068 profile plus ours). */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  sid: string;
  org: string | null;
  groups: string[];
  labels: string[];
  roles: string[];
  plan: string | null;
  /** Entitled feature names in the active org. */
  ent: string[];
  /** Permissions in the active org (resolved from built-in and custom roles). */
  permissions?: string[];
  scopes: string[];
  amr: string[];
  /** When the user last authenticated (OIDC `auth_time`, epoch seconds); step-up checks it (RFC 9470). */
  auth_time?: number;
  /** RFC 9068 §2.2: the API key a token was exchanged for (`sid` carries the same id). */
  client_id?: string;
  /** RFC 8693 §4.1: the platform admin acting as `sub` (impersonation). */
  act?: { sub: string; iss?: string };
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

export type SigningAlgorithm = 'EdDSA' | 'RS256' | 'ES256';
