import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { AuthkitError } from '../domain/errors.js';
import type { App, AppEnv } from './app-env.js';
import type { ResolvedSettings } from './config.js';
import { originCheck } from './origin-check.js';
import { problemResponse, validationProblem } from './problem.js';
import { requestContext } from './request-info.js';
import { registerCredentialRoutes } from './routes/credentials.js';
import { registerDiscoveryRoutes } from './routes/discovery.js';
import { registerRefreshRoute } from './routes/refresh.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerTokenRoute } from './routes/token.js';
import type { Runtime } from './runtime.js';

export type ErrorLogger = (event: { msg: string; error: string; path: string }) => void;

const defaultLogger: ErrorLogger = (event) =>
  console.error(JSON.stringify({ level: 'error', ...event }));

/** Maps anything thrown to problem+json; unknown errors are logged by name and message only. */
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
  log({
    msg: 'unhandled error',
    error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    path,
  });
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

  app.use(
    originCheck({
      baseUrl: settings.baseUrl,
      trustedOrigins: settings.trustedOrigins,
      trustProxy: settings.trustProxy,
    }),
  );
  app.use(async (c, next) => {
    let rt: Runtime;
    try {
      rt = await runtime();
    } catch (error) {
      log({
        msg: 'store unavailable',
        error: error instanceof Error ? error.message : 'unknown',
        path: c.req.path,
      });
      if (c.req.path.endsWith('/health')) return c.json({ status: 'unavailable' }, 503);
      return problemResponse(
        new AuthkitError('store_unavailable', 'the auth store is unavailable'),
      );
    }
    c.set('rt', rt);
    c.set('ctx', requestContext(c.req.raw, c.env, settings.trustProxy));
    await next();
  });

  registerCredentialRoutes(app);
  registerSessionRoutes(app);
  registerTokenRoute(app);
  registerRefreshRoute(app);
  registerDiscoveryRoutes(app);

  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Catalyst Authkit',
      version: '0.1.0',
      description: 'Auth and user management API',
    },
    servers: [{ url: new URL(settings.basePath, c.req.url).toString() }],
  }));
  return app;
}
