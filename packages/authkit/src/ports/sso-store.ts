import type { ClaimRule } from '../domain/claim-mapping.js';

/** An org's own OpenID provider (`sso_connections`). */
export interface SsoConnectionRecord {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  clientId: string;
  /** The client secret sealed under the root secret; null for a public client (PKCE only). */
  clientSecretSealed: string | null;
  scopes: string[];
  /** The role a user gets when a sign-in here adds them to the org. */
  defaultRole: string;
  enabled: boolean;
  /** Users at the org's verified domains sign in only here (no password, no email link). */
  required: boolean;
  /** The provider's claims to roles, groups and labels (claim mapping). */
  claimRules: ClaimRule[];
  /** A sign-in that matches no rule takes the member out of the org. */
  deprovision: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type SsoConnectionWrite = Omit<
  SsoConnectionRecord,
  'orgId' | 'createdAt' | 'updatedAt' | 'claimRules' | 'deprovision'
>;

/** What the provider granted one member at their last sign-in (`sso_grants`). */
export interface SsoGrantRecord {
  userId: string;
  roles: string[];
  groups: string[];
  labels: string[];
  updatedAt: Date;
}

/** One org's connection: every statement filters on that org. */
export interface SsoConnectionRepository {
  get(): Promise<SsoConnectionRecord | null>;
  /** Creates or replaces the org's connection (one per org). */
  put(connection: SsoConnectionWrite, at: Date): Promise<SsoConnectionRecord>;
  delete(): Promise<boolean>;
  /** Replaces the claim rules; null when the org has no connection. */
  setMapping(
    mapping: Pick<SsoConnectionRecord, 'claimRules' | 'deprovision'>,
    at: Date,
  ): Promise<SsoConnectionRecord | null>;
  grantsOf(userId: string): Promise<SsoGrantRecord | null>;
  putGrants(grants: Omit<SsoGrantRecord, 'updatedAt'>, at: Date): Promise<void>;
  deleteGrants(userId: string): Promise<void>;
}

/** Lookups across orgs: a sign-in names a connection id, an email names a domain. */
export interface SsoConnectionLookups {
  /** The connection, in a live org. */
  byId(id: string): Promise<SsoConnectionRecord | null>;
  /** Enabled connections of live orgs that verified `domain`, oldest connection first. */
  forDomain(domain: string): Promise<SsoConnectionRecord[]>;
}
