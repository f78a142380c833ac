import type { WebhookRepository } from './webhook-store.js';
import type { UserIdentityRepository } from './identity-store.js';
import type { WorkloadPolicyLookups, WorkloadPolicyRepository } from './workload-store.js';
import type { SsoConnectionLookups, SsoConnectionRepository } from './sso-store.js';
import type {
  DirectoryConnectionLookups,
  DirectoryConnectionRepository,
} from './directory-store.js';
import type { AccountRepository } from './account-store.js';
import type { AdminOrgRepository, AdminUserRepository } from './admin-store.js';
import type { FileRepository, ProfileRepository } from './profile-store.js';
import type { ApiKeyRepository, OwnedKeyRepository } from './api-key-store.js';
import type {
  GroupRepository,
  InvitationRepository,
  InviteLinkRepository,
  MembershipRequestRepository,
  OrgDomainRepository,
  OrgRoleRepository,
  OutboxRepository,
  TenancyLookups,
  UserEntitlementRepository,
} from './tenancy-store.js';
import type { OrgProfile, OrgStatus } from '../domain/org.js';
import type { SigningAlgorithm } from '../domain/types.js';
import type { AuditChainBreak } from '../domain/audit-chain.js';

export interface UserRecord {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  passwordHash: string | null;
  labels: string[];
  platformRoles: string[];
  createdAt: Date;
  updatedAt: Date;
  bannedAt: Date | null;
  banReason: string | null;
  /** A ban lifts itself at this time; null while banned: until an admin lifts it. */
  banExpiresAt: Date | null;
  lastActiveAt: Date | null;
}

export interface NewUser {
  id: string;
  email: string;
  name: string | null;
  passwordHash: string | null;
  emailVerified?: boolean;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
  device: string | null;
  amr: string[];
  /** When the user last proved who they are in this session (sign-in or step-up). */
  authTime: Date;
  activeOrgId: string | null;
  /** The platform admin who opened this session as the user (impersonation), else null. */
  impersonatorId: string | null;
  /** The SSO connection the user signed in through, else null. */
  ssoConnectionId: string | null;
}

export type NewSession = Pick<
  SessionRecord,
  'id' | 'userId' | 'expiresAt' | 'ip' | 'userAgent' | 'device' | 'amr'
> & { authTime?: Date; impersonatorId?: string | null; ssoConnectionId?: string | null };

export interface RefreshTokenRecord {
  id: string;
  sessionId: string;
  tokenHash: string;
  parentId: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  /** The successor, sealed with a key only this token's holder can derive (see refresh rotation). */
  successorSealed: string | null;
}

export type NewRefreshToken = Pick<
  RefreshTokenRecord,
  'id' | 'sessionId' | 'tokenHash' | 'parentId' | 'expiresAt'
>;

export interface SigningKeyRecord {
  kid: string;
  alg: SigningAlgorithm;
  publicJwk: Record<string, unknown>;
  privateJwkEncrypted: string;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
}

export interface AuditEventInput {
  action: string;
  actorType: 'user' | 'system' | 'anonymous' | 'workload';
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  orgId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditEventRecord extends Required<Omit<AuditEventInput, 'data'>> {
  seq: number;
  id: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** 1: the legacy global chain (before migration 0006); 2: the org's keyed chain. */
  schemaVersion: number;
}

/** Which events a query returns; every field narrows. */
export interface AuditQuery {
  /** One org's events; `null`: events without an org; absent: every event (platform admins). */
  orgId?: string | null | undefined;
  actorId?: string | undefined;
  /** Action names or glob patterns (`org.*`, `*`); an event matching any of them is kept. */
  actions?: readonly string[] | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** occurredAt >= since. */
  since?: Date | undefined;
  /** occurredAt < until. */
  until?: Date | undefined;
}

export interface AuditPage {
  /** `desc`: newest first, rows with seq below `after`; `asc`: oldest first, seq above it. */
  order: 'asc' | 'desc';
  after?: number | undefined;
  limit: number;
}

/** One chain's verification: `break` names the first tampered row, null when intact. */
export interface AuditVerification {
  chain: string;
  count: number;
  break: AuditChainBreak | null;
}

export interface AuditPruneResult {
  chain: string;
  deleted: number;
  /** The seq of the last deleted row; verification resumes after it. */
  checkpointSeq: number;
}

export interface UserRepository {
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(normalizedEmail: string): Promise<UserRecord | null>;
  /** The users holding any of these (normalized) addresses: at most one each. */
  findByEmails(normalizedEmails: readonly string[]): Promise<UserRecord[]>;
  updatePasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
  count(): Promise<number>;
  setLabels(id: string, labels: string[], at: Date): Promise<UserRecord | null>;
  markEmailVerified(id: string, at: Date): Promise<void>;
  /** Replaces the platform roles (`admin`, `support`); null when there is no such user. */
  setPlatformRoles(id: string, roles: string[], at: Date): Promise<UserRecord | null>;
  /** Users ordered by id after `afterId` (operators' lists; the admin API has its own search). */
  listPage(page: { afterId?: string | undefined; limit: number }): Promise<UserRecord[]>;
  /** Switches the address (verified); false when another account holds it. */
  updateEmail(id: string, normalizedEmail: string, at: Date): Promise<boolean>;
}

export interface SessionRepository {
  create(session: NewSession): Promise<SessionRecord>;
  findById(id: string): Promise<SessionRecord | null>;
  listActiveForUser(userId: string, at: Date): Promise<SessionRecord[]>;
  touch(id: string, at: Date): Promise<void>;
  /** Marks the session revoked and revokes every refresh token in its family. Returns false if unknown. */
  revoke(id: string, at: Date): Promise<boolean>;
  /** Revokes every session of a user except `exceptId`; returns the revoked ids. */
  revokeAllForUser(userId: string, at: Date, exceptId?: string): Promise<string[]>;
  /**
   * Revokes the live sessions of people whose address is at one of `domains` (platform operators
   * aside) that did not start through `connectionId` (null: all), except `exceptId`; returns the
   * revoked ids.
   */
  revokeAtDomainsExcept(
    domains: readonly string[],
    connectionId: string | null,
    at: Date,
    exceptId?: string,
  ): Promise<string[]>;
  setActiveOrg(id: string, orgId: string | null): Promise<void>;
  /** Records a fresh authentication (step-up): `auth_time` moves to `at` and the methods are set. */
  markAuthenticated(id: string, at: Date, amr: string[]): Promise<SessionRecord | null>;
  /** Ids of sessions revoked at or after `since` (the revocation list forward-auth polls). */
  revokedSince(since: Date): Promise<string[]>;
  /** Deletes sessions and refresh tokens that expired before `before`; returns how many rows went. */
  reapExpired(before: Date): Promise<{ sessions: number; refreshTokens: number }>;
}

/** Token subjects (`sid`) revoked without a session or key to mark: a deleted trust policy. */
export interface TokenRevocationRepository {
  add(sid: string, at: Date): Promise<void>;
  /** Subjects revoked at or after `since` (joined into the revocation list). */
  revokedSince(since: Date): Promise<string[]>;
  /** Forgets revocations older than `before` (every token they name has expired); how many. */
  reap(before: Date): Promise<number>;
}

export interface RefreshTokenRepository {
  create(token: NewRefreshToken): Promise<RefreshTokenRecord>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Atomically marks a token used and records its sealed successor; false when another request already used it. */
  markUsed(id: string, at: Date, successorSealed: string): Promise<boolean>;
  /** Revokes every live refresh token of a session (a password change rotates the current session). */
  revokeForSession(sessionId: string, at: Date): Promise<void>;
}

export interface SigningKeyRepository {
  insert(key: SigningKeyRecord): Promise<void>;
  list(): Promise<SigningKeyRecord[]>;
  setRetiresAt(kid: string, retiresAt: Date): Promise<void>;
  /** Deletes keys (public and private material) whose `retiresAt` is at or before `at`; returns their kids. */
  deleteRetired(at: Date): Promise<string[]>;
}

export interface AuditRepository {
  /** Appends to the event's chain (its org, or the platform's) under that chain's lock. */
  append(event: AuditEventInput, at: Date): Promise<AuditEventRecord>;
  /** Appends events of one chain in order, under one lock (a sync's many changes); in order. */
  appendMany(events: readonly AuditEventInput[], at: Date): Promise<AuditEventRecord[]>;
  /** Newest first, every chain. */
  list(options?: { limit?: number; actorId?: string }): Promise<AuditEventRecord[]>;
  /** One page of the events `filter` selects, in `page.order` by seq. */
  query(filter: AuditQuery, page: AuditPage): Promise<AuditEventRecord[]>;
  /** Every chain that holds rows or a checkpoint: the legacy chain, `''` (platform), org ids. */
  chains(): Promise<string[]>;
  /** Rows of one chain with seq above `afterSeq`, oldest first (verification streams these). */
  chainPage(chain: string, afterSeq: number, limit: number): Promise<AuditEventRecord[]>;
  /** Walks one chain page by page with the key its rows were written under. */
  verify(chain: string, options?: { pageSize?: number }): Promise<AuditVerification>;
  /**
   * Retention: deletes, chain by chain, the oldest rows written before `before`, and leaves a
   * checkpoint at the last deleted row so the rest still verifies.
   */
  prune(before: Date, options?: { batchSize?: number }): Promise<AuditPruneResult[]>;
}

export interface OrgRecord {
  id: string;
  slug: string;
  name: string;
  status: OrgStatus;
  ownerId: string;
  profile: OrgProfile;
  settings: Record<string, unknown>;
  labels: string[];
  plan: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export type NewOrg = Pick<OrgRecord, 'id' | 'slug' | 'name' | 'ownerId' | 'profile' | 'settings'>;

export type OrgPatch = Partial<
  Pick<OrgRecord, 'name' | 'profile' | 'settings' | 'labels' | 'plan'>
>;

export interface MembershipRecord {
  orgId: string;
  userId: string;
  roles: string[];
  labelsDelta: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Queries that are not yet inside one org: creating one, and the caller's own list. */
export interface OrgRepository {
  /** Inserts the org and its owner's membership; throws on a taken slug (unique violation). */
  create(org: NewOrg, ownerRoles: string[]): Promise<OrgRecord>;
  /** Live orgs the user belongs to, with their roles there, ordered by org id after `cursor`. */
  listForUser(
    userId: string,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<Array<{ org: OrgRecord; roles: string[] }>>;
  countOwnedBy(userId: string): Promise<number>;
  /** A repository bound to one org: every query it runs is scoped by that org's id. */
  scoped(orgId: string): OrgScopedRepository;
}

export interface OrgScopedRepository {
  readonly orgId: string;
  /** The org if it is live (not deleted). */
  get(): Promise<OrgRecord | null>;
  membership(userId: string): Promise<MembershipRecord | null>;
  /** Which of these users are members of the org. */
  membersAmong(userIds: readonly string[]): Promise<Set<string>>;
  /** A user's platform roles (users are not org-scoped; platform admins act on any org). */
  platformRolesOf(userId: string): Promise<string[]>;
  update(patch: OrgPatch, at: Date): Promise<OrgRecord | null>;
  /** Soft delete: status `deleted`, the slug stays reserved. */
  softDelete(at: Date): Promise<boolean>;
  /** Members with their public profile, ordered by user id after `cursor`. */
  listMembers(page: {
    cursor?: string | undefined;
    limit: number;
  }): Promise<Array<{ membership: MembershipRecord; email: string; name: string | null }>>;
  addMember(userId: string, roles: string[]): Promise<MembershipRecord>;
  updateMember(
    userId: string,
    patch: Partial<Pick<MembershipRecord, 'roles' | 'labelsDelta'>>,
    at: Date,
  ): Promise<MembershipRecord | null>;
  removeMember(userId: string): Promise<boolean>;
  /** Members holding the `owner` role. */
  countOwners(): Promise<number>;
  countMembers(): Promise<number>;
  readonly groups: GroupRepository;
  readonly roles: OrgRoleRepository;
  readonly invitations: InvitationRepository;
  readonly inviteLinks: InviteLinkRepository;
  readonly domains: OrgDomainRepository;
  readonly requests: MembershipRequestRepository;
  readonly entitlements: UserEntitlementRepository;
  /** The org's API keys. */
  readonly keys: OwnedKeyRepository;
  readonly workloadPolicies: WorkloadPolicyRepository;
  /** The org's own OpenID provider (at most one). */
  readonly ssoConnection: SsoConnectionRepository;
  /** The org's directory (at most one) and what the sync linked. */
  readonly directory: DirectoryConnectionRepository;
}

/** Everything the core persists. Adapters: PGlite (embedded) and node-postgres. */
export interface StorePort {
  readonly driver: 'pglite' | 'postgres';
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly tokenRevocations: TokenRevocationRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly audit: AuditRepository;
  readonly orgs: OrgRepository;
  readonly tenancy: TenancyLookups;
  readonly outbox: OutboxRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly webhooks: WebhookRepository;
  /** One-time tokens, TOTP factors, recovery codes and passkeys. */
  readonly account: AccountRepository;
  /** Platform-wide user search and the admin writes (bans, deletes). */
  readonly adminUsers: AdminUserRepository;
  /** Every org, for `/admin/orgs`. */
  readonly adminOrgs: AdminOrgRepository;
  /** Users' editable profiles (name, locale, timezone, avatar, custom fields). */
  readonly profiles: ProfileRepository;
  /** Uploaded images, for the embedded StoragePort. */
  readonly files: FileRepository;
  /** Workload trust policies across orgs, for the token exchange (an org's own: `orgs.scoped`). */
  readonly workloadPolicies: WorkloadPolicyLookups;
  /** Users' identities at upstream OpenID providers (federated sign-in). */
  readonly identities: UserIdentityRepository;
  /** Org sign-in providers across orgs: by connection id, by verified domain. */
  readonly ssoConnections: SsoConnectionLookups;
  readonly directoryConnections: DirectoryConnectionLookups;
  /** Runs `fn` in one database transaction; any throw rolls every write back. */
  transaction<T>(fn: (store: StorePort) => Promise<T>): Promise<T>;
  /** Holds a transaction-scoped advisory lock for `fn`, serializing work across instances. */
  withLock<T>(name: string, fn: (store: StorePort) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
