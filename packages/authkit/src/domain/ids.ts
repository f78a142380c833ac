const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A prefixed random identifier (`usr_…`, `ses_…`): 120 bits from the Web Crypto RNG, Crockford base32. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}
