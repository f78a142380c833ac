import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app-env.js';

export function registerDiscoveryRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      operationId: 'discovery.jwks',
      tags: ['discovery'],
      summary: 'Public signing keys: active, next and recently retired',
      responses: {
        200: {
          description: 'JWKS',
          content: {
            'application/json': {
              schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
            },
          },
        },
      },
    }),
    async (c) => {
      c.header('cache-control', 'public, max-age=300, stale-while-revalidate=60');
      const jwks = await c.var.rt.signing.jwks();
      return c.json({ keys: jwks.keys as Array<Record<string, unknown>> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/openid-configuration',
      operationId: 'discovery.openidConfiguration',
      tags: ['discovery'],
      summary: 'OpenID Provider metadata',
      responses: {
        200: {
          description: 'Discovery document',
          content: {
            'application/json': {
              schema: z.object({
                issuer: z.string(),
                jwks_uri: z.string(),
                token_endpoint: z.string(),
                id_token_signing_alg_values_supported: z.array(z.string()),
                grant_types_supported: z.array(z.string()),
                token_endpoint_auth_methods_supported: z.array(z.string()),
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      const { issuer, settings } = c.var.rt;
      const base = issuer.endsWith('/') ? issuer : `${issuer}/`;
      c.header('cache-control', 'public, max-age=300');
      return c.json(
        {
          issuer,
          jwks_uri: new URL('.well-known/jwks.json', base).toString(),
          token_endpoint: new URL('token', base).toString(),
          id_token_signing_alg_values_supported: [settings.signingAlg],
          grant_types_supported: [
            'refresh_token',
            'urn:ietf:params:oauth:grant-type:token-exchange',
          ],
          token_endpoint_auth_methods_supported: ['none'],
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'operations.health',
      tags: ['operations'],
      summary: '200 when the store answers, 503 otherwise',
      responses: {
        200: {
          description: 'Healthy',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
        },
        503: {
          description: 'Store unavailable',
          content: {
            'application/json': { schema: z.object({ status: z.literal('unavailable') }) },
          },
        },
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      try {
        await c.var.rt.store.ping();
        return c.json({ status: 'ok' as const }, 200);
      } catch {
        return c.json({ status: 'unavailable' as const }, 503);
      }
    },
  );
}
