import type { JWTVerifyGetKey } from 'jose';
import { AuthkitError } from '../domain/errors.js';
import { describeDevice } from '../domain/device.js';
import { newId } from '../domain/ids.js';
import type { AccessTokenClaims, Session, TokenResponse } from '../domain/types.js';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import type { CachePort } from '../ports/cache.js';
import type { Clock } from '../ports/clock.js';
import type { SessionRecord, StorePort, UserRecord } from '../ports/store.js';
import { mintAccessToken, type ActiveSigningKey } from '../tokens/access-token.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { randomToken } from '../tokens/opaque-token.js';
import { sha256Hex } from '../tokens/sha256.js';
import type { RequestContext } from './request-context.js';

export interface SessionServiceOptions {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  refreshGraceSeconds: number;
}

export interface IssuedTokens extends TokenResponse {
  refresh_token: string;
  session: SessionRecord;
}

const revokedKey = (sid: string) => `revoked-session:${sid}`;
const TOUCH_EVERY_MS = 60_000;

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
    ...(currentId === undefined ? {} : { current: record.id === currentId }),
  };
}

/** Sessions, their rotating refresh-token families, and the access tokens minted from them. */
export class SessionService {
  constructor(
    private readonly store: StorePort,
    private readonly cache: CachePort,
    private readonly keys: KeyRing,
    private readonly clock: Clock,
    private readonly options: SessionServiceOptions,
  ) {}

  /**
   * The key to sign with. Fetch it before opening a transaction: the key ring may read the store,
   * and on PGlite (one connection) a read outside an open transaction waits for it forever.
   */
  signingKey(): Promise<ActiveSigningKey> {
    return this.keys.current();
  }

  private async issue(
    tx: StorePort,
    session: SessionRecord,
    parentId: string | null,
    key: ActiveSigningKey,
  ): Promise<IssuedTokens> {
    const now = this.clock.now();
    const refreshToken = randomToken();
    await tx.refreshTokens.create({
      id: newId('rt'),
      sessionId: session.id,
      tokenHash: await sha256Hex(refreshToken),
      parentId,
      expiresAt: session.expiresAt,
    });
    const accessToken = await mintAccessToken(
      {
        sub: session.userId,
        sid: session.id,
        org: null,
        groups: [],
        labels: [],
        roles: [],
        plan: null,
        ent: [],
        scopes: [],
        amr: session.amr,
      },
      key,
      {
        issuer: this.options.issuer,
        audience: this.options.audience,
        ttlSeconds: this.options.accessTokenTtlSeconds,
        now,
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

  /** Opens a session for a user who just proved who they are. Runs inside the caller's transaction. */
  async start(
    tx: StorePort,
    user: UserRecord,
    context: RequestContext,
    amr: string[],
    key: ActiveSigningKey,
  ): Promise<IssuedTokens> {
    const session = await tx.sessions.create({
      id: newId('ses'),
      userId: user.id,
      expiresAt: new Date(this.clock.now().getTime() + this.options.sessionTtlSeconds * 1000),
      ip: context.ip,
      userAgent: context.userAgent,
      device: describeDevice(context.userAgent),
      amr,
    });
    return this.issue(tx, session, null, key);
  }

  /**
   * Rotates a refresh token (RFC 9700 §4.14). A token used twice outside the grace window means it
   * leaked: the whole family (the session) is revoked. Inside the window a concurrent request from
   * the same browser gets a sibling token instead, so parallel tabs stay signed in.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const tokenHash = await sha256Hex(refreshToken);
    const key = await this.signingKey();
    const outcome = await this.store.transaction(async (tx) => {
      const now = this.clock.now();
      const record = await tx.refreshTokens.findByHash(tokenHash);
      if (!record || record.revokedAt || record.expiresAt <= now)
        return { kind: 'invalid' as const };
      const session = await tx.sessions.findById(record.sessionId);
      if (!session || session.revokedAt || session.expiresAt <= now)
        return { kind: 'invalid' as const };
      if (await this.isRevoked(session.id)) return { kind: 'invalid' as const };
      if (await tx.refreshTokens.markUsed(record.id, now)) {
        await tx.sessions.touch(session.id, now);
        return { kind: 'ok' as const, tokens: await this.issue(tx, session, record.id, key) };
      }
      const used = await tx.refreshTokens.findByHash(tokenHash);
      const usedAt = used?.usedAt?.getTime() ?? 0;
      if (now.getTime() - usedAt <= this.options.refreshGraceSeconds * 1000) {
        return {
          kind: 'ok' as const,
          tokens: await this.issue(tx, session, record.parentId ?? record.id, key),
        };
      }
      return { kind: 'reused' as const, session };
    });
    if (outcome.kind === 'ok') return outcome.tokens;
    if (outcome.kind === 'reused') {
      // Outside the transaction above, so the revocation commits even though the request fails.
      await this.revoke(outcome.session.id);
      await this.store.audit.append(
        {
          action: 'session.refresh_token_reused',
          actorType: 'system',
          targetType: 'session',
          targetId: outcome.session.id,
          data: { userId: outcome.session.userId },
        },
        this.clock.now(),
      );
    }
    throw new AuthkitError('invalid_token', 'refresh token is invalid, expired or revoked');
  }

  /** Revokes a session everywhere: DB row, refresh-token family, and a cache tombstone. */
  async revoke(sessionId: string): Promise<boolean> {
    const changed = await this.store.sessions.revoke(sessionId, this.clock.now());
    await this.tombstone(sessionId);
    return changed;
  }

  /** Outlives every access token of the session, so each instance sharing the cache rejects it. */
  private tombstone(sessionId: string): Promise<void> {
    return this.cache.set(revokedKey(sessionId), true, this.options.accessTokenTtlSeconds + 60);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.cache.get<boolean>(revokedKey(sessionId))) === true;
  }

  /** Verifies an access token against our own published keys. */
  async verify(token: string): Promise<AccessTokenClaims> {
    const getKey: JWTVerifyGetKey = await this.keys.keyGetter();
    return verifyAccessToken(token, {
      jwks: getKey,
      issuer: this.options.issuer,
      audience: this.options.audience,
      currentDate: this.clock.now(),
    });
  }

  /**
   * The live session behind an access token: the signature alone is not enough here, a revoked
   * session (tombstone in the cache, or revoked in the store) is rejected at once.
   */
  async resolve(token: string): Promise<{ claims: AccessTokenClaims; session: SessionRecord }> {
    const claims = await this.verify(token);
    if (await this.isRevoked(claims.sid))
      throw new AuthkitError('session_revoked', 'session has been revoked');
    const session = await this.store.sessions.findById(claims.sid);
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
    }
    return { claims, session };
  }

  list(userId: string): Promise<SessionRecord[]> {
    return this.store.sessions.listActiveForUser(userId, this.clock.now());
  }

  async revokeAllForUser(userId: string, exceptId?: string): Promise<string[]> {
    const ids = await this.store.sessions.revokeAllForUser(userId, this.clock.now(), exceptId);
    for (const id of ids) await this.tombstone(id);
    return ids;
  }
}
