import type { HeaderReader } from './types.js';
/**
 * The request the proxy is asking about, rebuilt from the headers it sends (DESIGN §5):
 * Traefik and Caddy say `X-Forwarded-Method/-Proto/-Host/-Uri`, nginx `X-Original-Method/-URI/-URL`.
 * Pure: headers in, a description or a problem out.
 */

/** Longest forwarded header value accepted (a longer one is refused, never truncated). */
export const MAX_FORWARD_HEADER_LENGTH = 8 * 1024;

/** The headers that describe the original request; only a trusted proxy's copies are believed. */
export const ORIGINAL_REQUEST_HEADERS = [
  'x-forwarded-method',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-uri',
  'x-original-method',
  'x-original-uri',
  'x-original-url',
] as const;

export interface OriginalRequest {
  method: string;
  proto: 'http' | 'https';
  /** `host[:port]`, lower case, without a trailing dot. */
  host: string;
  /** The host without its port: what route and return-host patterns match. */
  hostname: string;
  /** Path and query as the client sent them (non-ASCII bytes percent-encoded). */
  uri: string;
  /** The normalized path routes match: dot segments resolved, unreserved escapes decoded, `//` folded. */
  path: string;
  /** `proto://host/uri`, for `redirect_url`. */
  url: string;
}

export type ForwardHeaderProblem =
  | { code: 'untrusted_proxy' }
  | { code: 'malformed_forward_headers'; field: string; detail: string };

export type OriginalRequestResult =
  { ok: true; request: OriginalRequest } | { ok: false; problem: ForwardHeaderProblem };

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
const IPV6 = /^\[[0-9a-f:.]+\]$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

class Malformed extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(detail);
  }
}

function fail(field: string, detail: string): never {
  throw new Malformed(field, detail);
}

/** A `host[:port]` split and lower-cased; throws `Malformed` for anything else. */
export function parseHost(value: string, field: string): { host: string; hostname: string } {
  const text = value.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return fail(field, 'not a host[:port]');
  const name = (match[1] ?? '').replace(/\.$/, '');
  const port = match[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    fail(field, 'port out of range');
  if (!(IPV6.test(name) ? validIpv6(name.slice(1, -1)) : HOSTNAME.test(name)))
    fail(field, 'not a valid host name');
  return { host: port === undefined ? name : `${name}:${port}`, hostname: name };
}

function validIpv6(text: string): boolean {
  try {
    return new URL(`http://[${text}]/`).hostname !== '';
  } catch {
    return false;
  }
}

/** Bytes above ASCII (headers arrive as Latin-1) and characters a URI cannot hold, percent-encoded. */
function encodeUri(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code > 0xff) return fail('', 'not a byte string');
    out +=
      code > 0x7e || ' "<>^`{|}'.includes(char)
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : char;
  }
  return out;
}

function parseUri(value: string, field: string): string {
  if (!value.startsWith('/')) fail(field, 'must start with "/"');
  try {
    return encodeUri(value);
  } catch {
    return fail(field, 'not a byte string');
  }
}

// Unreserved characters mean the same encoded or not (RFC 3986 §6.2.2.2); `%2F` stays encoded.
const UNRESERVED_ESCAPE = /%(2[dD]|2[eE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

const BASE = 'http://forward-auth.invalid';

/** The path a route pattern is matched against, normalized so `/a/../admin` cannot dodge `/admin`. */
export function normalizePath(uri: string): string {
  // Concatenated, not resolved: `//evil.example/x` is a path here, never an authority.
  const pathname = new URL(`${BASE}${uri}`).pathname;
  const decoded = pathname.replace(UNRESERVED_ESCAPE, (escape) =>
    String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
  const folded = decoded.replace(/\/{2,}/g, '/');
  // Decoding can form new dot segments (`.%2e` is already resolved by URL, this is belt and braces).
  return new URL(`${BASE}${folded}`).pathname;
}

function parseProto(value: string, field: string): 'http' | 'https' {
  const proto = firstValue(value).toLowerCase();
  if (proto !== 'http' && proto !== 'https') fail(field, 'must be http or https');
  return proto;
}

function firstValue(value: string): string {
  return (value.split(',')[0] ?? '').trim();
}

function parseOriginalUrl(value: string): { proto: 'http' | 'https'; host: string; uri: string } {
  const field = 'x-original-url';
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(value.trim());
  if (!match) return fail(field, 'must be an absolute http(s) URL');
  const rest = match[3] || '/';
  if (rest.startsWith('#') || /^[^/?]/.test(rest)) fail(field, 'must be an absolute http(s) URL');
  return {
    proto: (match[1] ?? '').toLowerCase() as 'http' | 'https',
    host: parseHost(match[2] ?? '', field).host,
    uri: parseUri(rest.startsWith('?') ? `/${rest}` : rest.replace(/#.*$/, ''), field),
  };
}

function readHeaders(headers: HeaderReader): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of ORIGINAL_REQUEST_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    if (value.length > MAX_FORWARD_HEADER_LENGTH) fail(name, 'longer than 8 KiB');
    if (CONTROL.test(value)) fail(name, 'contains control characters');
    if (value.trim() === '') fail(name, 'is empty');
    values.set(name, value);
  }
  return values;
}

// How the URL parser writes each `proto://host` the proxies name (a handful): parsed once each.
const parsedHosts = new Map<string, string>();
function parsedHost(origin: string): string {
  let host = parsedHosts.get(origin);
  if (host === undefined) {
    host = new URL(`${origin}/`).host;
    if (parsedHosts.size >= 1024) parsedHosts.clear();
    parsedHosts.set(origin, host);
  }
  return host;
}

function describe(headers: HeaderReader): OriginalRequest {
  const h = readHeaders(headers);
  const original = h.has('x-original-url') ? parseOriginalUrl(h.get('x-original-url')!) : null;

  const forwardedMethod = h.get('x-forwarded-method')?.trim();
  const originalMethod = h.get('x-original-method')?.trim();
  for (const [field, value] of [
    ['x-forwarded-method', forwardedMethod],
    ['x-original-method', originalMethod],
  ] as const)
    if (value !== undefined && !METHOD.test(value)) fail(field, 'not an HTTP method token');
  const method = (forwardedMethod ?? originalMethod ?? 'GET').toUpperCase();
  // Two descriptions of one request must agree; a client-added copy must not win (see below).
  if (originalMethod !== undefined && originalMethod.toUpperCase() !== method)
    fail('x-original-method', 'disagrees with X-Forwarded-Method');

  const forwardedHost = h.has('x-forwarded-host')
    ? parseHost(firstValue(h.get('x-forwarded-host')!), 'x-forwarded-host')
    : null;
  const originalHost = original ? parseHost(original.host, 'x-original-url') : null;
  const hostParts = forwardedHost ?? originalHost ?? fail('x-forwarded-host', 'is missing');
  if (originalHost && originalHost.hostname !== hostParts.hostname)
    fail('x-original-url', 'host disagrees with X-Forwarded-Host');

  const uris: Array<[string, string]> = [];
  if (h.has('x-forwarded-uri'))
    uris.push(['x-forwarded-uri', parseUri(h.get('x-forwarded-uri')!, 'x-forwarded-uri')]);
  if (h.has('x-original-uri'))
    uris.push(['x-original-uri', parseUri(h.get('x-original-uri')!, 'x-original-uri')]);
  if (original) uris.push(['x-original-url', original.uri]);
  const uri = uris[0]?.[1] ?? fail('x-forwarded-uri', 'is missing');
  for (const [field, other] of uris.slice(1))
    if (other !== uri) fail(field, `disagrees with ${uris[0]?.[0] ?? 'x-forwarded-uri'}`);

  // The scheme only decides `Secure` and the return URL's scheme, never which policy applies.
  const proto = h.has('x-forwarded-proto')
    ? parseProto(h.get('x-forwarded-proto')!, 'x-forwarded-proto')
    : (original?.proto ?? fail('x-forwarded-proto', 'is missing'));

  let path: string;
  let url: string;
  try {
    path = normalizePath(uri);
    const absolute = new URL(`${proto}://${hostParts.host}${uri}`);
    if (absolute.host !== parsedHost(`${proto}://${hostParts.host}`))
      fail('x-forwarded-uri', 'changes the host');
    url = absolute.toString();
  } catch (error) {
    if (error instanceof Malformed) throw error;
    return fail('x-forwarded-uri', 'not a valid path');
  }
  return { method, proto, ...hostParts, uri, path, url };
}

/**
 * Rebuilds the original request. Believed only when `trusted` (the connecting peer is one of
 * `trustedProxies`); otherwise the answer is `untrusted_proxy`.
 *
 * Which headers: `X-Forwarded-*` (Traefik, Caddy) or `X-Original-*` (nginx), or both when they
 * agree. When both describe the request and disagree (host name, URI or method) the request is
 * refused as malformed: a proxy overwrites its own set of headers but passes the other set through
 * from the client, so neither may silently win. The host is `X-Forwarded-Host` or the host of
 * `X-Original-URL`; the URI `X-Forwarded-Uri`, `X-Original-URI` or the path of `X-Original-URL`;
 * the scheme `X-Forwarded-Proto` or that of `X-Original-URL` (required); the method defaults to GET.
 * Any of these headers over 8 KiB, with control characters, or empty is refused, naming it.
 */
export function readOriginalRequest(
  headers: HeaderReader,
  trusted: boolean,
): OriginalRequestResult {
  if (!trusted) return { ok: false, problem: { code: 'untrusted_proxy' } };
  try {
    return { ok: true, request: describe(headers) };
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    return {
      ok: false,
      problem: { code: 'malformed_forward_headers', field: error.field, detail: error.message },
    };
  }
}
