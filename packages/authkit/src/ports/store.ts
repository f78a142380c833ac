import type { SigningAlgorithm } from '../domain/types.js';

export interface UserRecord {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  passwordHash: string | null;
  createdAt: Date;
  updatedAt: Date;
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
}

export type NewSession = Pick<
  SessionRecord,
  'id' | 'userId' | 'expiresAt' | 'ip' | 'userAgent' | 'device' | 'amr'
>;

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
  actorType: 'user' | 'system' | 'anonymous';
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  orgId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditEventRecord extends Required<Omit<AuditEventInput, 'data'>> {
  seq: number;
  id: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface UserRepository {
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(normalizedEmail: string): Promise<UserRecord | null>;
  updatePasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
  count(): Promise<number>;
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
  append(event: AuditEventInput, at: Date): Promise<AuditEventRecord>;
  list(options?: { limit?: number; actorId?: string }): Promise<AuditEventRecord[]>;
}

/** Everything the core persists. Adapters: PGlite (embedded) and node-postgres. */
export interface StorePort {
  readonly driver: 'pglite' | 'postgres';
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly audit: AuditRepository;
  /** Runs `fn` in one database transaction; any throw rolls every write back. */
  transaction<T>(fn: (store: StorePort) => Promise<T>): Promise<T>;
  /** Holds a transaction-scoped advisory lock for `fn`, serializing work across instances. */
  withLock<T>(name: string, fn: (store: StorePort) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
