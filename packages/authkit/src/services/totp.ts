import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults every authenticator app supports. */
const PERIOD = 30;
const DIGITS = 6;

export const TOTP_CODE = /^\d{6}$/;

function totp(secret: string, issuer = 'Catalyst', label = 'account'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** A new 160-bit shared secret (RFC 4226 §4 recommends 160) in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return totp(secret, issuer, account).toString();
}

/**
 * The time step a code belongs to, accepting one step of clock drift either way, or null when it
 * matches none. The caller refuses steps at or before the last one used (replays).
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!TOTP_CODE.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}
