/**
 * What must never appear in a log line: credentials the tests use and the shapes of our secrets.
 * Shared by every suite that captures server output.
 */
export const SECRET_PATTERNS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'argon2 hash', pattern: /\$argon2(id|i|d)\$/ },
  { name: 'JWT', pattern: /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/ },
  { name: 'JWE (sealed secret)', pattern: /eyJ[\w-]{8,}\.\.[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/ },
  { name: 'API key', pattern: /\bck_[a-z]+_[\w-]{16,}/ },
  { name: 'webhook secret', pattern: /\bwhsec_[\w+/=-]{16,}/ },
  { name: 'refresh token (43-char base64url)', pattern: /(?<![\w-])[\w-]{43}(?![\w-])/ },
  { name: 'SHA-256 hex (token hash)', pattern: /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/ },
  { name: 'test password', pattern: /correct horse battery|brand new passphrase|not the password/ },
  { name: 'root secret', pattern: /test-secret-test-secret|serve-hardening-secret/ },
];

/** The first secret-looking match in `text`, with a little context, or null. */
export function findSecret(text: string): string | null {
  for (const { name, pattern } of SECRET_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const start = Math.max(0, match.index - 60);
      return `${name}: …${text.slice(start, match.index + match[0].length + 20)}…`;
    }
  }
  return null;
}
