// Test support for the guard suites (not exported, not bundled: tsup starts from index.ts).
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { serve } from '@hono/node-server';
import { freePort } from '../../../../test/support/free-port.js';

export const PASSWORD = 'correct horse battery staple 42';

/** Serves `fetch` on a loopback port; resolves with its `http://localhost:<port>` origin. */
export async function serveOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ origin: string; close: () => void }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ port: 0, hostname: '127.0.0.1', fetch }, () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return { origin: `http://localhost:${port}`, close: () => server.close() };
}

/** A real auth server on loopback whose issuer is its own origin: guards fetch its JWKS over HTTP. */
export async function startAuthServer(
  options: { clock?: { now: () => Date } } = {},
): Promise<{ t: TestInstance; origin: string; close: () => Promise<void> }> {
  // The issuer is the server's own origin, known only once it listens: the handler comes second.
  const ref: { t?: TestInstance } = {};
  const http = await serveOnLoopback((req) => ref.t!.authkit.handler(req));
  const t = (ref.t = await createTestInstance({ baseUrl: http.origin, ...options }));
  return {
    t,
    origin: http.origin,
    close: async () => {
      http.close();
      await t.close();
    },
  };
}

/** An origin nothing listens on. */
export async function closedOrigin(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
