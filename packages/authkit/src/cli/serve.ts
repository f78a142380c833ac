import { serve as nodeServe } from '@hono/node-server';
import { createAuthkit, type Authkit } from '../server/create-authkit.js';
import { settingsFromEnv } from '../server/config.js';
import type { CliIo } from './io.js';

export interface RunningServer {
  url: string;
  authkit: Authkit;
  close(): Promise<void>;
}

type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * Runs the handler standalone on Node's HTTP server, passing the socket address as the client IP.
 * The base URL defaults to the port actually bound, so `--port 0` works.
 */
export async function serve(
  io: CliIo,
  port: number,
  hostname = '127.0.0.1',
  options: { worker?: boolean } = {},
): Promise<RunningServer> {
  const env = settingsFromEnv(io.env);
  // Set once the store is ready; until then requests get a 503.
  const live: { authkit?: Authkit } = {};
  const server = await new Promise<ReturnType<typeof nodeServe>>((resolve) => {
    const s = nodeServe(
      {
        hostname,
        port,
        fetch: (request, bindings: Bindings) =>
          live.authkit
            ? live.authkit.handler(request, {
                ip: bindings.incoming?.socket?.remoteAddress ?? null,
              })
            : new Response('starting', { status: 503 }),
      },
      () => resolve(s),
    );
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const ready = createAuthkit({ ...env, baseUrl: env.baseUrl ?? `http://localhost:${actualPort}` });
  try {
    await ready.api.ready();
  } catch (error) {
    server.close();
    throw error;
  }
  live.authkit = ready;
  // One delivery worker in the server unless told otherwise (`--no-worker`, webhookWorker: false).
  if (options.worker !== false && ready.settings.webhookWorker) {
    await ready.api.webhooks.startWorker();
  }
  const url = `http://localhost:${actualPort}${ready.settings.basePath}`;
  io.out(
    `catalyst listening on ${url} (${ready.settings.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  return {
    url,
    authkit: ready,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => void ready.api.close().then(resolve, resolve)),
      ),
  };
}
