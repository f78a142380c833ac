/**
 * Canonical form of an email address for lookups and uniqueness: trimmed, Unicode NFC, lower-cased.
 * Gmail-style dot/plus folding is deliberately not applied: those are distinct mailboxes elsewhere.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

// One @, a dot in the domain, no spaces or controls, within RFC 5321's 254 characters.
const EMAIL_SHAPE = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/** Whether an address an upstream system sent looks like one (a provider's claim, a directory's row). */
export function isEmailShape(email: string): boolean {
  return email.length <= 254 && EMAIL_SHAPE.test(email);
}
