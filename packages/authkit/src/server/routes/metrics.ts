import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuthkitError } from '../../domain/errors.js';
import type { App, AppEnv } from '../app-env.js';
import { problemResponse } from '../problem.js';
import { ProblemSchema } from '../schemas.js';

/** Digests first, so the comparison takes the same time whatever the lengths (no length oracle). */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether the request's `Authorization: Bearer …` is the configured token, in constant time. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  // Compared even when absent, so a missing header costs what a wrong one does.
  const equal = timingSafeEqual(digest(match?.[1] ?? ''), digest(expected));
  return match !== null && equal;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

async function metrics(c: Context<AppEnv>): Promise<Response> {
  const { settings, metrics: registry } = c.var.rt;
  // Off unless configured: without a token the endpoint does not exist.
  if (!settings.metricsToken)
    return problemResponse(new AuthkitError('not_found', 'no such endpoint'));
  if (!bearerMatches(c.req.header('authorization'), settings.metricsToken)) {
    const res = problemResponse(
      new AuthkitError('unauthenticated', 'a valid metrics bearer token is required'),
    );
    res.headers.set('www-authenticate', 'Bearer realm="catalyst-metrics"');
    return res;
  }
  const { contentType, body } = await registry.render();
  return new Response(body, {
    status: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  });
}

/** `GET /metrics` (DESIGN §3, §6): Prometheus text for a scraper holding `metricsToken`. */
export function registerMetricsRoute(app: App): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The `metricsToken` setting (CATALYST_METRICS_TOKEN)',
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'operations.metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics; needs the metrics bearer token',
      security: [{ metricsToken: [] }],
      responses: {
        200: {
          description: 'Prometheus text exposition format',
          content: { 'text/plain': { schema: z.string() } },
        },
        401: problem('Missing or wrong metrics token'),
        404: problem('No metrics token is configured, so the endpoint is off'),
      },
    }),
    (c) => metrics(c) as never,
  );
}
