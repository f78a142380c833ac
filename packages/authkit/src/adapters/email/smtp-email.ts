import { createTransport } from 'nodemailer';
import type { EmailMessage, EmailPort } from '../../ports/email.js';
import { assertHeaderValue } from './templates.js';

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (implicit TLS). */
  url: string;
  /** The From header, e.g. `Catalyst <no-reply@example.com>`. */
  from: string;
}

export type SmtpEmail = EmailPort & { close(): Promise<void> };

/** A delivery failure. Its message and fields never hold the SMTP URL or its credentials. */
export class EmailDeliveryError extends Error {
  override readonly name = 'EmailDeliveryError';
  /** nodemailer's code (`EAUTH`, `ECONNECTION`, …) and the SMTP reply code, when known. */
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  /** True when the server said the failure is permanent (5xx): retrying will not help. */
  readonly permanent: boolean | undefined;

  constructor(
    message: string,
    details: { code?: unknown; responseCode?: unknown; permanent?: unknown },
  ) {
    super(message);
    this.code = typeof details.code === 'string' ? details.code : undefined;
    this.responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
    this.permanent = typeof details.permanent === 'boolean' ? details.permanent : undefined;
  }
}

/** Every spelling of a credential that could surface in a transport error. */
function secretsOf(url: URL, raw: string): string[] {
  const user = safeDecode(url.username);
  const pass = safeDecode(url.password);
  const found = [raw, url.href];
  if (pass) {
    found.push(url.password, pass, Buffer.from(pass).toString('base64'));
    found.push(Buffer.from(`\0${user}\0${pass}`).toString('base64')); // AUTH PLAIN
  }
  // Longest first, so a secret that contains another is removed whole.
  return found.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** Sends through an SMTP server with nodemailer; the URL comes from `CATALYST_SMTP_URL`. */
export function createSmtpEmail(options: SmtpEmailOptions): SmtpEmail {
  // Parse it ourselves first so a malformed URL fails without echoing it (it may hold a password).
  const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')) {
    throw new Error('the SMTP URL (CATALYST_SMTP_URL) must be an smtp:// or smtps:// URL');
  }
  assertHeaderValue('from', options.from);
  const secrets = secretsOf(url, options.url);
  const transport = createTransport(options.url);

  return {
    async send(message: EmailMessage) {
      assertHeaderValue('to', message.to);
      assertHeaderValue('subject', message.subject);
      assertHeaderValue('kind', message.kind);
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'X-Catalyst-Email': message.kind },
        });
      } catch (error) {
        // Rebuild instead of wrapping: a `cause` would carry the original error into logs.
        const source = (error ?? {}) as Record<string, unknown>;
        const reason = error instanceof Error ? error.message : String(error);
        throw new EmailDeliveryError(
          redact(`could not send the ${message.kind} email: ${reason}`, secrets),
          source,
        );
      }
    },
    async close() {
      transport.close();
    },
  };
}
