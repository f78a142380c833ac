/**
 * Canonical form of an email address for lookups and uniqueness: trimmed, Unicode NFC, lower-cased.
 * Gmail-style dot/plus folding is deliberately not applied: those are distinct mailboxes elsewhere.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
