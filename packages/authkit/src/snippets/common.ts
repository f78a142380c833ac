/**
 * What every proxy snippet shares: the identity headers forward-auth answers with (DESIGN §5),
 * the decision cookie, and checks that keep a value from breaking out of the config it is
 * written into. Pure: no I/O.
 */

// One list for the handler and the proxies: what forward-auth answers is what they copy.
export { DECISION_COOKIE, IDENTITY_HEADERS } from '../edge/forward-auth/types.js';
export type { IdentityHeader } from '../edge/forward-auth/types.js';

/** Where forward-auth is mounted under the default base path. */
export const FORWARD_AUTH_PATH = '/api/auth/forward';

// Characters that would end a token, a string or a block in a Caddyfile, nginx.conf, YAML or a
// Docker label, or start an nginx variable. A URL or name holding one is refused, not escaped.
const UNSAFE = /[\s"'`;{}$\\#<>|^]/;

function refuse(what: string, value: string, why: string): never {
  throw new TypeError(`${what} ${JSON.stringify(value)} ${why}`);
}

/** An absolute http(s) URL with nothing a config file could misread. */
export function parseHttpUrl(what: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(what, value, 'is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    refuse(what, value, 'must be an http:// or https:// URL');
  if (url.username || url.password) refuse(what, value, 'must not carry credentials');
  if (url.hash) refuse(what, value, 'must not have a #fragment');
  if (UNSAFE.test(url.href)) refuse(what, value, 'contains characters a proxy config cannot hold');
  return url;
}

/**
 * The forward-auth endpoint for `authUrl`: a bare origin (`CATALYST_BASE_URL`) gets the default
 * mount `/api/auth/forward`; a URL ending in `/forward` is taken as is; any other path is read as
 * the server's base path (`https://id.example.com/auth` → `…/auth/forward`).
 */
export function forwardAuthEndpoint(authUrl: string): URL {
  const url = parseHttpUrl('authUrl', authUrl);
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') url.pathname = FORWARD_AUTH_PATH;
  else if (!/\/forward$/.test(path)) url.pathname = `${path}/forward`;
  else url.pathname = path;
  return url;
}

/** An upstream the proxy sends allowed requests to: scheme, host and port only. */
export function parseUpstream(value: string): URL {
  const url = parseHttpUrl('upstream', value);
  if (url.pathname !== '/' || url.search)
    refuse('upstream', value, 'must be an origin such as http://127.0.0.1:8080 (no path or query)');
  return url;
}

/** A DNS name (or IP address) as a Host rule or server_name takes it: no scheme, no port. */
export function parseHostname(what: string, value: string): string {
  if (!/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*$/.test(value))
    refuse(what, value, 'must be a host name such as app.example.com (no scheme or port)');
  return value;
}

/** A config identifier (router, middleware, service name). */
export function parseName(what: string, value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(value))
    refuse(what, value, 'must be letters, digits, "-" or "_"');
  return value;
}

/** `host:port` of a URL, with the scheme's default port filled in. */
export function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}
