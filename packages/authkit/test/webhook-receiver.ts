import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Which of the receiver's secrets verified it (index into `secrets`); -1 when none. */
  verifiedBy: number;
}

/**
 * A local webhook receiver that verifies every delivery with the `standardwebhooks` package,
 * against each secret it holds. `answer` decides the status of the next request.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const secrets: string[] = [];
  let answer: (n: number) => {
    status: number;
    headers?: Record<string, string>;
    delayMs?: number;
  } = () => ({
    status: 204,
  });
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
      const verifiedBy = secrets.findIndex((secret) => {
        try {
          new Webhook(secret).verify(body, {
            'webhook-id': headers['webhook-id'] ?? '',
            'webhook-timestamp': headers['webhook-timestamp'] ?? '',
            'webhook-signature': headers['webhook-signature'] ?? '',
          });
          return true;
        } catch {
          return false;
        }
      });
      received.push({
        id: headers['webhook-id'] ?? '',
        timestamp: headers['webhook-timestamp'] ?? '',
        signature: headers['webhook-signature'] ?? '',
        body,
        payload: JSON.parse(body) as Received['payload'],
        verifiedBy,
      });
      const reply = answer(count++);
      const respond = () => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.status >= 400 ? 'receiver says no' : 'ok');
      };
      if (reply.delayMs) setTimeout(respond, reply.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    secrets,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
