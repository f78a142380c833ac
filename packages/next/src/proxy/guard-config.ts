import { DEFAULT_BASE_PATH, type GuardOptions } from './guard-options.js';

/** The server's issuer default when `CATALYST_BASE_URL` is unset (`issuerFor` in authkit). */
const DEFAULT_BASE_URL = 'http://localhost:3000';

/** Trust anchors and link origin, all from configuration (DESIGN §3), resolved once per guard. */
export interface GuardConfig {
  basePath: string;
  /** Origin of the public base URL: every redirect and return URL is built on it. */
  publicOrigin: string;
  issuer: string;
  jwksUrl: string;
  audience: string;
}

function envBaseUrl(): string | undefined {
  // Some edge hosts have no `process`; an empty variable counts as unset, as in `settingsFromEnv`.
  const value = typeof process === 'undefined' ? undefined : process.env.CATALYST_BASE_URL;
  return value === '' ? undefined : value;
}

function absolute(value: string, name: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new TypeError(`@catalyst/next/proxy: ${name} must be an absolute URL, got "${value}"`);
  }
}

export function resolveGuardConfig(options: GuardOptions): GuardConfig {
  const basePath = options.basePath ?? DEFAULT_BASE_PATH;
  const base = absolute(
    options.baseUrl ?? envBaseUrl() ?? DEFAULT_BASE_URL,
    'baseUrl (CATALYST_BASE_URL)',
  );
  const keysOrigin = options.authOrigin
    ? absolute(options.authOrigin, 'authOrigin').origin
    : base.origin;
  return {
    basePath,
    publicOrigin: base.origin,
    issuer: options.issuer ?? new URL(basePath, base).toString(),
    jwksUrl: options.jwksUrl
      ? absolute(options.jwksUrl, 'jwksUrl').toString()
      : `${keysOrigin}${basePath}/.well-known/jwks.json`,
    audience: options.audience ?? 'catalyst',
  };
}

/**
 * The request's path and query on the public origin, never Next's internal origin or `Host`.
 * Concatenated, not resolved: a path like `//evil.example/x` must not become another host.
 */
export function publicUrl(request: Request, publicOrigin: string): string {
  const { pathname, search } = new URL(request.url);
  return new URL(`${publicOrigin}${pathname}${search}`).toString();
}
