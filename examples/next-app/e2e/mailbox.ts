import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the SMTP server accepted, decoded enough for a test to read. */
export interface Mail {
  from: string | null;
  to: string[];
  subject: string;
  /** The text/plain part, transfer encoding undone. */
  text: string;
  /** The text/html part, transfer encoding undone. */
  html: string;
}

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`, for CATALYST_SMTP_URL. */
  smtpUrl: string;
  /** An HTTP endpoint listing what arrived: `GET <url>?to=<address>` → `Mail[]`, oldest first. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (no auth, no STARTTLS) on a free loopback port that keeps every message,
 * and a small HTTP endpoint over it. The global setup runs it; test files run in workers and
 * read it over HTTP (`provide` only carries values known at setup time).
 */
export async function startMailbox(): Promise<Mailbox> {
  const received: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            mailFrom ? mailFrom.address : null,
            rcptTo.map((rcpt) => rcpt.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: Server = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://mailbox').searchParams.get('to')?.toLowerCase();
    const mails = to ? received.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : received;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(mails));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    url: `http://127.0.0.1:${httpPort}/messages`,
    async stop() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}

/** Polls the mailbox until a message to `address` arrives; the newest one. */
export async function waitForMail(mailboxUrl: string, address: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${mailboxUrl}?to=${encodeURIComponent(address)}`);
    const mails = (await res.json()) as Mail[];
    if (mails.length > 0) return mails.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A small MIME reader: headers (unfolded, RFC 2047 words decoded) and the text and HTML parts
// of a (possibly nested) multipart message, quoted-printable or base64.

function parseMail(raw: string, from: string | null, to: string[]): Mail {
  const { headers, body } = splitEntity(raw);
  const parts = leafParts(headers, body);
  const part = (type: string) => parts.find((p) => p.type === type)?.content ?? '';
  return {
    from,
    to,
    subject: decodeWords(header(headers, 'subject') ?? ''),
    text: part('text/plain'),
    html: part('text/html'),
  };
}

function splitEntity(raw: string): { headers: string; body: string } {
  const [head = '', body = ''] = raw.split(/\r?\n\r?\n([\s\S]*)/);
  return { headers: head.replace(/\r?\n(?=[ \t])/g, ''), body };
}

function header(headers: string, name: string): string | undefined {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim();
}

function leafParts(headers: string, body: string): Array<{ type: string; content: string }> {
  const contentType = header(headers, 'content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => {
        const entity = splitEntity(part.replace(/^\r?\n/, ''));
        return leafParts(entity.headers, entity.body);
      });
  }
  const encoding = header(headers, 'content-transfer-encoding')?.toLowerCase();
  return [{ type, content: decodeBody(body, encoding) }];
}

function decodeBody(content: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(content, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(content);
  return content;
}

/** Soft line breaks (`=` at the end of a line) joined, `=XX` bytes decoded as UTF-8. */
export function decodeQuotedPrintable(content: string): string {
  const bytes = content
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` encoded words in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QB])\?([^?]*)\?=/gi,
      (_, _charset: string, kind: string, text: string) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
