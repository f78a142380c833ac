import { AuthkitError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/email.js';
import type { User } from '../domain/types.js';
import type { createLocalPasswordIdp } from '../adapters/idp/local-password-idp.js';
import type { Clock } from '../ports/clock.js';
import type { SignInInput, SignUpInput } from '../ports/idp.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { AuditEventInput, StorePort, UserRecord } from '../ports/store.js';
import type { RequestContext } from './request-context.js';
import type { IssuedTokens, SessionService } from './session-service.js';

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

export interface AuthServiceDeps {
  store: StorePort;
  idp: ReturnType<typeof createLocalPasswordIdp>;
  sessions: SessionService;
  clock: Clock;
  limiters: { perIp: RateLimiterPort; perEmail: RateLimiterPort; signUpPerIp: RateLimiterPort };
}

export interface SignedIn {
  user: UserRecord;
  tokens: IssuedTokens;
}

/** Sign-up, sign-in, sign-out and password change: the local-password flows end to end. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  private audit(tx: StorePort, event: AuditEventInput, context: RequestContext) {
    return tx.audit.append(
      { ...event, ip: context.ip, userAgent: context.userAgent },
      this.deps.clock.now(),
    );
  }

  async signUp(input: SignUpInput, context: RequestContext): Promise<SignedIn> {
    if (context.ip) {
      const verdict = await this.deps.limiters.signUpPerIp.consume(context.ip);
      if (!verdict.allowed) {
        throw new AuthkitError(
          'rate_limited',
          'too many sign-ups from this address; try again later',
          {
            retryAfter: verdict.retryAfterSeconds,
          },
        );
      }
    }
    const key = await this.deps.sessions.signingKey();
    return this.deps.store.transaction(async (tx) => {
      const user = await this.deps.idp.signUpIn(tx, input);
      const tokens = await this.deps.sessions.start(tx, user, context, ['pwd'], key);
      await this.audit(
        tx,
        {
          action: 'user.signed_up',
          actorType: 'user',
          actorId: user.id,
          targetType: 'user',
          targetId: user.id,
        },
        context,
      );
      return { user, tokens };
    });
  }

  /** An account made by an operator or a seed script: no session, no rate limit. */
  async createUser(
    input: SignUpInput,
    actor: { type: 'system' | 'user'; id?: string },
  ): Promise<UserRecord> {
    return this.deps.store.transaction(async (tx) => {
      const user = await this.deps.idp.signUpIn(tx, input);
      await tx.audit.append(
        {
          action: 'user.created',
          actorType: actor.type,
          actorId: actor.id ?? null,
          targetType: 'user',
          targetId: user.id,
        },
        this.deps.clock.now(),
      );
      return user;
    });
  }

  /** Both limits are charged before the password is checked, so probing costs the same either way. */
  private async limit(input: SignInInput, context: RequestContext): Promise<void> {
    const checks = [this.deps.limiters.perEmail.consume(normalizeEmail(input.email))];
    if (context.ip) checks.push(this.deps.limiters.perIp.consume(context.ip));
    const results = await Promise.all(checks);
    const denied = results.filter((r) => !r.allowed);
    if (denied.length > 0) {
      const retryAfter = Math.max(...denied.map((r) => r.retryAfterSeconds));
      throw new AuthkitError('rate_limited', 'too many sign-in attempts; try again later', {
        retryAfter,
      });
    }
  }

  async signIn(input: SignInInput, context: RequestContext): Promise<SignedIn> {
    await this.limit(input, context);
    let user: UserRecord;
    try {
      user = await this.deps.idp.signIn(input);
    } catch (error) {
      if (error instanceof AuthkitError && error.code === 'invalid_credentials') {
        await this.audit(
          this.deps.store,
          {
            action: 'user.sign_in_failed',
            actorType: 'anonymous',
            data: { reason: 'invalid_credentials' },
          },
          context,
        );
      }
      throw error;
    }
    const key = await this.deps.sessions.signingKey();
    return this.deps.store.transaction(async (tx) => {
      const tokens = await this.deps.sessions.start(tx, user, context, ['pwd'], key);
      await this.audit(
        tx,
        {
          action: 'user.signed_in',
          actorType: 'user',
          actorId: user.id,
          targetType: 'session',
          targetId: tokens.session.id,
        },
        context,
      );
      return { user, tokens };
    });
  }

  async signOut(userId: string, sessionId: string, context: RequestContext): Promise<void> {
    await this.deps.sessions.revoke(sessionId);
    await this.audit(
      this.deps.store,
      {
        action: 'user.signed_out',
        actorType: 'user',
        actorId: userId,
        targetType: 'session',
        targetId: sessionId,
      },
      context,
    );
  }

  /** Changes the password and signs out every other session, as a stolen-password response should. */
  async changePassword(
    userId: string,
    sessionId: string,
    input: { currentPassword: string; newPassword: string },
    context: RequestContext,
  ): Promise<{ revokedSessions: number }> {
    await this.deps.idp.changePassword(userId, input.currentPassword, input.newPassword);
    const revoked = await this.deps.sessions.revokeAllForUser(userId, sessionId);
    await this.audit(
      this.deps.store,
      {
        action: 'user.password_changed',
        actorType: 'user',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        data: { revokedSessions: revoked.length },
      },
      context,
    );
    return { revokedSessions: revoked.length };
  }

  async revokeSession(userId: string, sessionId: string, context: RequestContext): Promise<void> {
    const session = await this.deps.store.sessions.findById(sessionId);
    // Another user's session id answers exactly like an unknown one.
    if (!session || session.userId !== userId || session.revokedAt) {
      throw new AuthkitError('not_found', 'no such session', { field: 'id' });
    }
    await this.deps.sessions.revoke(sessionId);
    await this.audit(
      this.deps.store,
      {
        action: 'session.revoked',
        actorType: 'user',
        actorId: userId,
        targetType: 'session',
        targetId: sessionId,
      },
      context,
    );
  }
}
