import type { MfaStatus, SecondFactorMethod } from '../domain/account-security.js';
import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { recordUserEvent } from './event-recorder.js';
import { hashRecoveryCode, newRecoveryCodes } from './one-time-codes.js';
import type { RequestContext } from './request-context.js';
import { newTotpSecret, totpStep, totpUri } from './totp.js';

const wrongCode = () =>
  new AuthkitError('invalid_code', 'the code is not valid', { field: 'code' });

/** TOTP factors and recovery codes: enrolment, checks with replay protection, status. */
export class MfaService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly options: { issuer: string; perUser: RateLimiterPort },
  ) {}

  /** Charges one attempt to the user's second-factor budget before any code is compared. */
  async limit(userId: string): Promise<void> {
    const result = await this.options.perUser.consume(userId);
    if (!result.allowed) {
      throw new AuthkitError('rate_limited', 'too many attempts; try again later', {
        retryAfter: result.retryAfterSeconds,
      });
    }
  }

  /** A proved factor clears the user's count of failed attempts (as a sign-in does). */
  resetLimit(userId: string): Promise<void> {
    return this.options.perUser.reset(userId);
  }

  async status(user: UserRecord, required: boolean): Promise<MfaStatus> {
    const [totp, remaining, passkeys] = await Promise.all([
      this.store.account.totp.get(user.id),
      this.store.account.recoveryCodes.remaining(user.id),
      this.store.account.passkeys.countForUser(user.id),
    ]);
    const enabled = Boolean(totp?.confirmedAt);
    return {
      totp: { enabled, confirmedAt: totp?.confirmedAt?.toISOString() ?? null },
      recoveryCodes: { remaining: enabled ? remaining : 0 },
      passkeys,
      required,
      methods: methodsOf(enabled, remaining, passkeys),
    };
  }

  /** The second factors a user can complete a challenge with (empty: none enrolled). */
  async methods(userId: string): Promise<SecondFactorMethod[]> {
    const [totp, remaining, passkeys] = await Promise.all([
      this.store.account.totp.get(userId),
      this.store.account.recoveryCodes.remaining(userId),
      this.store.account.passkeys.countForUser(userId),
    ]);
    return methodsOf(Boolean(totp?.confirmedAt), remaining, passkeys);
  }

  async startTotp(user: UserRecord): Promise<{ secret: string; uri: string }> {
    const secret = newTotpSecret();
    const started = await this.store.account.totp.startEnrolment(
      user.id,
      await this.box.seal(secret),
    );
    if (!started) {
      throw new AuthkitError('mfa_already_enabled', 'an authenticator app is already set up');
    }
    return { secret, uri: totpUri(secret, this.options.issuer, user.email) };
  }

  /** Confirms enrolment with a first code; answers ten fresh recovery codes. */
  async confirmTotp(user: UserRecord, code: string, context: RequestContext): Promise<string[]> {
    await this.limit(user.id);
    const factor = await this.store.account.totp.get(user.id);
    if (!factor) throw new AuthkitError('mfa_not_enabled', 'start the set-up first');
    if (factor.confirmedAt) {
      throw new AuthkitError('mfa_already_enabled', 'an authenticator app is already set up');
    }
    const step = totpStep(await this.box.open(factor.secretEncrypted), code, this.clock.now());
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    await this.store.transaction(async (tx) => {
      if (!(await tx.account.totp.confirm(user.id, step, this.clock.now()))) throw wrongCode();
      await tx.account.recoveryCodes.replace(user.id, hashes, () => newId('rc'));
      await recordUserEvent(
        tx,
        this.clock,
        user.id,
        'user.mfa_enabled',
        { method: 'totp' },
        context,
      );
    });
    return codes;
  }

  async disableTotp(userId: string, context: RequestContext): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (!(await tx.account.totp.remove(userId))) {
        throw new AuthkitError('mfa_not_enabled', 'no authenticator app is set up');
      }
      // Recovery codes back up the app; without it they would be a second factor of their own.
      await tx.account.recoveryCodes.removeAll(userId);
      await recordUserEvent(
        tx,
        this.clock,
        userId,
        'user.mfa_disabled',
        { method: 'totp' },
        context,
      );
    });
  }

  async regenerateRecoveryCodes(userId: string, context: RequestContext): Promise<string[]> {
    const factor = await this.store.account.totp.get(userId);
    if (!factor?.confirmedAt) {
      throw new AuthkitError('mfa_not_enabled', 'set up an authenticator app first');
    }
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    await this.store.transaction(async (tx) => {
      await tx.account.recoveryCodes.replace(userId, hashes, () => newId('rc'));
      await recordUserEvent(tx, this.clock, userId, 'user.recovery_codes_regenerated', {}, context);
    });
    return codes;
  }

  /** Checks a TOTP code of a confirmed factor; a code of an already used step is refused. */
  async verifyTotp(userId: string, code: string): Promise<void> {
    const factor = await this.store.account.totp.get(userId);
    if (!factor?.confirmedAt) throw wrongCode();
    const step = totpStep(await this.box.open(factor.secretEncrypted), code, this.clock.now());
    if (step === null || !(await this.store.account.totp.useStep(userId, step))) throw wrongCode();
  }

  async useRecoveryCode(userId: string, code: string): Promise<void> {
    const used = await this.store.account.recoveryCodes.consume(
      userId,
      await hashRecoveryCode(code),
      this.clock.now(),
    );
    if (!used) {
      throw new AuthkitError('invalid_code', 'the recovery code is not valid', {
        field: 'recoveryCode',
      });
    }
  }
}

function methodsOf(totp: boolean, recoveryCodes: number, passkeys: number): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (totp) methods.push('totp');
  if (passkeys > 0) methods.push('passkey');
  if (totp && recoveryCodes > 0) methods.push('recovery_code');
  return methods;
}
