import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';
import { answer } from '../tenancy-schemas.js';

const RevocationListSchema = z
  .object({
    revoked: z.array(z.string()).openapi({
      description:
        'Session ids and API-key ids revoked recently enough that tokens carrying them as `sid` may still be unexpired',
    }),
    ttlSeconds: z.number().int().openapi({ description: 'Poll again after this many seconds' }),
  })
  .openapi('RevocationList');

/**
 * `GET /revocations`: what a stateless verifier (forward-auth on another host) polls so revoked
 * sessions and keys stop within one poll interval. Ids only: a `sid` is no secret (every token
 * carries its own) and a revoked one grants nothing.
 */
export function registerRevocationRoute(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/revocations',
      operationId: 'tokens.revocations',
      tags: ['tokens'],
      summary:
        'Recently revoked sessions, keys and deleted trust policies (token `sid`s), for stateless verifiers',
      responses: { 200: answer('The list', RevocationListSchema) },
    }),
    async (c) => {
      const ttlSeconds = c.var.rt.settings.revocationPollSeconds;
      const revoked = await c.var.rt.revocations.list();
      c.header('cache-control', `public, max-age=${ttlSeconds}`);
      return c.json({ revoked, ttlSeconds }, 200);
    },
  );
}
