import { recordEvent } from './event-recorder.js';
import { AuthkitError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/email.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordIdpPort, SignInInput, SignUpInput } from '../ports/idp.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { AuditEventInput, StorePort, UserRecord } from '../ports/store.js';
import type { DeviceTrust } from './device-trust.js';
import type { RequestContext } from './request-context.js';
import type { IssuedTokens, SessionService } from './session-service.js';
import type { EmailFlows } from './email-flows.js';
import type { FirstFactorOutcome, SecondFactorFlow } from './second-factor-flow.js';

export { toUser } from './session-records.js';

export interface AuthServiceDeps {
  store: StorePort;
  idp: PasswordIdpPort;
  sessions: SessionService;
  clock: Clock;
  /** Absent when device cookies are switched off. */
  devices?: DeviceTrust | undefined;
  /** Decides between a session and a pending second-factor step after the password. */
  secondFactor: SecondFactorFlow;
  emailFlows: EmailFlows;
  /** `required`: an unverified address gets no session (sign-up) and cannot sign in. */
  emailVerification: 'required' | 'optional';
  limiters: {
    perIp: RateLimiterPort;
    perEmail: RateLimiterPort;
    signUpPerIp: RateLimiterPort;
    changePasswordPerUser: RateLimiterPort;
  };
}

export interface SignedIn {
  user: UserRecord;
  tokens: IssuedTokens;
  /** A device token to store in the browser (see DeviceTrust), when device cookies are on. */
  device?: { token: string; maxAge: number } | undefined;
}

/** Sign-up: signed in, or (verification required) an account waiting for its email link. */
export type SignedUp = SignedIn | { user: UserRecord; tokens: null; device?: undefined };

/** Sign-in: a session, or a pending second-factor step (no session yet). */
export type PasswordSignIn = FirstFactorOutcome & {
  device?: { token: string; maxAge: number } | undefined;
};

/** Requests whose address cannot be known share this one bucket instead of escaping the limit. */
const UNKNOWN_ADDRESS = 'unknown';

async function enforce(
  checks: Array<Promise<{ allowed: boolean; retryAfterSeconds: number }>>,
  message: string,
) {
  const denied = (await Promise.all(checks)).filter((r) => !r.allowed);
  if (denied.length > 0) {
    const retryAfter = Math.max(...denied.map((r) => r.retryAfterSeconds));
    throw new AuthkitError('rate_limited', message, { retryAfter });
  }
}

/** Sign-up, sign-in, sign-out and password change: the credential flows end to end. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  private audit(tx: StorePort, event: AuditEventInput, context: RequestContext) {
    return recordEvent(tx, this.deps.clock, { ...event, context });
  }

  private async deviceFor(email: string) {
    return this.deps.devices?.issue(normalizeEmail(email));
  }

  async signUp(input: SignUpInput, context: RequestContext): Promise<SignedUp> {
    await enforce(
      [this.deps.limiters.signUpPerIp.consume(context.ip ?? UNKNOWN_ADDRESS)],
      'too many sign-ups from this address; try again later',
    );
    const required = this.deps.emailVerification === 'required';
    const key = await this.deps.sessions.signingKey();
    const signedUp = await this.deps.store.transaction(async (tx) => {
      const user = await this.deps.idp.signUp(tx, input);
      const tokens = required
        ? null
        : await this.deps.sessions.start(tx, user, context, ['pwd'], key);
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
    await this.deps.emailFlows.sendVerification(signedUp.user);
    if (!signedUp.tokens) return { user: signedUp.user, tokens: null };
    return {
      user: signedUp.user,
      tokens: signedUp.tokens,
      device: await this.deviceFor(signedUp.user.email),
    };
  }

  /** An account made by an operator or a seed script: no session, no rate limit. */
  async createUser(
    input: SignUpInput,
    actor: { type: 'system' | 'user'; id?: string },
  ): Promise<UserRecord> {
    return this.deps.store.transaction(async (tx) => {
      const user = await this.deps.idp.signUp(tx, input);
      await recordEvent(tx, this.deps.clock, {
        action: 'user.created',
        actorType: actor.type,
        actorId: actor.id ?? null,
        targetType: 'user',
        targetId: user.id,
      });
      return user;
    });
  }

  /**
   * Both limits are charged before the password is checked, so probing costs the same either way.
   * A browser holding a device token for this account is held to the per-IP limit only.
   */
  private async limitSignIn(
    input: SignInInput,
    context: RequestContext,
    deviceToken: string | undefined,
  ): Promise<void> {
    const email = normalizeEmail(input.email);
    const trusted = (await this.deps.devices?.trusts(deviceToken, email)) === true;
    const checks = [this.deps.limiters.perIp.consume(context.ip ?? UNKNOWN_ADDRESS)];
    if (!trusted) checks.push(this.deps.limiters.perEmail.consume(email));
    await enforce(checks, 'too many sign-in attempts; try again later');
  }

  async signIn(
    input: SignInInput,
    context: RequestContext,
    deviceToken?: string,
  ): Promise<PasswordSignIn> {
    await this.limitSignIn(input, context, deviceToken);
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
    // Only after the password: telling "unverified" apart reveals nothing to a guesser.
    if (this.deps.emailVerification === 'required' && !user.emailVerified) {
      throw new AuthkitError('email_not_verified', 'verify your email address, then sign in', {
        field: 'email',
      });
    }
    const outcome = await this.deps.secondFactor.afterFirstFactor(user, ['pwd'], context, {
      action: 'user.signed_in',
    });
    // The device cookie is earned by the password: it only eases the per-email limit.
    return { ...outcome, device: await this.deviceFor(user.email) };
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

  /**
   * Changes the password, signs out every other session and rotates this one's refresh token, as a
   * stolen-password response should. Limited per user: the current password must not be guessable here.
   */
  async changePassword(
    userId: string,
    sessionId: string,
    input: { currentPassword: string; newPassword: string },
    context: RequestContext,
  ): Promise<{ revokedSessions: number; tokens: IssuedTokens }> {
    await enforce(
      [this.deps.limiters.changePasswordPerUser.consume(userId)],
      'too many password change attempts; try again later',
    );
    await this.deps.idp.changePassword(userId, input.currentPassword, input.newPassword);
    await this.deps.sessions.forgetUser(userId);
    const revoked = await this.deps.sessions.revokeAllForUser(userId, sessionId);
    const tokens = await this.deps.sessions.rotateSession(sessionId);
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
    return { revokedSessions: revoked.length, tokens };
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
