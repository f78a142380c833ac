import type { Session, User } from '../domain/types.js';
import type { CachePort } from '../ports/cache.js';
import type { SessionRecord, UserRecord } from '../ports/store.js';

// Cached as plain JSON (dates as epoch ms) so a shared cache such as Redis can hold them.
type CachedSession = Omit<
  SessionRecord,
  'createdAt' | 'lastSeenAt' | 'expiresAt' | 'revokedAt' | 'authTime'
> & {
  createdAt: number;
  authTime: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
};

const sessionKey = (id: string) => `session:${id}`;
const userKey = (id: string) => `user:${id}`;
const rolesKey = (id: string) => `platform-roles:${id}`;

export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    emailVerified: record.emailVerified,
    name: record.name,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** A session as the API shows it; `current` marks the caller's own. */
export function toSession(record: SessionRecord, currentId?: string): Session {
  return {
    id: record.id,
    userId: record.userId,
    createdAt: record.createdAt.toISOString(),
    lastSeenAt: record.lastSeenAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    ip: record.ip,
    userAgent: record.userAgent,
    device: record.device,
    amr: record.amr,
    authTime: record.authTime.toISOString(),
    ...(currentId === undefined ? {} : { current: record.id === currentId }),
  };
}

/**
 * Session records and users' public profiles through the CachePort, so the signed-in session check
 * needs no query. Every change goes through `forget*` / `remember*` here; `ttlSeconds` bounds how
 * stale another instance's private cache can be (0 turns caching off).
 */
export class SessionRecords {
  constructor(
    private readonly cache: CachePort,
    private readonly ttlSeconds: number,
  ) {}

  async session(
    id: string,
    load: () => Promise<SessionRecord | null>,
  ): Promise<SessionRecord | null> {
    if (this.ttlSeconds > 0) {
      const hit = await this.cache.get<CachedSession>(sessionKey(id));
      if (hit) {
        return {
          ...hit,
          createdAt: new Date(hit.createdAt),
          lastSeenAt: new Date(hit.lastSeenAt),
          expiresAt: new Date(hit.expiresAt),
          authTime: new Date(hit.authTime),
          revokedAt: hit.revokedAt === null ? null : new Date(hit.revokedAt),
        };
      }
    }
    const record = await load();
    if (record) await this.rememberSession(record);
    return record;
  }

  async rememberSession(record: SessionRecord): Promise<void> {
    if (this.ttlSeconds === 0) return;
    const cached: CachedSession = {
      ...record,
      createdAt: record.createdAt.getTime(),
      lastSeenAt: record.lastSeenAt.getTime(),
      expiresAt: record.expiresAt.getTime(),
      authTime: record.authTime.getTime(),
      revokedAt: record.revokedAt?.getTime() ?? null,
    };
    await this.cache.set(sessionKey(record.id), cached, this.ttlSeconds);
  }

  forgetSession(id: string): Promise<void> {
    return this.cache.delete(sessionKey(id));
  }

  /** The public profile only: a password hash never goes into a cache. */
  async user(id: string, load: () => Promise<UserRecord | null>): Promise<User | null> {
    if (this.ttlSeconds > 0) {
      const hit = await this.cache.get<User>(userKey(id));
      if (hit) return hit;
    }
    const record = await load();
    if (!record) return null;
    const user = toUser(record);
    if (this.ttlSeconds > 0) await this.cache.set(userKey(id), user, this.ttlSeconds);
    return user;
  }

  /** A user's platform roles (what `/session` shows the admin UI), cached beside the profile. */
  async platformRoles(id: string, load: () => Promise<UserRecord | null>): Promise<string[]> {
    if (this.ttlSeconds > 0) {
      const hit = await this.cache.get<string[]>(rolesKey(id));
      if (hit) return hit;
    }
    const roles = (await load())?.platformRoles ?? [];
    if (this.ttlSeconds > 0) await this.cache.set(rolesKey(id), roles, this.ttlSeconds);
    return roles;
  }

  async forgetUser(id: string): Promise<void> {
    await this.cache.delete(userKey(id));
    await this.cache.delete(rolesKey(id));
  }
}
