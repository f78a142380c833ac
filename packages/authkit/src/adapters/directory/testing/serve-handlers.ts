import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';

/**
 * Serves MSW handlers on a loopback port, so a whole server (its network guard, its global
 * `fetch`) talks to the mock over real HTTP. Requests are re-addressed to `mockBase` (the origin
 * the handlers were written for) before matching.
 */
export async function serveHandlers(
  handlers: readonly HttpHandler[],
  mockBase: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const request = new Request(new URL(req.url ?? '/', mockBase), {
        method: req.method ?? 'GET',
        headers: headersOf(req),
        body:
          req.method === 'GET' || req.method === 'HEAD'
            ? undefined
            : new Uint8Array(await bodyOf(req)),
      });
      const answer =
        (await getResponse([...handlers], request)) ?? new Response(null, { status: 404 });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return headers;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
