import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import type { Passkey } from '../domain/account-security.js';
import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { OneTimePurpose, PasskeyRecord } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import { sha256Hex } from '../tokens/sha256.js';
import { recordUserEvent } from './event-recorder.js';
import type { RequestContext } from './request-context.js';

export interface PasskeySettings {
  /** Signed-out ceremonies per client address: each one stores a challenge row. */
  optionsPerIp?: RateLimiterPort;
  rpName: string;
  rpId: string;
  /** Origins a ceremony may come from (the base URL's and the trusted ones). */
  origins: string[];
}

const CHALLENGE_SECONDS = 300;
const MAX_PASSKEYS = 20;

const refused = (message = 'the passkey could not be verified') =>
  new AuthkitError('invalid_passkey', message, { field: 'response' });

export function toPasskey(record: PasskeyRecord): Passkey {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    deviceType: record.deviceType === 'multiDevice' ? 'multiDevice' : 'singleDevice',
    backedUp: record.backedUp,
    transports: record.transports,
  };
}

/** WebAuthn ceremonies through @simplewebauthn/server, with challenges kept as one-time tokens. */
export class PasskeyService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly settings: PasskeySettings,
  ) {}

  private async saveChallenge(purpose: OneTimePurpose, challenge: string, userId: string | null) {
    await this.store.account.tokens.create({
      id: newId('ott'),
      purpose,
      tokenHash: await sha256Hex(challenge),
      userId,
      email: null,
      expiresAt: new Date(this.clock.now().getTime() + CHALLENGE_SECONDS * 1000),
    });
  }

  /** Finds and uses up the challenge the browser signed; each challenge serves one ceremony. */
  private async takeChallenge(purpose: OneTimePurpose, clientDataJSON: unknown) {
    let challenge: string;
    try {
      challenge = decodeClientDataJSON(String(clientDataJSON)).challenge;
    } catch {
      throw refused();
    }
    const record = await this.store.account.tokens.find(purpose, await sha256Hex(challenge));
    if (!record || !(await this.store.account.tokens.consume(record.id, this.clock.now()))) {
      throw refused('the passkey challenge is unknown, used or expired; try again');
    }
    return { challenge, userId: record.userId };
  }

  async registrationOptions(user: UserRecord) {
    const existing = await this.store.account.passkeys.listForUser(user.id);
    const options = await generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpId,
      userName: user.email,
      userDisplayName: user.name ?? user.email,
      userID: isoUint8Array.fromUTF8String(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({
        id: p.id,
        transports: p.transports as AuthenticatorTransportFuture[],
      })),
      // Discoverable credentials, so the passkey alone can sign in later.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await this.saveChallenge('webauthn_registration', options.challenge, user.id);
    return options;
  }

  async register(
    user: UserRecord,
    response: RegistrationResponseJSON,
    name: string | undefined,
    context: RequestContext,
  ): Promise<Passkey> {
    const count = await this.store.account.passkeys.countForUser(user.id);
    if (count >= MAX_PASSKEYS) throw refused(`at most ${MAX_PASSKEYS} passkeys per account`);
    const { challenge, userId } = await this.takeChallenge(
      'webauthn_registration',
      response.response?.clientDataJSON,
    );
    if (userId !== user.id) throw refused();
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.settings.origins,
      expectedRPID: this.settings.rpId,
      requireUserVerification: false,
    }).catch(() => ({ verified: false as const }));
    if (!verification.verified) throw refused();
    const info = verification.registrationInfo;
    if (await this.store.account.passkeys.findById(info.credential.id)) {
      throw refused('this passkey is already registered');
    }
    return this.store.transaction(async (tx) => {
      const record = await tx.account.passkeys.create({
        id: info.credential.id,
        userId: user.id,
        name: name?.trim() || `Passkey ${count + 1}`,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
      });
      await recordUserEvent(
        tx,
        this.clock,
        user.id,
        'user.passkey_added',
        { passkeyId: record.id },
        context,
      );
      return toPasskey(record);
    });
  }

  /**
   * Request options: the user's own credentials when the user is known (second factor, step-up),
   * none when signed out (the browser offers its discoverable passkeys).
   */
  async authenticationOptions(userId: string | null, ip: string | null = null) {
    const limited = userId ? null : await this.settings.optionsPerIp?.consume(ip ?? 'unknown');
    if (limited && !limited.allowed) {
      throw new AuthkitError('rate_limited', 'too many passkey attempts; try again later', {
        retryAfter: limited.retryAfterSeconds,
      });
    }
    const allow = userId ? await this.store.account.passkeys.listForUser(userId) : [];
    const options = await generateAuthenticationOptions({
      rpID: this.settings.rpId,
      allowCredentials: allow.map((p) => ({
        id: p.id,
        transports: p.transports as AuthenticatorTransportFuture[],
      })),
      userVerification: userId ? 'preferred' : 'required',
    });
    await this.saveChallenge('webauthn_authentication', options.challenge, userId);
    return options;
  }

  /**
   * Verifies an assertion; `expectedUserId` pins the account (second factor, step-up). Signing in
   * with the passkey alone requires user verification, which makes it multi-factor by itself.
   */
  async authenticate(
    response: AuthenticationResponseJSON,
    expectedUserId: string | null,
  ): Promise<{ userId: string; passkeyId: string }> {
    const { challenge, userId } = await this.takeChallenge(
      'webauthn_authentication',
      response.response?.clientDataJSON,
    );
    const passkey = await this.store.account.passkeys.findById(String(response.id));
    if (!passkey) throw refused();
    if (expectedUserId && passkey.userId !== expectedUserId) throw refused();
    if (userId && userId !== passkey.userId) throw refused();
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.settings.origins,
      expectedRPID: this.settings.rpId,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: expectedUserId === null,
    }).catch(() => ({ verified: false as const }));
    if (!verification.verified) throw refused();
    await this.store.account.passkeys.recordUse(
      passkey.id,
      verification.authenticationInfo.newCounter,
      this.clock.now(),
    );
    return { userId: passkey.userId, passkeyId: passkey.id };
  }

  async list(userId: string): Promise<Passkey[]> {
    return (await this.store.account.passkeys.listForUser(userId)).map(toPasskey);
  }

  async rename(userId: string, id: string, name: string): Promise<Passkey> {
    const record = await this.store.account.passkeys.rename(userId, id, name.trim());
    if (!record) throw new AuthkitError('not_found', 'no such passkey', { field: 'id' });
    return toPasskey(record);
  }

  /** Removes a passkey unless it is the account's last way in (no password, no other passkey). */
  async remove(user: UserRecord, id: string, context: RequestContext): Promise<void> {
    const owned = await this.store.account.passkeys.findById(id);
    if (!owned || owned.userId !== user.id) {
      throw new AuthkitError('not_found', 'no such passkey', { field: 'id' });
    }
    const count = await this.store.account.passkeys.countForUser(user.id);
    if (!user.passwordHash && count <= 1) {
      throw new AuthkitError(
        'last_sign_in_method',
        'this passkey is the only way into the account; set a password or add another passkey first',
      );
    }
    await this.store.transaction(async (tx) => {
      await tx.account.passkeys.remove(user.id, id);
      await recordUserEvent(
        tx,
        this.clock,
        user.id,
        'user.passkey_removed',
        { passkeyId: id },
        context,
      );
    });
  }
}
