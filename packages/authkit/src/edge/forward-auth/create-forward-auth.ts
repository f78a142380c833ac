import { checkRequirement, subjectFromClaims } from '../../domain/policy-requirement.js';
import type { AccessTokenClaims } from '../../domain/types.js';
import { compileProxyTrust, normalizeAddress } from '../../server/client-address.js';
import { readCredentials } from './credentials.js';
import { createDecisionCookies, decisionSetCookie, tokenHash } from './decision-cookie.js';
import { EMPTY_IDENTITY, identityFromClaims } from './identity-headers.js';
import { readOriginalRequest, type OriginalRequest } from './original-request.js';
import {
  allow,
  forbidden,
  problem,
  redirect,
  toResponse,
  unauthorized,
  type ForwardAuthAnswer,
} from './responses.js';
import { absoluteHttpUrl, createReturnLinks } from './return-url.js';
import { createRevocationList } from './revocation-list.js';
import { compileRoutePolicy, type MatchedRoute } from './route-policy.js';
import { endDecisionSpan, inSpan, startDecisionSpan } from './span.js';
import { createTokenVerifier, KeysUnavailableError, type TokenCheck } from './token-verifier.js';
import type {
  ForwardAuth,
  ForwardAuthConnection,
  ForwardAuthDecisionEvent,
  ForwardAuthLog,
  ForwardAuthOptions,
  HeaderReader,
} from './types.js';

const consoleLog: ForwardAuthLog = (level, message, fields) =>
  console.warn(JSON.stringify({ level, msg: message, ...fields }));

const elapsed: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? () => performance.now()
    : () => Date.now();

/** Browsers get redirects; XHR/fetch callers and anything not asking for HTML get a 401. */
function isBrowser(headers: HeaderReader): boolean {
  const accept = headers.get('accept') ?? '';
  const xhr = (headers.get('x-requested-with') ?? '').toLowerCase() === 'xmlhttprequest';
  return /\btext\/html\b/i.test(accept) && !xhr;
}

function validCookieDomain(domain: string | undefined): string | undefined {
  if (domain === undefined) return undefined;
  if (!/^\.?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i.test(domain))
    throw new TypeError(`cookieDomain ${JSON.stringify(domain)} is not a domain name`);
  return domain;
}

type Event = Omit<ForwardAuthDecisionEvent, 'status' | 'durationMs'>;

/**
 * Forward-auth for Traefik (`forwardAuth`), Caddy (`forward_auth`) and nginx (`auth_request`), on
 * Web APIs alone (DESIGN §5).
 *
 * Per request: the original request is rebuilt from the proxy's headers, believed only when the
 * connecting peer (`info.ip`) is one of `trustedProxies` (else 400 `untrusted_proxy`; missing or
 * malformed headers: 400 `malformed_forward_headers` naming the header). The route policy picks a
 * requirement. Credentials: `Authorization: Bearer`, else the `catalyst_access` cookie; a valid
 * `catalyst_decision` cookie bound to that token, host and route answers without any signature or
 * policy work. Tokens are verified against the configured issuer, audience and keys (cached until
 * `exp`), and their `sid` checked against the revocation list on every request.
 *
 * Answers: 200 with every identity header (`X-User-Sub`, `X-Org-ID`, `X-Labels`, `X-Scopes`,
 * `X-Roles`, `Remote-User`, `Remote-Groups`; empty when unknown) and, after a full evaluation, a
 * decision cookie; 302 to sign-in (or to `refreshUrl` for an expired session cookie) for browsers;
 * 401 with `WWW-Authenticate` and `Location` for API calls and in `nginx` mode; 403 problem+json
 * with the reason codes; 503 when the signing keys cannot be fetched. Always `no-store`.
 *
 * Proxy setup: Traefik must keep `trustForwardHeader: false` (with `true` it passes a client's own
 * `X-Forwarded-Host`/`-Uri` through and policy is matched on them), list the identity headers in
 * `authResponseHeaders`, and `catalyst_decision` in `addAuthCookiesToResponse`. nginx must set
 * `X-Original-URL` (or `X-Forwarded-Host`/`-Proto` and `X-Original-URI`) with `proxy_set_header`,
 * so client copies are overwritten.
 */
export function createForwardAuth(options: ForwardAuthOptions): ForwardAuth {
  if (typeof options.issuer !== 'string' || options.issuer === '')
    throw new TypeError('createForwardAuth needs `issuer`');
  // Without an audience jose would skip the `aud` check altogether.
  const audiences = [options.audience].flat();
  if (audiences.length === 0 || !audiences.every((a) => typeof a === 'string' && a !== ''))
    throw new TypeError('createForwardAuth needs `audience`');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? consoleLog;
  const mode = options.mode ?? 'auto';
  if (mode !== 'auto' && mode !== 'nginx') throw new TypeError('mode must be "auto" or "nginx"');
  const signInUrl = absoluteHttpUrl(options.signInUrl, 'signInUrl');
  const refreshUrl = options.refreshUrl ? absoluteHttpUrl(options.refreshUrl, 'refreshUrl') : null;
  const cookieDomain = validCookieDomain(options.cookieDomain);
  const trust = compileProxyTrust(options.trustedProxies ?? []);
  // The peers are the proxies: a handful of addresses, each parsed once instead of per request.
  const peers = new Map<string, boolean>();
  const trustedPeer = (ip: string | null | undefined): boolean => {
    if (!ip) return false;
    let trusted = peers.get(ip);
    if (trusted === undefined) {
      const peer = normalizeAddress(ip);
      trusted = peer !== null && trust(peer);
      if (peers.size >= 1024) peers.clear();
      peers.set(ip, trusted);
    }
    return trusted;
  };
  const policy = compileRoutePolicy(options.routes ?? [], options.defaultRequire ?? {});
  const links = createReturnLinks(
    options.allowedReturnHosts ??
      [signInUrl.hostname, ...policy.hostPatterns].filter((h) => !h.startsWith('[')),
  );
  const verifier = createTokenVerifier(options);
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const revocations = options.revocations
    ? createRevocationList(options.revocations, { fetch: fetchImpl, log, now })
    : null;
  const decisions = options.decisionSecret
    ? createDecisionCookies({
        secret: options.decisionSecret,
        issuer: options.issuer,
        ttlSeconds: options.decisionTtlSeconds,
        now,
      })
    : null;
  let warnedKeys = false;

  // A fresh verification that succeeded means the keys are reachable again: re-arm the warning.
  async function verify(token: string): Promise<TokenCheck> {
    const check = await verifier.verify(token);
    if (check.ok && !check.cached) warnedKeys = false;
    return check;
  }

  const isRevoked = async (sid: unknown) =>
    revocations !== null && (typeof sid !== 'string' || (await revocations.isRevoked(sid)));

  function signedOut(
    headers: HeaderReader,
    original: OriginalRequest,
    rejected: boolean,
    expiredCookie: boolean,
  ): ForwardAuthAnswer {
    const signIn = links.link(signInUrl, original);
    // nginx `auth_request` turns a 302 into a 500; in `auto` mode its X-Original-URI gives it away.
    const nginx = mode === 'nginx' || headers.get('x-original-uri') !== null;
    if (nginx || !isBrowser(headers)) return unauthorized(signIn, rejected);
    return redirect(expiredCookie && refreshUrl ? links.link(refreshUrl, original) : signIn);
  }

  async function decide(
    headers: HeaderReader,
    info: ForwardAuthConnection | undefined,
    event: Event,
  ): Promise<ForwardAuthAnswer> {
    const read = readOriginalRequest(headers, trustedPeer(info?.ip));
    if (!read.ok) {
      const p = read.problem;
      return p.code === 'untrusted_proxy'
        ? problem(400, p.code, 'forward-auth headers are only accepted from trustedProxies')
        : problem(400, p.code, `${p.field} ${p.detail}`, { field: p.field });
    }
    const original = read.request;
    const route: MatchedRoute = policy.match(original.hostname, original.path);
    event.route = route.label;
    event.request = { method: original.method, host: original.hostname, path: original.path };
    const credentials = readCredentials(headers);
    const token = credentials.token;

    if (route.public) {
      // Identity is a courtesy here: an unreachable key source must not close a public route.
      const check =
        token === null
          ? null
          : await verify(token).catch((error: unknown) => {
              if (error instanceof KeysUnavailableError) return null;
              throw error;
            });
      if (check?.ok && !(await isRevoked(check.claims.sid))) {
        event.sub = check.claims.sub;
        event.cached = check.cached ? 'token' : null;
        const identity = identityFromClaims(check.claims);
        return allow(identity.sub, identity.values, null);
      }
      return allow(EMPTY_IDENTITY.sub, EMPTY_IDENTITY.values, null);
    }
    if (token === null) return signedOut(headers, original, false, false);

    if (decisions && credentials.decision) {
      const binding = { host: original.host, rt: route.rt, th: await tokenHash(token) };
      const decided = await decisions.read(credentials.decision, binding);
      if (decided && !(await isRevoked(decided.sid))) {
        event.sub = decided.sub;
        event.cached = 'decision';
        return allow(decided.sub, decided.values, null);
      }
    }

    const check = await verify(token);
    if (!check.ok)
      return signedOut(headers, original, true, check.expired && credentials.source === 'cookie');
    const claims: AccessTokenClaims = check.claims;
    if (await isRevoked(claims.sid)) return signedOut(headers, original, true, false);
    event.sub = claims.sub;
    event.cached = check.cached ? 'token' : null;

    const result = checkRequirement(subjectFromClaims(claims), route.require);
    if (!result.allow) return forbidden(result.reasons);

    const identity = identityFromClaims(claims);
    // Browsers keep cookies; an API client sending a bearer would only be sent bytes it drops.
    const issued =
      decisions && credentials.source === 'cookie'
        ? await decisions.issue(
            { host: original.host, rt: route.rt, th: await tokenHash(token) },
            { sid: claims.sid, sub: identity.sub, values: identity.values },
            claims.exp,
          )
        : null;
    const cookie = issued
      ? decisionSetCookie(issued.jwt, issued.maxAge, original.proto === 'https', cookieDomain)
      : null;
    return allow(identity.sub, identity.values, cookie);
  }

  async function answer(
    headers: HeaderReader,
    info: ForwardAuthConnection | undefined,
  ): Promise<ForwardAuthAnswer> {
    const started = elapsed();
    const event: Event = { sub: null, route: null, cached: null, request: null };
    const span = startDecisionSpan();
    let response: ForwardAuthAnswer;
    try {
      response = await inSpan(span, () => decide(headers, info, event));
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        if (!warnedKeys) {
          warnedKeys = true;
          log('warn', 'forward-auth: the signing keys could not be fetched', {
            error: error.cause instanceof Error ? error.cause.message : String(error.cause),
          });
        }
        response = problem(
          503,
          'keys_unavailable',
          'the signing keys cannot be fetched; retry',
          {},
          [['retry-after', '5']],
        );
      } else {
        log('error', 'forward-auth: unexpected error', {
          error: error instanceof Error ? error.message : String(error),
        });
        response = problem(500, 'internal_error', 'forward-auth failed');
      }
      event.cached = null;
    }
    endDecisionSpan(span, response, event);
    if (options.onDecision) {
      try {
        options.onDecision({
          ...event,
          status: response.status,
          durationMs: elapsed() - started,
        });
      } catch {
        // a metrics hook must never change the answer
      }
    }
    return response;
  }

  return {
    answer,
    async handle(request, info) {
      return toResponse(await answer(request.headers, info));
    },
    close() {
      verifier.clear();
      revocations?.close();
    },
  };
}
