import { Secret } from 'otpauth';
import { sha256Hex } from '../tokens/sha256.js';

/** Ten recovery codes of 50 random bits each, shown as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    // otpauth's Secret is a random buffer with a base32 view: 7 bytes give 11 characters.
    const chars = new Secret({ size: 7 }).base32.toLowerCase().slice(0, 10);
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Codes are compared without case, spaces or dashes, so a typed code matches a pasted one. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Recovery codes carry 50 random bits, so SHA-256 (not a slow hash) is enough to store them. */
export const hashRecoveryCode = (code: string) => sha256Hex(normalizeRecoveryCode(code));

/** A six-digit email code, uniform over 000000–999999 (rejection sampling, no modulo bias). */
export function newEmailCode(): string {
  const buffer = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return String(buffer[0]! % 1_000_000).padStart(6, '0');
  }
}

/** An email code is hashed with its token's hash as salt: the same digits differ per token. */
export const hashEmailCode = (tokenHash: string, code: string) => sha256Hex(`${tokenHash}:${code}`);
