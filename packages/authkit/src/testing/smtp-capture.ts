import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with the decoded text part. */
export interface CapturedEmail {
  to: string[];
  subject: string;
  /** The `X-Catalyst-Email` header: which template sent it (`passwordReset`, `magicLink`…). */
  kind: string;
  text: string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, for `smtpUrl`. */
  url: string;
  messages: CapturedEmail[];
  /** The next message to `to` (of `kind`) not returned before; waits until it arrives. */
  next(to: string, kind?: string, timeoutMs?: number): Promise<CapturedEmail>;
  /** Messages to `to` (of `kind`) that arrived so far, returned before or not. */
  sentTo(to: string, kind?: string): CapturedEmail[];
  close(): Promise<void>;
}

function decode(content: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(content, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return content;
  const bytes = content
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Headers (unfolded) and the decoded text/plain part: enough to read links and codes. */
function parse(raw: string, to: string[]): CapturedEmail {
  const [head = '', body = ''] = raw.split(/\r\n\r\n([\s\S]*)/);
  const headers = head.replace(/\r\n(?=[ \t])/g, '');
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(headers)?.[1];
  const parts = (boundary ? body.split(`--${boundary}`).slice(1, -1) : [body]).map((part) => {
    const [partHead = '', content = ''] = part.replace(/^\r\n/, '').split(/\r\n\r\n([\s\S]*)/);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(partHead)?.[1]?.trim();
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(partHead)?.[1]?.toLowerCase();
    return { type, content: decode(content, encoding) };
  });
  const text = parts.find((p) => p.type === 'text/plain')?.content ?? '';
  return { to, subject: header('Subject'), kind: header('X-Catalyst-Email'), text };
}

/**
 * A real SMTP server on 127.0.0.1 and a free port that keeps every message, for tests that drive
 * the mail flows end to end. Test-only: not exported from the package.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedEmail[] = [];
  const returned = new Set<CapturedEmail>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        messages.push(parse(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  const matches = (m: CapturedEmail, to: string, kind?: string) =>
    m.to.includes(to.toLowerCase()) && (kind === undefined || m.kind === kind);

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async next(to, kind, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => !returned.has(m) && matches(m, to, kind));
        if (found) {
          returned.add(found);
          return found;
        }
        if (Date.now() > deadline) {
          throw new Error(`no ${kind ?? 'email'} to ${to} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    sentTo: (to, kind) => messages.filter((m) => matches(m, to, kind)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
