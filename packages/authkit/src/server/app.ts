import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes, routePath } from 'hono/route';
import { AuthkitError } from '../domain/errors.js';
import type { App, AppEnv } from './app-env.js';
import { compileProxyTrust } from './client-address.js';
import type { ResolvedSettings } from './config.js';
import { originCheck } from './origin-check.js';
import { problemResponse, validationProblem } from './problem.js';
import { requestContext, requestOrigin } from './request-info.js';
import { registerCredentialRoutes } from './routes/credentials.js';
import { registerSecondFactorRoutes } from './routes/second-factor.js';
import { registerMfaRoutes } from './routes/mfa.js';
import { registerEmailFlowRoutes } from './routes/email-flows.js';
import { registerDiscoveryRoutes } from './routes/discovery.js';
import { registerMemberRoutes } from './routes/members.js';
import { devMailboxRoutes } from './routes/dev-mailbox.js';
import { registerDomainRoutes } from './routes/domains.js';
import { registerGroupRoutes } from './routes/groups.js';
import { registerInvitationRoutes } from './routes/invitations.js';
import { registerLabelRoutes } from './routes/labels.js';
import { registerMeRoutes } from './routes/me.js';
import { registerRoleRoutes } from './routes/roles.js';
import { registerOrgRoutes } from './routes/orgs.js';
import { registerRefreshRoute } from './routes/refresh.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerTokenRoute } from './routes/token.js';
import { registerKeyRoutes } from './routes/keys.js';
import { registerRevocationRoute } from './routes/revocations.js';
import { registerForwardRoute } from './routes/forward.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAdminProfileRoutes } from './routes/admin-profiles.js';
import { registerSsoRoutes } from './routes/sso.js';
import { registerSsoConnectionRoutes } from './routes/sso-connections.js';
import { registerDirectoryRoutes } from './routes/directory.js';
import { registerWorkloadPolicyRoutes } from './routes/workload-policies.js';
import { registerAdminUserRoutes } from './routes/admin-users.js';
import { registerAdminOrgRoutes } from './routes/admin-orgs.js';
import { registerImpersonationRoutes } from './routes/impersonation.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { isUploadRequest, registerProfileRoutes } from './routes/profile.js';
import type { Runtime } from './runtime.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { rootLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

export type ErrorLogger = (event: {
  msg: string;
  error: string;
  code?: string;
  path: string;
}) => void;

const defaultLogger: ErrorLogger = ({ msg, ...fields }) => rootLogger().error(fields, msg);

/**
 * The route pattern that answered (`/orgs/:orgId/keys`), relative to the base path; for a request
 * refused by a middleware (413, origin) the route it was headed for; null when nothing matched.
 */
function routePattern(c: Context<AppEnv>, basePath: string): string | null {
  const concrete = (path: string) => path !== '' && !path.endsWith('*');
  let path: string | undefined;
  try {
    const responder = routePath(c);
    path = concrete(responder)
      ? responder
      : matchedRoutes(c).find((route) => concrete(route.path))?.path;
  } catch {
    return null; // no match result on this context: counting must never fail the request
  }
  if (!path) return null;
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
}

/**
 * What we log about an unexpected error: its class and, for database errors, the SQLSTATE code.
 * Never the message: drivers put the failed query's parameters (emails, hashes, tokens) there.
 */
export function describeError(error: unknown): { error: string; code?: string } {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause && typeof cause === 'object'; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { error: name, code };
    cause = (cause as { cause?: unknown }).cause;
  }
  return { error: name };
}

/** Maps anything thrown to problem+json; unknown errors are logged by class and code only. */
/** Invitation tokens travel in paths; they are capabilities and never reach a log. */
export const loggablePath = (path: string) =>
  path.replace(/\/invitations\/[^/]+/g, '/invitations/{token}');

function toResponse(error: unknown, path: string, log: ErrorLogger): Response {
  if (error instanceof AuthkitError) return problemResponse(error);
  if (error instanceof HTTPException) {
    if (error.status === 415) {
      return problemResponse(
        new AuthkitError('unsupported_media_type', 'send the body as application/json'),
      );
    }
    if (error.status === 400) {
      return problemResponse(
        new AuthkitError('malformed_json', 'request body is not valid JSON', { field: '(body)' }),
      );
    }
  }
  log({ msg: 'unhandled error', ...describeError(error), path: loggablePath(path) });
  return problemResponse(new AuthkitError('internal_error', 'internal error'));
}

export function buildApp(
  settings: ResolvedSettings,
  runtime: () => Promise<Runtime>,
  log = defaultLogger,
): App {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => (result.success ? undefined : validationProblem(result.error)),
  });
  app.onError((error, c) => toResponse(error, c.req.path, log));
  app.notFound(() => problemResponse(new AuthkitError('not_found', 'no such endpoint')));

  const trust = compileProxyTrust(settings.trustedProxies);
  // First, so every answer is counted (413s and origin refusals too). The metrics live in the
  // runtime; one that failed to start leaves the last known ones.
  let metrics: Metrics | undefined;
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The root app's not-found fallback re-enters here; the outer request already counts.
    if (c.req.path === '/__not_found__') return;
    metrics = (c.get('rt') as Runtime | undefined)?.metrics ?? metrics;
    metrics?.httpRequest(
      c.req.method,
      routePattern(c, settings.basePath),
      c.res.status,
      performance.now() - started,
    );
  });
  // Before anything reads the body: a 200 MB JSON body is refused, not buffered. Uploads have
  // their own limit (`uploads`), applied by their routes.
  app.use(
    except(
      isUploadRequest,
      bodyLimit({
        maxSize: settings.bodyLimitBytes,
        onError: () =>
          problemResponse(
            new AuthkitError(
              'payload_too_large',
              `request body is larger than ${settings.bodyLimitBytes} bytes`,
              { field: '(body)' },
            ),
          ),
      }),
    ),
  );
  app.use(
    originCheck({
      baseUrl: settings.baseUrl,
      trustedOrigins: settings.trustedOrigins,
      requestOrigin: (c) => requestOrigin(c.req.raw, c.env, trust),
    }),
  );
  app.use(async (c, next) => {
    let rt: Runtime;
    try {
      rt = await runtime();
    } catch (error) {
      log({ msg: 'store unavailable', ...describeError(error), path: loggablePath(c.req.path) });
      if (c.req.path.endsWith('/health')) return c.json({ status: 'unavailable' }, 503);
      return problemResponse(
        new AuthkitError('store_unavailable', 'the auth store is unavailable'),
      );
    }
    c.set('rt', rt);
    c.set('ctx', requestContext(c.req.raw, c.env, trust));
    c.set('origin', requestOrigin(c.req.raw, c.env, trust));
    await next();
  });

  registerCredentialRoutes(app);
  registerSecondFactorRoutes(app);
  registerMfaRoutes(app);
  registerEmailFlowRoutes(app);
  registerSessionRoutes(app);
  registerTokenRoute(app);
  registerRefreshRoute(app);
  registerDiscoveryRoutes(app);
  registerOrgRoutes(app);
  registerMemberRoutes(app);
  registerGroupRoutes(app);
  registerRoleRoutes(app);
  registerInvitationRoutes(app);
  registerDomainRoutes(app);
  registerLabelRoutes(app);
  registerMeRoutes(app);
  registerKeyRoutes(app);
  registerWorkloadPolicyRoutes(app);
  registerSsoRoutes(app);
  registerSsoConnectionRoutes(app);
  registerDirectoryRoutes(app);
  registerRevocationRoute(app);
  registerForwardRoute(app);
  registerWebhookRoutes(app);
  registerAuditRoutes(app);
  registerProfileRoutes(app);
  registerAdminUserRoutes(app);
  registerAdminProfileRoutes(app);
  registerAdminOrgRoutes(app);
  registerImpersonationRoutes(app);
  registerMetricsRoute(app);

  if (!settings.production) {
    // Development only, and not in the OpenAPI document: the messages the dev mailbox holds.
    const mailbox = async (c: Context<AppEnv>) => {
      const box = c.var.rt.mailbox;
      if (!box) return problemResponse(new AuthkitError('not_found', 'no dev mailbox'));
      const suffix = c.req.path.slice(c.req.path.indexOf('/dev/mailbox'));
      return devMailboxRoutes(box).fetch(
        new Request(new URL(suffix, 'http://mailbox'), { headers: c.req.raw.headers }),
      );
    };
    app.get('/dev/mailbox', mailbox);
    app.get('/dev/mailbox/:id', mailbox);
  }

  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Catalyst Authkit',
      version: '0.1.0',
      description: 'Auth and user management API',
    },
    // The public base URL, never the Host header or an internal origin.
    servers: [{ url: new URL(settings.basePath, settings.baseUrl ?? c.var.origin).toString() }],
  }));
  return app;
}
