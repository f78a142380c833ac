import { sessionExtras } from '../session-extras.js';
import { createRoute, z } from '@hono/zod-openapi';
import { toSession } from '../../services/session-service.js';
import type { App } from '../app-env.js';
import { SessionPayloadSchema, SessionSchema, problemResponses, text } from '../schemas.js';
import { authenticateOrRefresh, requireAuth } from '../session-auth.js';

export function registerSessionRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      operationId: 'sessions.current',
      tags: ['sessions'],
      summary: 'The signed-in user and session, or nulls',
      description:
        'With an expired access cookie and a valid refresh cookie, refreshes and sets new cookies.',
      responses: {
        200: {
          description: 'Session or nulls',
          content: { 'application/json': { schema: SessionPayloadSchema } },
        },
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const auth = await authenticateOrRefresh(c);
      const user = auth ? await c.var.rt.sessions.user(auth.claims.sub) : null;
      if (!auth || !user) return c.json({ user: null, session: null }, 200);
      const org = await c.var.rt.identity.activeOrg(auth.claims.sub, auth.session.activeOrgId);
      const extras = await sessionExtras(c.var.rt, auth.session);
      return c.json(
        { user, session: toSession(auth.session, auth.session.id), org, ...extras },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sessions',
      operationId: 'sessions.list',
      tags: ['sessions'],
      summary: "The signed-in user's active sessions (devices)",
      responses: {
        200: {
          description: 'Sessions, most recently used first',
          content: {
            'application/json': { schema: z.object({ sessions: z.array(SessionSchema) }) },
          },
        },
        401: problemResponses[401],
      },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      const auth = await requireAuth(c);
      const records = await c.var.rt.sessions.list(auth.claims.sub);
      return c.json({ sessions: records.map((r) => toSession(r, auth.session.id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/sessions/{id}',
      operationId: 'sessions.revoke',
      tags: ['sessions'],
      summary: 'Revoke one of your sessions; it is signed out at once',
      request: {
        params: z.object({
          id: text(64, { min: 1 }).openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: {
        200: {
          description: 'Revoked',
          content: { 'application/json': { schema: z.object({ revoked: z.literal(true) }) } },
        },
        ...problemResponses,
        404: problemResponses[400],
      },
    }),
    async (c) => {
      const auth = await requireAuth(c);
      await c.var.rt.auth.revokeSession(auth.claims.sub, c.req.valid('param').id, c.var.ctx);
      return c.json({ revoked: true as const }, 200);
    },
  );
}
