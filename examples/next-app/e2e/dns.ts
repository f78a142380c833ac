import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A DNS server for the browser tests' domains: it answers TXT queries from records a test
 * publishes, and "no such name" to everything else. Domain verification looks its TXT record up
 * through Node's resolver (`dns.resolveTxt`); dns-preload.mjs points the Next server's resolver
 * here, so a test can prove it owns a domain nobody owns. Name lookups (`dns.lookup`, which
 * fetch and the SSO network guard use) go through the OS as before.
 */
export interface TestDns {
  /** `127.0.0.1:<port>` (UDP), for `dns.setServers`. */
  server: string;
  /** `POST <url>` with `{ name, value }` publishes a TXT record (see `publishTxt`). */
  url: string;
  stop(): Promise<void>;
}

const TXT = 16;
const IN = 1;

export async function startDns(): Promise<TestDns> {
  const records = new Map<string, string[]>();
  const udp = createSocket('udp4');
  udp.on('message', (query, peer) => {
    const reply = answer(query, records);
    if (reply) udp.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, '127.0.0.1', () => resolve());
  });
  const dnsPort = udp.address().port;

  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        const { name, value } = JSON.parse(body) as { name: string; value: string };
        const key = name.toLowerCase().replace(/\.$/, '');
        records.set(key, [...(records.get(key) ?? []), value]);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const httpPort = (http.address() as AddressInfo).port;

  return {
    server: `127.0.0.1:${dnsPort}`,
    url: `http://127.0.0.1:${httpPort}/txt`,
    async stop() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
    },
  };
}

/** Publishes `value` as a TXT record of `name` at the test DNS server (`dnsUrl` from the setup). */
export async function publishTxt(dnsUrl: string, record: { name: string; value: string }) {
  const res = await fetch(dnsUrl, { method: 'POST', body: JSON.stringify(record) });
  if (!res.ok) throw new Error(`the test DNS server answered ${res.status}`);
}

/**
 * The response to one query (RFC 1035 §4): the question echoed, then its TXT records; a name
 * with records but not of that type has no data, any other name does not exist. Null when the
 * message is not a query this server can read.
 */
function answer(query: Buffer, records: Map<string, string[]>): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(2) & 0x8000 || query.readUInt16BE(4) !== 1) {
    return null;
  }
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const length = query[at];
    if (length === undefined || length > 63) return null;
    at += 1;
    if (length === 0) break;
    labels.push(query.toString('latin1', at, at + length));
    at += length;
  }
  if (at + 4 > query.length) return null;
  const type = query.readUInt16BE(at);
  const klass = query.readUInt16BE(at + 2);
  const question = query.subarray(12, at + 4);
  const known = records.get(labels.join('.').toLowerCase());
  const values = known && type === TXT && klass === IN ? known : [];

  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // the query's id
  // A response, authoritative, recursion desired copied from the query; NXDOMAIN when unknown.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(values.length, 6);
  const answers = values.map((value) => {
    // TXT data: character-strings of at most 255 bytes each.
    const text = Buffer.from(value, 'utf8');
    const strings: Buffer[] = [];
    for (let i = 0; i < text.length || i === 0; i += 255) {
      const chunk = text.subarray(i, i + 255);
      strings.push(Buffer.from([chunk.length]), chunk);
    }
    const data = Buffer.concat(strings);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(TXT, 2);
    fixed.writeUInt16BE(IN, 4);
    fixed.writeUInt32BE(0, 6); // TTL: never cached
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, question, ...answers]);
}
