import {
  multistream,
  pino,
  stdTimeFunctions,
  type DestinationStream,
  type Level,
  type Logger,
} from 'pino';

export type { Logger } from 'pino';

/** What every masked value becomes. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear: exact names, any level down to two deep. */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'passwordHash',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'subjectToken',
  'subject_token',
  'tokenHash',
  'apiKey',
  'api_key',
  'key',
  'privateKey',
  'authorization',
  'cookie',
  'set-cookie',
  'recoveryCode',
  'recoveryCodes',
];

const path = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`);
const child = (prefix: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}.${key}` : `${prefix}["${key}"]`;

/** pino `redact` paths: each sensitive key at the top, one and two levels down, and in headers. */
export const REDACT_PATHS: string[] = [
  ...SENSITIVE_KEYS.flatMap((key) => [path(key), child('*', key), child('*.*', key)]),
  ...['headers', 'req.headers', 'res.headers', 'request.headers', 'response.headers'].flatMap(
    (prefix) =>
      ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'].map((h) =>
        child(prefix, h),
      ),
  ),
];

/** Deeper than `redact` reaches: any key that names a secret (case, `-` and `_` ignored). */
function sensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return (
    k === 'key' ||
    k === 'authorization' ||
    k === 'proxyauthorization' ||
    k === 'xapikey' ||
    k.startsWith('recoverycode') ||
    /(password|passwd|secret|token|apikey|privatekey|cookie|hash)$/.test(k)
  );
}

/**
 * The shapes of our secrets (see test/support/secret-patterns.ts). No pattern matches `"` or `\`,
 * so masking a serialized JSON line keeps it valid JSON.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // JWS (3 parts) and JWE (5 parts, possibly empty ones): access, decision and sealed secrets.
  [/\beyJ[\w-]+(?:\.[\w-]*){2,4}/g, REDACTED],
  [/\bck_[a-z0-9]+_[\w-]{8,}/gi, REDACTED],
  [/\bwhsec_[\w+/=-]{8,}/g, REDACTED],
  [/\$argon2(?:id|i|d)\$[^\s"'\\]*/g, REDACTED],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Our cookies by name, whatever their value looks like.
  [/\b(catalyst_\w+)=[^;\s"'\\]+/g, `$1=${REDACTED}`],
  // Credentials in URLs: postgres://user:password@host, smtp://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]+):[^\s@/"'\\]+@/gi, `$1:${REDACTED}@`],
  // Opaque tokens (32 random bytes, base64url) and SHA-256 hex digests of tokens.
  [/(?<![\w\\-])[\w-]{43}(?![\w-])/g, REDACTED],
  [/(?<![0-9a-fA-F\\])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g, REDACTED],
];

/** Masks everything in `text` that looks like a token, key, hash or secret. */
export function maskSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of an Error with its message, stack, cause and own fields masked. It keeps the original
 * prototype, so pino's `err` serializer still reports the right class.
 */
function maskedError(error: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const [key, item] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = sensitiveKey(key)
      ? REDACTED
      : sanitizeValue(item, depth + 1);
  }
  const hidden = (value: unknown) => ({ value, writable: true, configurable: true });
  Object.defineProperty(copy, 'message', hidden(maskSecrets(error.message)));
  if (error.stack) Object.defineProperty(copy, 'stack', hidden(maskSecrets(error.stack)));
  if (error.cause !== undefined)
    Object.defineProperty(copy, 'cause', hidden(sanitizeValue(error.cause, depth + 1)));
  return copy;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[Object]';
  if (value instanceof Error) return maskedError(value, depth);
  if (Array.isArray(value)) return value.map((item) => sanitizeValue(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = sensitiveKey(key) && item != null ? REDACTED : sanitizeValue(item, depth + 1);
  }
  return out;
}

/**
 * A copy of `value` safe to log: values under secret-naming keys (`password`, `*Token`, `cookie`,
 * `apiKey`, …) at any depth are replaced, and secret-looking strings masked.
 */
export function sanitize<T>(value: T): T {
  return sanitizeValue(value, 0) as T;
}

/** Lines go through `console` so test harnesses that capture (or spy on) it see every one. */
const consoleStream = (method: 'log' | 'error'): DestinationStream => ({
  write(line: string) {
    console[method](line.endsWith('\n') ? line.slice(0, -1) : line);
  },
});

export interface CreateLoggerOptions {
  /** Minimum level (default `info`). */
  level?: Level | 'silent';
  /** Where JSON lines go (default: info and below to stdout, warn and above to stderr). */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ service: 'catalyst' }`. */
  base?: Record<string, string | number>;
}

/**
 * A pino logger writing one JSON object per line, with secrets kept out three ways: `redact`
 * paths, a key-based walk of every logged object, and pattern masking of the finished line.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const destination =
    options.destination ??
    multistream(
      [
        { level: 'trace', stream: consoleStream('log') },
        { level: 'warn', stream: consoleStream('error') },
      ],
      { dedupe: true },
    );
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'catalyst-sdk', ...options.base },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            (args as unknown[]).map((arg) => sanitize(arg)) as Parameters<typeof method>,
          );
        },
        streamWrite: maskSecrets,
      },
    },
    destination,
  );
}

let shared: Logger | undefined;

/** The process-wide logger the server uses when the app passes none. */
export function rootLogger(): Logger {
  shared ??= createLogger();
  return shared;
}
