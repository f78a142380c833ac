import { assertNotBanned } from '../domain/ban.js';
import type {
  MfaChallenge,
  SecondFactorMethod,
  SecondFactorProof,
  StepUpProof,
} from '../domain/account-security.js';
import { AuthkitError } from '../domain/errors.js';
import type { OneTimeTokenRecord } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { recordEvent } from './event-recorder.js';
import type { MfaService } from './mfa-service.js';
import { MAX_CODE_ATTEMPTS, type OneTimeTokens } from './one-time-tokens.js';
import type { PasskeyService } from './passkey-service.js';
import type { RequestContext } from './request-context.js';
import type { IssuedTokens, SessionService } from './session-service.js';

/** How long a pending sign-in waits for its second factor. */
export const PENDING_SECONDS = 600;

export type FirstFactorOutcome =
  | { kind: 'session'; user: UserRecord; tokens: IssuedTokens }
  | { kind: 'pending'; user: UserRecord; pendingToken: string; challenge: MfaChallenge };

interface PendingData {
  amr: string[];
  enrol: boolean;
  /** The SSO connection of the first factor, carried onto the session. */
  ssoConnectionId?: string;
}

const noPending = () =>
  new AuthkitError('unauthenticated', 'the sign-in has expired or was completed; sign in again');

/** RFC 8176 method of each second factor; recovery codes are one-time passwords too. */
const AMR: Record<SecondFactorMethod, string> = {
  totp: 'otp',
  recovery_code: 'otp',
  passkey: 'hwk',
};

/**
 * What happens between the first factor and a session: a pending state (a one-time token in an
 * HttpOnly cookie, never a session) that only a second factor — or, when an org demands MFA of a
 * user who has none, enrolling one — turns into a session. Also step-up for live sessions.
 */
export class SecondFactorFlow {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly tokens: OneTimeTokens,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly passkeys: PasskeyService,
    /** Whether an org the user belongs to requires a second factor. */
    readonly orgRequiresMfa: (userId: string) => Promise<boolean>,
  ) {}

  /**
   * After a password, magic link, email code or SSO provider (`ssoConnectionId`): a session, or a
   * pending second-factor step.
   */
  async afterFirstFactor(
    user: UserRecord,
    amr: string[],
    context: RequestContext,
    audit: { action: string; data?: Record<string, unknown> },
    ssoConnectionId?: string,
  ): Promise<FirstFactorOutcome> {
    assertNotBanned(user, this.clock.now());
    const methods = await this.mfa.methods(user.id);
    const enrol = methods.length === 0 && (await this.orgRequiresMfa(user.id));
    if (methods.length > 0 || enrol) {
      const data: PendingData = { amr, enrol, ...(ssoConnectionId ? { ssoConnectionId } : {}) };
      const issued = await this.tokens.issue(this.store, {
        purpose: 'sign_in_pending',
        userId: user.id,
        ttlSeconds: PENDING_SECONDS,
        data: { ...data },
      });
      return {
        kind: 'pending',
        user,
        pendingToken: issued.token,
        challenge: {
          mfaRequired: true,
          methods,
          enrolmentRequired: enrol,
          expiresAt: issued.record.expiresAt.toISOString(),
        },
      };
    }
    const tokens = await this.startSession(user, amr, context, audit, ssoConnectionId);
    return { kind: 'session', user, tokens };
  }

  private async startSession(
    user: UserRecord,
    amr: string[],
    context: RequestContext,
    audit: { action: string; data?: Record<string, unknown> },
    ssoConnectionId?: string,
  ): Promise<IssuedTokens> {
    const key = await this.sessions.signingKey();
    return this.store.transaction(async (tx) => {
      const origin = ssoConnectionId ? { ssoConnectionId } : {};
      const issued = await this.sessions.start(tx, user, context, amr, key, origin);
      await recordEvent(tx, this.clock, {
        action: audit.action,
        actorType: 'user',
        actorId: user.id,
        targetType: 'session',
        targetId: issued.session.id,
        data: { amr, ...audit.data },
        context,
      });
      return issued;
    });
  }

  /** Audits a sign-in that needed no pending step (a passkey alone). */
  async recordSignIn(userId: string, sessionId: string, context: RequestContext): Promise<void> {
    await recordEvent(this.store, this.clock, {
      action: 'user.signed_in',
      actorType: 'user',
      actorId: userId,
      targetType: 'session',
      targetId: sessionId,
      data: { amr: ['hwk', 'mfa'] },
      context,
    });
  }

  /** The pending sign-in behind the cookie; it must be of the kind the route serves. */
  async pending(
    token: string | undefined,
    kind: 'challenge' | 'enrolment',
  ): Promise<{ record: OneTimeTokenRecord; user: UserRecord; data: PendingData }> {
    const found = await this.peekPending(token);
    if (found.data.enrol !== (kind === 'enrolment')) throw noPending();
    return found;
  }

  /** The pending sign-in behind the cookie, of either kind. */
  private async peekPending(
    token: string | undefined,
  ): Promise<{ record: OneTimeTokenRecord; user: UserRecord; data: PendingData }> {
    if (!token) throw noPending();
    const record = await this.tokens.peek(this.store, 'sign_in_pending', token).catch(() => {
      throw noPending();
    });
    const user = record.userId ? await this.store.users.findById(record.userId) : null;
    if (!user) throw noPending();
    return { record, user, data: record.data as unknown as PendingData };
  }

  /**
   * What the pending sign-in behind the cookie waits for: its user's second factors, or enrolling
   * one (org policy). A page that arrives by redirect (a provider's callback) asks this.
   */
  async challenge(token: string | undefined): Promise<MfaChallenge> {
    const { record, user, data } = await this.peekPending(token);
    return {
      mfaRequired: true,
      methods: data.enrol ? [] : await this.mfa.methods(user.id),
      enrolmentRequired: data.enrol,
      expiresAt: record.expiresAt.toISOString(),
    };
  }

  /** Checks a proof for `userId`; answers the method it proved. Failures count against the user. */
  async verify(userId: string, proof: SecondFactorProof): Promise<SecondFactorMethod> {
    await this.mfa.limit(userId);
    if ('code' in proof) {
      await this.mfa.verifyTotp(userId, proof.code);
      return 'totp';
    }
    if ('recoveryCode' in proof) {
      await this.mfa.useRecoveryCode(userId, proof.recoveryCode);
      return 'recovery_code';
    }
    await this.passkeys.authenticate(
      proof.passkey as unknown as AuthenticationResponseJSON,
      userId,
    );
    return 'passkey';
  }

  /** Completes a pending sign-in with a second factor; the pending state is used up. */
  async complete(
    pendingToken: string | undefined,
    proof: SecondFactorProof,
    context: RequestContext,
  ): Promise<{ user: UserRecord; tokens: IssuedTokens }> {
    const { record, user, data } = await this.pending(pendingToken, 'challenge');
    let method: SecondFactorMethod;
    try {
      method = await this.verify(user.id, proof);
    } catch (error) {
      // Each pending state allows a few guesses; then the password must be entered again.
      const attempts = await this.store.account.tokens.countAttempt(record.id);
      if (attempts >= MAX_CODE_ATTEMPTS) {
        await this.store.account.tokens.consume(record.id, this.clock.now());
      }
      throw error;
    }
    if (!(await this.store.account.tokens.consume(record.id, this.clock.now()))) throw noPending();
    const amr = [...new Set([...data.amr, AMR[method], 'mfa'])];
    const tokens = await this.startSession(
      user,
      amr,
      context,
      { action: 'user.signed_in', data: { secondFactor: method } },
      data.ssoConnectionId,
    );
    return { user, tokens };
  }

  /** Org policy demanded MFA of a user without any: confirming TOTP enrols and signs in at once. */
  async completeEnrolment(
    pendingToken: string | undefined,
    code: string,
    context: RequestContext,
  ): Promise<{ user: UserRecord; tokens: IssuedTokens; recoveryCodes: string[] }> {
    const { record, user, data } = await this.pending(pendingToken, 'enrolment');
    const recoveryCodes = await this.mfa.confirmTotp(user, code, context);
    if (!(await this.store.account.tokens.consume(record.id, this.clock.now()))) throw noPending();
    const amr = [...new Set([...data.amr, 'otp', 'mfa'])];
    const tokens = await this.startSession(
      user,
      amr,
      context,
      { action: 'user.signed_in', data: { secondFactor: 'totp', enrolled: true } },
      data.ssoConnectionId,
    );
    return { user, tokens, recoveryCodes };
  }

  /**
   * Step-up: proves a factor again inside a live session. An account with a second factor must
   * use it (a password alone would let a thief with the password past "recent MFA" checks).
   */
  async stepUp(
    user: UserRecord,
    sessionId: string,
    proof: StepUpProof,
    context: RequestContext,
    verifyPassword: (password: string) => Promise<boolean>,
  ): Promise<IssuedTokens> {
    let amr: string[];
    if ('password' in proof) {
      await this.mfa.limit(user.id);
      if ((await this.mfa.methods(user.id)).length > 0) {
        throw new AuthkitError('invalid_request', 'use your second factor to confirm', {
          field: 'password',
        });
      }
      if (!(await verifyPassword(proof.password))) {
        throw new AuthkitError('invalid_credentials', 'the password is incorrect', {
          field: 'password',
        });
      }
      amr = ['pwd'];
    } else {
      amr = [AMR[await this.verify(user.id, proof)], 'mfa'];
    }
    const tokens = await this.sessions.reauthenticate(sessionId, amr);
    await recordEvent(this.store, this.clock, {
      action: 'session.stepped_up',
      actorType: 'user',
      actorId: user.id,
      targetType: 'session',
      targetId: sessionId,
      data: { amr },
      context,
    });
    return tokens;
  }
}

/** Throws `step_up_required` unless the session authenticated within `maxAgeSeconds`. */
export function requireRecentAuth(authTime: Date, now: Date, maxAgeSeconds: number): void {
  if (now.getTime() - authTime.getTime() > maxAgeSeconds * 1000) {
    throw new AuthkitError('step_up_required', 'confirm it is you to continue', {
      maxAge: maxAgeSeconds,
    });
  }
}
