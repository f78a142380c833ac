import { createServer, type RequestListener } from 'node:http';
import { serve as nodeServe } from '@hono/node-server';

export type WebHandler = (request: Request, info: { ip: string | null }) => Promise<Response>;

export interface ListeningServer {
  /** `http://<hostname>:<port>` as bound (IPv6 in brackets). */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * Idle keep-alive connections stay open longer than clients and proxies keep theirs (undici 4 s,
 * most load balancers 60 s): with Node's 5 s default the server can close a socket just as a
 * client reuses it, and that request fails with "other side closed".
 */
function keepAliveLonger(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/**
 * Serves a Web-standard handler on Node's HTTP server, passing the socket's peer address as
 * `ip` (never a header: only the handler decides which proxies to believe). Port 0 binds a free
 * port; the URL reports the one bound.
 */
export async function listen(
  handler: WebHandler,
  { port, hostname = '127.0.0.1' }: { port: number; hostname?: string },
): Promise<ListeningServer> {
  const server = await new Promise<ReturnType<typeof nodeServe>>((resolve, reject) => {
    const s = nodeServe(
      {
        hostname,
        port,
        fetch: (request, bindings: Bindings) =>
          handler(request, { ip: bindings.incoming?.socket?.remoteAddress ?? null }),
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  keepAliveLonger(server as unknown as Parameters<typeof keepAliveLonger>[0]);
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Serves a plain `node:http` listener (no Web objects), on the same terms as `listen`. */
export async function listenNode(
  listener: RequestListener,
  { port, hostname = '127.0.0.1' }: { port: number; hostname?: string },
): Promise<ListeningServer> {
  const server = createServer(listener);
  keepAliveLonger(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
