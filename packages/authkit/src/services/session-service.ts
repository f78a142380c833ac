import { recordEvent } from './event-recorder.js';
import type { JWTVerifyGetKey } from 'jose';
import { AuthkitError } from '../domain/errors.js';
import { describeDevice } from '../domain/device.js';
import { assertNotBanned } from '../domain/ban.js';
import { newId } from '../domain/ids.js';
import type { AccessTokenClaims, TokenResponse, User } from '../domain/types.js';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import type { CachePort } from '../ports/cache.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { Clock } from '../ports/clock.js';
import type { SessionRecord, StorePort, UserRecord } from '../ports/store.js';
import { mintAccessToken, type ActiveSigningKey } from '../tokens/access-token.js';
import type { OrgClaims } from './identity-service.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { randomToken } from '../tokens/opaque-token.js';
import { createSecretBox } from '../tokens/secret-box.js';
import { sha256Hex } from '../tokens/sha256.js';
import { VerifiedTokenCache } from '../tokens/verified-token-cache.js';
import type { RequestContext } from './request-context.js';
import { SessionRecords } from './session-records.js';

export { toSession } from './session-records.js';

export interface SessionServiceOptions {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  refreshGraceSeconds: number;
  /** How long session and user records may be served from the cache (0: never). */
  recordCacheSeconds: number;
}

export interface IssuedTokens extends TokenResponse {
  refresh_token: string;
  session: SessionRecord;
}

const revokedKey = (sid: string) => `revoked-session:${sid}`;
const TOUCH_EVERY_MS = 60_000;
const SUCCESSOR_PURPOSE = 'refresh-successor';

type RefreshOutcome =
  | { kind: 'ok'; tokens: IssuedTokens }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfter: number }
  | { kind: 'reused'; session: SessionRecord };

/** Sessions, their rotating refresh-token families, and the access tokens minted from them. */
/** How a session came to be: an admin acting as the user, or a sign-in through an SSO provider. */
export interface SessionOrigin {
  impersonation?: { adminId: string; ttlSeconds: number };
  ssoConnectionId?: string;
}

export class SessionService {
  private readonly verified = new VerifiedTokenCache();
  private readonly records: SessionRecords;

  constructor(
    private readonly store: StorePort,
    private readonly cache: CachePort,
    private readonly keys: KeyRing,
    private readonly clock: Clock,
    private readonly options: SessionServiceOptions,
  ) {
    this.records = new SessionRecords(cache, options.recordCacheSeconds);
  }

  /**
   * The key to sign with. Fetch it before opening a transaction: the key ring may read the store,
   * and on PGlite (one connection) a read outside an open transaction waits for it forever.
   */
  signingKey(): Promise<ActiveSigningKey> {
    return this.keys.current();
  }

  /** Set by the runtime: refreshes per token family (session), DESIGN's 60/min by default. */
  refreshLimiter: RateLimiterPort | undefined;

  /** Set by the runtime: the active org's claims (the identity service reads the store). */
  orgClaims: (userId: string, orgId: string | null, store: StorePort) => Promise<OrgClaims> =
    async () => ({
      org: null,
      groups: [],
      labels: [],
      roles: [],
      plan: null,
      ent: [],
      permissions: [],
    });

  private async mint(
    session: SessionRecord,
    key: ActiveSigningKey,
    refreshToken: string,
    store: StorePort,
  ): Promise<IssuedTokens> {
    const claims = await this.orgClaims(session.userId, session.activeOrgId, store);
    const accessToken = await mintAccessToken(
      {
        sub: session.userId,
        sid: session.id,
        ...claims,
        scopes: [],
        amr: session.amr,
        auth_time: Math.floor(session.authTime.getTime() / 1000),
        ...(session.impersonatorId ? { act: { sub: session.impersonatorId } } : {}),
      },
      key,
      {
        issuer: this.options.issuer,
        audience: this.options.audience,
        ttlSeconds: this.options.accessTokenTtlSeconds,
        now: this.clock.now(),
      },
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlSeconds,
      refresh_token: refreshToken,
      session,
    };
  }

  private async issue(
    tx: StorePort,
    session: SessionRecord,
    parentId: string | null,
    key: ActiveSigningKey,
    refreshToken = randomToken(),
  ): Promise<IssuedTokens> {
    await tx.refreshTokens.create({
      id: newId('rt'),
      sessionId: session.id,
      tokenHash: await sha256Hex(refreshToken),
      parentId,
      expiresAt: session.expiresAt,
    });
    return this.mint(session, key, refreshToken, tx);
  }

  /** Opens a session for a user who just proved who they are. Runs inside the caller's transaction. */
  async start(
    tx: StorePort,
    user: UserRecord,
    context: RequestContext,
    amr: string[],
    key: ActiveSigningKey,
    origin: SessionOrigin = {},
  ): Promise<IssuedTokens> {
    assertNotBanned(user, this.clock.now());
    const { impersonation } = origin;
    const ttl = impersonation?.ttlSeconds ?? this.options.sessionTtlSeconds;
    const session = await tx.sessions.create({
      id: newId('ses'),
      userId: user.id,
      impersonatorId: impersonation?.adminId ?? null,
      ssoConnectionId: origin.ssoConnectionId ?? null,
      expiresAt: new Date(this.clock.now().getTime() + ttl * 1000),
      ip: context.ip,
      userAgent: context.userAgent,
      device: describeDevice(context.userAgent),
      amr,
      authTime: this.clock.now(),
    });
    return this.issue(tx, session, null, key);
  }

  /**
   * Rotates a refresh token (RFC 9700 §4.14). The winner of a rotation records its successor sealed
   * under a key derived from the presented token; a retry of the same token inside the grace window
   * gets that same successor back (two tabs refreshing together stay signed in, and a copied token
   * cannot start a second family). Outside the window a reused token revokes the whole session.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const tokenHash = await sha256Hex(refreshToken);
    const key = await this.signingKey();
    const box = await createSecretBox(refreshToken, SUCCESSOR_PURPOSE);
    const successor = randomToken();
    const sealed = await box.seal(successor);
    const outcome = await this.store.transaction(async (tx): Promise<RefreshOutcome> => {
      const now = this.clock.now();
      const record = await tx.refreshTokens.findByHash(tokenHash);
      if (!record || record.revokedAt || record.expiresAt <= now) return { kind: 'invalid' };
      const session = await tx.sessions.findById(record.sessionId);
      if (!session || session.revokedAt || session.expiresAt <= now) return { kind: 'invalid' };
      const limit = await this.refreshLimiter?.consume(session.id);
      if (limit && !limit.allowed) return { kind: 'limited', retryAfter: limit.retryAfterSeconds };
      if (await this.isRevoked(session.id)) return { kind: 'invalid' };
      if (await tx.refreshTokens.markUsed(record.id, now, sealed)) {
        await tx.sessions.touch(session.id, now);
        return { kind: 'ok', tokens: await this.issue(tx, session, record.id, key, successor) };
      }
      // Lost the race, or a retry: read the winner's committed successor.
      const used = await tx.refreshTokens.findByHash(tokenHash);
      const usedAt = used?.usedAt?.getTime() ?? 0;
      if (now.getTime() - usedAt > this.options.refreshGraceSeconds * 1000) {
        return { kind: 'reused', session };
      }
      if (!used?.successorSealed) return { kind: 'invalid' };
      const next = await box.open(used.successorSealed).catch(() => null);
      if (!next) return { kind: 'invalid' };
      const nextRecord = await tx.refreshTokens.findByHash(await sha256Hex(next));
      if (!nextRecord || nextRecord.revokedAt) return { kind: 'invalid' };
      return { kind: 'ok', tokens: await this.mint(session, key, next, tx) };
    });
    if (outcome.kind === 'ok') return outcome.tokens;
    if (outcome.kind === 'limited') {
      throw new AuthkitError('rate_limited', 'too many refreshes for this session', {
        retryAfter: outcome.retryAfter,
      });
    }
    if (outcome.kind === 'reused') {
      // Outside the transaction above, so the revocation commits even though the request fails.
      await this.revoke(outcome.session.id);
      await recordEvent(this.store, this.clock, {
        action: 'session.refresh_token_reused',
        actorType: 'system',
        targetType: 'session',
        targetId: outcome.session.id,
        data: { userId: outcome.session.userId },
      });
    }
    throw new AuthkitError('invalid_token', 'refresh token is invalid, expired or revoked');
  }

  /**
   * Ends every refresh token of a live session and issues a fresh one (after a password change:
   * a copied refresh token of this very session must stop working too).
   */
  async rotateSession(sessionId: string): Promise<IssuedTokens> {
    const key = await this.signingKey();
    return this.store.transaction(async (tx) => {
      const session = await tx.sessions.findById(sessionId);
      if (!session || session.revokedAt) {
        throw new AuthkitError('session_revoked', 'session has ended');
      }
      await tx.refreshTokens.revokeForSession(sessionId, this.clock.now());
      return this.issue(tx, session, null, key);
    });
  }

  /**
   * Switches the session's active org and re-mints: the refresh family rotates so every token
   * from now on carries the new org's claims.
   */
  async switchOrg(sessionId: string, orgId: string | null): Promise<IssuedTokens> {
    const key = await this.signingKey();
    const tokens = await this.store.transaction(async (tx) => {
      const session = await tx.sessions.findById(sessionId);
      if (!session || session.revokedAt) {
        throw new AuthkitError('session_revoked', 'session has ended');
      }
      await tx.sessions.setActiveOrg(sessionId, orgId);
      await tx.refreshTokens.revokeForSession(sessionId, this.clock.now());
      return this.issue(tx, { ...session, activeOrgId: orgId }, null, key);
    });
    await this.records.forgetSession(sessionId);
    return tokens;
  }

  /**
   * Step-up (RFC 9470): the user proved a factor again, so `auth_time` moves to now and the methods
   * join the session's `amr`; the refresh family rotates and the new access token says so.
   */
  async reauthenticate(sessionId: string, amr: readonly string[]): Promise<IssuedTokens> {
    const key = await this.signingKey();
    const tokens = await this.store.transaction(async (tx) => {
      const session = await tx.sessions.findById(sessionId);
      if (!session || session.revokedAt) {
        throw new AuthkitError('session_revoked', 'session has ended');
      }
      const merged = [...new Set([...session.amr, ...amr])];
      const updated = await tx.sessions.markAuthenticated(sessionId, this.clock.now(), merged);
      if (!updated) throw new AuthkitError('session_revoked', 'session has ended');
      await tx.refreshTokens.revokeForSession(sessionId, this.clock.now());
      return this.issue(tx, updated, null, key);
    });
    await this.records.forgetSession(sessionId);
    return tokens;
  }

  /** The session a refresh token belongs to, used or not (sign-out with an expired access token). */
  async sessionOfRefreshToken(refreshToken: string): Promise<SessionRecord | null> {
    const record = await this.store.refreshTokens.findByHash(await sha256Hex(refreshToken));
    if (!record) return null;
    return this.store.sessions.findById(record.sessionId);
  }

  /** Revokes a session everywhere: DB row, refresh-token family, cached record and a tombstone. */
  async revoke(sessionId: string): Promise<boolean> {
    const changed = await this.store.sessions.revoke(sessionId, this.clock.now());
    await this.tombstone(sessionId);
    return changed;
  }

  /**
   * Marks a `sid` revoked in the shared cache for longer than any access token lives: sessions,
   * and API keys (whose exchanged tokens carry the key id as `sid`).
   */
  async markRevoked(sid: string): Promise<void> {
    await this.cache.set(revokedKey(sid), true, this.options.accessTokenTtlSeconds + 60);
  }

  /** Outlives every access token of the session, so each instance sharing the cache rejects it. */
  private async tombstone(sessionId: string): Promise<void> {
    await this.cache.set(revokedKey(sessionId), true, this.options.accessTokenTtlSeconds + 60);
    await this.records.forgetSession(sessionId);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.cache.get<boolean>(revokedKey(sessionId))) === true;
  }

  /** Verifies an access token against our own published keys (remembered until it expires). */
  async verify(token: string): Promise<AccessTokenClaims> {
    const now = this.clock.now();
    const known = this.verified.get(token, now);
    if (known) return known;
    const getKey: JWTVerifyGetKey = await this.keys.keyGetter();
    const claims = await verifyAccessToken(token, {
      jwks: getKey,
      issuer: this.options.issuer,
      audience: this.options.audience,
      currentDate: now,
    });
    this.verified.set(token, claims, now);
    return claims;
  }

  /**
   * The live session behind an access token: the signature alone is not enough here, a revoked
   * session (tombstone in the cache, or revoked in the store) is rejected at once. Cache-first: a
   * repeat request does no signature work and no query.
   */
  async resolve(token: string): Promise<{ claims: AccessTokenClaims; session: SessionRecord }> {
    const claims = await this.verify(token);
    if (claims.client_id !== undefined || claims.amr.includes('key')) {
      throw new AuthkitError(
        'key_token_not_accepted',
        'tokens exchanged for API keys are for your services; this API needs a session',
      );
    }
    if (await this.isRevoked(claims.sid))
      throw new AuthkitError('session_revoked', 'session has been revoked');
    const session = await this.records.session(claims.sid, () =>
      this.store.sessions.findById(claims.sid),
    );
    const now = this.clock.now();
    if (
      !session ||
      session.revokedAt ||
      session.expiresAt <= now ||
      session.userId !== claims.sub
    ) {
      throw new AuthkitError('session_revoked', 'session has ended');
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.store.sessions.touch(session.id, now);
      session.lastSeenAt = now;
      await this.records.rememberSession(session);
    }
    return { claims, session };
  }

  /** A user's public profile, cache-first. */
  user(userId: string): Promise<User | null> {
    return this.records.user(userId, () => this.store.users.findById(userId));
  }

  /** A user's platform roles, cache-first (forgotten with the user). */
  platformRoles(userId: string): Promise<string[]> {
    return this.records.platformRoles(userId, () => this.store.users.findById(userId));
  }

  /** Call after any change to a user's record. */
  forgetUser(userId: string): Promise<void> {
    return this.records.forgetUser(userId);
  }

  list(userId: string): Promise<SessionRecord[]> {
    return this.store.sessions.listActiveForUser(userId, this.clock.now());
  }

  /** After a transaction revoked sessions in the store: their access tokens stop at once. */
  async forgetRevoked(sessionIds: readonly string[]): Promise<void> {
    for (const id of sessionIds) await this.tombstone(id);
  }

  async revokeAllForUser(userId: string, exceptId?: string): Promise<string[]> {
    const ids = await this.store.sessions.revokeAllForUser(userId, this.clock.now(), exceptId);
    for (const id of ids) await this.tombstone(id);
    return ids;
  }
}
