import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { JWTVerifyGetKey } from 'jose';
import type { Requirement } from '../../domain/policy-requirement.js';
import { createForwardAuth } from '../../edge/forward-auth/index.js';
import type {
  ForwardAuth,
  ForwardAuthDecisionEvent,
  ForwardAuthRoute,
} from '../../edge/forward-auth/types.js';
import type { App, AppEnv } from '../app-env.js';
import type { Runtime } from '../runtime.js';
import { rootLogger } from '../../observability/logger.js';
import { recordEvent } from '../../services/event-recorder.js';

/** The identity headers, for the OpenAPI document. */
const identityHeaders = Object.fromEntries(
  ['X-User-Sub', 'X-Org-ID', 'X-Labels', 'X-Scopes', 'X-Roles', 'Remote-User', 'Remote-Groups'].map(
    (name) => [name, { schema: { type: 'string' as const }, description: 'Empty when unknown' }],
  ),
);

/**
 * The handler for one runtime. In `auto` mode nginx (told apart by the `X-Original-URI` its
 * snippet sends) gets 401s, Traefik and Caddy redirects for browsers.
 */
function buildHandler(rt: Runtime): ForwardAuth {
  const { settings } = rt;
  const base = settings.baseUrl ?? 'http://localhost:3000';
  const fa = settings.forwardAuth;
  // The signing keys this instance holds, re-read as the key ring rotates.
  const jwks: JWTVerifyGetKey = async (header, token) =>
    (await rt.signing.keyGetter())(header, token);
  const options = {
    issuer: rt.issuer,
    audience: settings.audience,
    jwks,
    trustedProxies: settings.trustedProxies,
    signInUrl: fa.signInUrl ?? new URL(settings.signInPath, base).toString(),
    refreshUrl: new URL(`${settings.basePath}/refresh`, base).toString(),
    allowedReturnHosts: [
      new URL(base).hostname,
      ...settings.allowedReturnHosts,
      ...fa.routes.flatMap((r) => (r.host ? [r.host] : [])),
    ],
    routes: fa.routes as ForwardAuthRoute[],
    ...(fa.defaultRequire ? { defaultRequire: fa.defaultRequire as Requirement } : {}),
    revocations: {
      source: () => rt.revocations.list(),
      pollSeconds: settings.revocationPollSeconds,
    },
    decisionSecret: rt.decisionKey,
    decisionTtlSeconds: fa.decisionTtlSeconds,
    ...(settings.cookieDomain ? { cookieDomain: settings.cookieDomain } : {}),
    // forward_auth_requests_total{status} and forward_auth_request_duration_ms (DESIGN §6).
    onDecision: (event: ForwardAuthDecisionEvent) => {
      rt.metrics.forwardAuthRequest(event.status, event.durationMs);
      if (fa.auditSampleRate > 0 && Math.random() < fa.auditSampleRate) auditDecision(rt, event);
    },
  };
  return createForwardAuth(options);
}

/** A sampled decision in the audit log (and to `auth.decision` webhooks), off the hot path. */
function auditDecision(rt: Runtime, event: ForwardAuthDecisionEvent): void {
  recordEvent(rt.store, rt.clock, {
    action: 'auth.decision',
    actorType: event.sub ? 'user' : 'anonymous',
    actorId: event.sub,
    targetType: 'route',
    targetId: event.route,
    data: {
      status: event.status,
      cached: event.cached,
      ...(event.request ?? {}),
    },
  }).catch((error: unknown) =>
    rootLogger().error({ error: (error as Error).name }, 'auth.decision audit failed'),
  );
}

const built = new WeakMap<Runtime, ForwardAuth>();

function forward(c: Context<AppEnv>): Promise<Response> {
  const rt = c.var.rt;
  let handler = built.get(rt);
  if (!handler) {
    handler = buildHandler(rt);
    built.set(rt, handler);
  }
  return handler.handle(c.req.raw, { ip: c.env?.ip ?? null });
}

/** `/forward` (DESIGN §5): the endpoint Traefik, Caddy and nginx ask before each request. */
export function registerForwardRoute(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/forward',
      operationId: 'forwardAuth.check',
      tags: ['forward-auth'],
      summary: 'Forward-auth decision for a proxied request (any method is accepted)',
      description:
        'The proxy sends the original request as X-Forwarded-Method/Proto/Host/Uri (Traefik, Caddy) or X-Original-Method/URI/URL (nginx), from an address in `trustedProxies`. Credentials: a bearer JWT, the session cookie or the decision cookie.',
      responses: {
        200: { description: 'Allowed; identity headers set', headers: identityHeaders },
        302: { description: 'Signed out, a browser: to the sign-in page with redirect_url' },
        400: { description: 'Malformed forward headers, or a peer that is not a trusted proxy' },
        401: { description: 'Signed out (API calls, nginx): WWW-Authenticate and Location' },
        403: { description: 'Signed in but the route policy denies it' },
        503: { description: 'Signing keys unavailable; Retry-After' },
      },
    }),
    (c) => forward(c) as never,
  );
  // Proxies forward-auth every method (a POST to the app asks with POST); HEAD is GET's.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], '/forward', (c) => forward(c));
}
