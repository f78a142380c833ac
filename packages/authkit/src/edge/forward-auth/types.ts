import type { JSONWebKeySet, JWK, JWTVerifyGetKey } from 'jose';
import type { Requirement } from '../../domain/policy-requirement.js';
import type { ForwardAuthAnswer } from './responses.js';

export type { ForwardAuthAnswer } from './responses.js';

/** The session cookie forward-auth reads (set by the auth server, DESIGN §3). */
export const ACCESS_COOKIE = 'catalyst_access';

/** The short-lived decision cookie forward-auth issues so repeat requests skip policy work. */
export const DECISION_COOKIE = 'catalyst_decision';

/**
 * The headers an allowed answer carries, every one of them present (empty when unknown). Proxies
 * copy exactly these onto the upstream request (Traefik `authResponseHeaders`, Caddy
 * `copy_headers`, nginx `auth_request_set`), replacing whatever the client sent.
 */
export const IDENTITY_HEADERS = [
  'X-User-Sub',
  'X-Org-ID',
  'X-Labels',
  'X-Scopes',
  'X-Roles',
  'Remote-User',
  'Remote-Groups',
] as const;

export type IdentityHeader = (typeof IDENTITY_HEADERS)[number];

/**
 * One entry of the route policy. The first entry whose `host` and `path` both match decides.
 *
 * - `host`: `app.example.com` (exact, port ignored), `*.example.com` (one or more labels in front),
 *   omitted: any host.
 * - `path`: `/x` (exact, a trailing slash allowed), `/api/*` (`/api` and everything below it),
 *   Next-style `/orgs/:id/*` or `/docs/:path*`; omitted: any path.
 */
export interface ForwardAuthRoute {
  /** A stable name for metrics and the decision cookie (default: the entry's index). */
  id?: string;
  host?: string;
  path?: string;
  /** What the caller must hold (`checkRequirement`); `{}`: signed in. Default `defaultRequire`. */
  require?: Requirement;
  /** `true`: anyone passes (200). Identity headers are still filled when a valid token came along. */
  public?: boolean;
}

/** Where revoked session ids (and API-key ids) come from; polled lazily, never on a timer. */
export type RevocationOptions =
  | {
      /** `GET <url>` answering `200 {"revoked": ["ses_…", "key_…"], "ttlSeconds": 10}`. */
      url: string;
      /** Extra request headers (for example `Authorization` when the endpoint is protected). */
      headers?: Record<string, string>;
      /** Refresh when the list is older than this (default: the answer's `ttlSeconds`, else 10). */
      pollSeconds?: number;
      /** Abort a fetch after this long (default 2000). */
      timeoutMs?: number;
    }
  | {
      source: () => Promise<Iterable<string>>;
      /** Refresh when the list is older than this (default 10). */
      pollSeconds?: number;
    };

/** Reported once per request through `onDecision` (the server turns it into Prometheus metrics). */
export interface ForwardAuthDecisionEvent {
  status: number;
  durationMs: number;
  /** The verified subject, when a token verified (also on 403). */
  sub: string | null;
  /** The matched route's id (or index), `default` when none matched, null on a 400. */
  route: string | null;
  /** `token`: the signature check came from the cache; `decision`: the decision cookie answered. */
  cached: 'token' | 'decision' | null;
  /** The proxied request the decision was about; null when the forwarded headers were refused. */
  request: { method: string; host: string; path: string } | null;
}

export type ForwardAuthLog = (
  level: 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

export interface ForwardAuthOptions {
  /** Expected `iss`; trust anchors come from configuration, never from the request. */
  issuer: string;
  /** Expected `aud`. */
  audience: string | string[];
  /** The JWKS URL (fetched with `fetch`, cached by jose) or a key getter. */
  jwks?: string | URL | JWTVerifyGetKey;
  /** Public keys held locally: a JWKS document or an array of JWKs. */
  keys?: JSONWebKeySet | JWK[];
  /**
   * Peers whose `X-Forwarded-*` / `X-Original-*` headers are believed: CIDRs, addresses or
   * `loopback` / `linklocal` / `uniquelocal`. A request from any other peer answers 400
   * `untrusted_proxy`. Default: none.
   */
  trustedProxies?: readonly string[];
  /** Absolute URL of the sign-in page; signed-out browsers go there with `redirect_url`. */
  signInUrl: string;
  /** Absolute URL that refreshes an expired session cookie (e.g. `<base>/api/auth/refresh`). */
  refreshUrl?: string;
  /**
   * Hosts that may appear in `redirect_url` (exact, or `*.example.com`). Default: the sign-in
   * URL's host and every host the routes name. Any other host: `redirect_url` is left out.
   */
  allowedReturnHosts?: readonly string[];
  routes?: readonly ForwardAuthRoute[];
  /** The requirement when no route matches (default `{}`: signed in). */
  defaultRequire?: Requirement;
  /**
   * `auto` (default): browsers get 302 to sign-in, API calls 401, and requests carrying
   * `X-Original-URI` (only nginx's snippet sends it) 401. `nginx`: always 401 with `Location`,
   * since nginx `auth_request` turns anything but 2xx/401/403 into a 500.
   */
  mode?: 'auto' | 'nginx';
  revocations?: RevocationOptions;
  /**
   * Key for the HS256 decision cookie (a CryptoKey for HMAC, or at least 32 random bytes derived
   * from the root secret). Without it decision cookies are neither issued nor read.
   */
  decisionSecret?: CryptoKey | Uint8Array;
  /** Decision cookie lifetime, 1–60 seconds (default 30); never beyond the token's `exp`. */
  decisionTtlSeconds?: number;
  /** `Domain` attribute of the decision cookie (default: host-only). */
  cookieDomain?: string;
  onDecision?: (event: ForwardAuthDecisionEvent) => void;
  /** Warnings (revocation list unreachable, key source down). Default: one JSON line on console. */
  log?: ForwardAuthLog;
  /** `fetch` for the JWKS URL and the revocation list (default: the global one). */
  fetch?: typeof fetch;
  /** Seconds of clock skew tolerated on `exp` / `nbf` / `iat` (default 5). */
  clockToleranceSeconds?: number;
  /** Verified tokens kept in memory (default 10 000). */
  cacheSize?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/** What the embedding server knows about the connection. */
export interface ForwardAuthConnection {
  /** The peer that connected (socket address); checked against `trustedProxies`. */
  ip?: string | null;
}

export interface ForwardAuth {
  /** Answers one forward-auth request (DESIGN §5). Never throws. */
  handle(request: Request, info?: ForwardAuthConnection): Promise<Response>;
  /**
   * The same decision as plain data, from the headers alone: what a Node server writes without
   * building Web `Request`/`Response` objects (the standalone server's hot path).
   */
  answer(headers: HeaderReader, info?: ForwardAuthConnection): Promise<ForwardAuthAnswer>;
  /** Drops cached tokens and cancels a revocation fetch in flight. */
  close(): void;
}

/** What the handler reads of a request's headers: a `Headers`, or a thin view of Node's. */
export interface HeaderReader {
  /** The value for a lower-case header name, or null. */
  get(name: string): string | null;
}
