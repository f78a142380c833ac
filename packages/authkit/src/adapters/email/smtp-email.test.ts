import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpEmail } from './smtp-email.js';
import { renderEmail } from './templates.js';

const USER = 'mailer';
const PASSWORD = 'p4ss/word+smtp';
const link = 'https://app.example.com/invitations/inv_0123456789abcdef?x=1&y=2';

interface Received {
  raw: string;
  from: string | undefined;
  to: string[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A real SMTP server on 127.0.0.1 and a free port; resolves each message it accepts. */
async function startServer(options: SMTPServerOptions) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received };
}

/** Headers (unfolded) and the decoded text of each MIME part: enough to check what arrived. */
function parse(raw: string) {
  const [head = '', body = ''] = raw.split(/\r\n\r\n([\s\S]*)/);
  const headers = head.replace(/\r\n(?=[ \t])/g, '');
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(headers)?.[1];
  const parts = (boundary ? body.split(`--${boundary}`).slice(1, -1) : [body]).map((part) => {
    const [partHead = '', content = ''] = part.replace(/^\r\n/, '').split(/\r\n\r\n([\s\S]*)/);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(partHead)?.[1]?.trim();
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(partHead)?.[1]?.toLowerCase();
    return { type, content: decode(content, encoding) };
  });
  return { headers, parts };
}

function decode(content: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(content, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return content;
  const bytes = content
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const message = () =>
  renderEmail(
    undefined,
    'invitation',
    {
      orgName: 'Acme & Co',
      inviterName: 'Ada',
      url: link,
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      roles: ['admin'],
    },
    'bob@example.com',
  );

function expectInvitation(received: Received[]) {
  expect(received).toHaveLength(1);
  const { raw, from, to } = received[0]!;
  expect(from).toBe('no-reply@localhost');
  expect(to).toEqual(['bob@example.com']);
  const { headers, parts } = parse(raw);
  expect(headers).toMatch(/^Subject: Ada invited you to join Acme & Co$/m);
  expect(headers).toMatch(/^To: bob@example\.com$/m);
  expect(headers).toMatch(/^From: Catalyst <no-reply@localhost>$/m);
  expect(headers).toMatch(/^X-Catalyst-Email: invitation$/m);
  const text = parts.find((p) => p.type === 'text/plain');
  const html = parts.find((p) => p.type === 'text/html');
  expect(text?.content).toContain(link);
  expect(text?.content).toContain('Ada invited you to join Acme & Co as admin.');
  expect(html?.content).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
  expect(html?.content).toContain('Acme &amp; Co');
}

describe('createSmtpEmail', () => {
  it('delivers text and HTML parts with the link to a server without auth', async () => {
    const { port, received } = await startServer({ authOptional: true });
    const email = createSmtpEmail({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Catalyst <no-reply@localhost>',
    });
    await email.send(message());
    await email.close();
    expectInvitation(received);
  });

  it('authenticates with AUTH PLAIN using the credentials in the URL', async () => {
    const logins: Array<{ method: string; username?: string; password?: string }> = [];
    const { port, received } = await startServer({
      authMethods: ['PLAIN'],
      onAuth(auth, _session, callback) {
        logins.push({
          method: auth.method,
          username: auth.username ?? undefined,
          password: auth.password ?? undefined,
        });
        if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
        else callback(new Error('Invalid username or password'));
      },
    });
    const url = `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
    const email = createSmtpEmail({ url, from: 'Catalyst <no-reply@localhost>' });
    await email.send(message());
    await email.close();
    expect(logins).toEqual([{ method: 'PLAIN', username: USER, password: PASSWORD }]);
    expectInvitation(received);
  });

  it('rejects a wrong password with an error that holds neither URL nor password', async () => {
    const { port, received } = await startServer({
      authMethods: ['PLAIN'],
      onAuth(auth, _session, callback) {
        // A careless server that echoes the password: the adapter must still not repeat it.
        callback(new Error(`Invalid password ${auth.password ?? ''}`));
      },
    });
    const wrong = 'wrong-Pa55word!';
    const url = `smtp://${USER}:${encodeURIComponent(wrong)}@127.0.0.1:${port}`;
    const email = createSmtpEmail({ url, from: 'Catalyst <no-reply@localhost>' });
    const error = await email.send(message()).then(
      () => undefined,
      (e: unknown) => e,
    );
    await email.close();
    expect(error).toBeInstanceOf(Error);
    const shown = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(shown).toContain('invitation');
    expect(error).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    for (const secret of [
      wrong,
      encodeURIComponent(wrong),
      url,
      Buffer.from(wrong).toString('base64'),
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect((error as Error).cause).toBeUndefined();
    expect(received).toHaveLength(0);
  });

  it('delivers over implicit TLS with smtps://', async () => {
    // smtp-server's bundled self-signed localhost certificate; the URL opts out of verifying it.
    const { port, received } = await startServer({ authOptional: true, secure: true });
    const email = createSmtpEmail({
      url: `smtps://127.0.0.1:${port}?tls.rejectUnauthorized=false`,
      from: 'Catalyst <no-reply@localhost>',
    });
    await email.send(message());
    await email.close();
    expectInvitation(received);
  });

  it('reports an unreachable server without the URL', async () => {
    const { port } = await startServer({ authOptional: true });
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    const url = `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
    const email = createSmtpEmail({ url, from: 'Catalyst <no-reply@localhost>' });
    const error = (await email.send(message()).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/could not send the invitation email/);
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('refuses a URL that is not smtp(s) without echoing it', () => {
    const url = `http://${USER}:${PASSWORD}@127.0.0.1:25`;
    expect(() => createSmtpEmail({ url, from: 'a@b.c' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    try {
      createSmtpEmail({ url: `not a url ${PASSWORD}`, from: 'a@b.c' });
    } catch (error) {
      expect((error as Error).message).not.toContain(PASSWORD);
    }
  });
});
