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
  /** Whether this session is the one making the request. */
  current?: boolean;
}

export interface SessionPayload {
  user: User;
  session: Session;
}

export type SignedOutPayload = { user: null; session: null };

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
  ent: string[];
  scopes: string[];
  amr: string[];
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

export type SigningAlgorithm = 'EdDSA' | 'RS256' | 'ES256';
