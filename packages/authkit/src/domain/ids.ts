const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A prefixed random identifier (`usr_…`, `ses_…`): 120 bits from the Web Crypto RNG, Crockford base32. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

/**
 * A prefixed id that sorts by creation time (48-bit milliseconds, then 80 random bits, like a
 * ULID), so "newest first" lists can page by id.
 */
export function newSortableId(prefix: string, at: Date = new Date()): string {
  let time = '';
  let ms = at.getTime();
  for (let i = 0; i < 10; i += 1) {
    time = ALPHABET[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${time}${out}`;
}
