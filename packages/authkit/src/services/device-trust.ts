import { jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../ports/clock.js';
import { sha256Hex } from '../tokens/sha256.js';

/**
 * OWASP "device cookies": after a successful sign-in the browser gets a signed token naming the
 * account. A later sign-in to that account from that browser skips the per-account limit (it is
 * still held to the per-IP one), so an attacker spraying wrong passwords cannot lock the owner out.
 */
export class DeviceTrust {
  constructor(
    private readonly key: CryptoKey,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** HMAC key derived from the root secret for this purpose alone. */
  static async deriveKey(rootSecret: string): Promise<CryptoKey> {
    const encoder = new TextEncoder();
    const ikm = await crypto.subtle.importKey('raw', encoder.encode(rootSecret), 'HKDF', false, [
      'deriveKey',
    ]);
    return crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: encoder.encode('catalyst-authkit/v1'),
        info: encoder.encode('device-cookies'),
      },
      ikm,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign', 'verify'],
    );
  }

  // The account is named by a hash, so the cookie does not carry the email in the clear.
  private subject(normalizedEmail: string): Promise<string> {
    return sha256Hex(`device:${normalizedEmail}`);
  }

  async issue(normalizedEmail: string): Promise<{ token: string; maxAge: number }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'catalyst-device+jwt' })
      .setSubject(await this.subject(normalizedEmail))
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(crypto.randomUUID())
      .sign(this.key);
    return { token, maxAge: this.ttlSeconds };
  }

  /** True when `token` is a live device token this server issued for this account. */
  async trusts(token: string | undefined, normalizedEmail: string): Promise<boolean> {
    if (!token || token.length > 1024) return false;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        typ: 'catalyst-device+jwt',
        currentDate: this.clock.now(),
      });
      return payload.sub === (await this.subject(normalizedEmail));
    } catch {
      return false;
    }
  }
}
