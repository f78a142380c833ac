import { Hono, type Context } from 'hono';
import type { DevMailbox, MailboxEntry } from '../../adapters/email/dev-mailbox.js';
import { html, SafeHtml } from '../../adapters/email/templates.js';
import { AuthkitError } from '../../domain/errors.js';
import { problemResponse } from '../problem.js';

/**
 * No script, no fetches, no forms: an email's HTML is shown as it would render, but cannot act.
 * The first three directives are the contract; the rest close what `default-src` does not cover.
 */
export const DEV_MAILBOX_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type MailboxReader = Pick<DevMailbox, 'list' | 'get'>;

const summary = (entry: MailboxEntry) => ({
  id: entry.id,
  to: entry.to,
  subject: entry.subject,
  kind: entry.kind,
  receivedAt: entry.receivedAt.toISOString(),
});

const wantsHtml = (c: Context): boolean => (c.req.header('accept') ?? '').includes('text/html');

// Links in a mail carry live tokens: keep them out of caches and out of Referer headers.
function headers(contentType: string): Headers {
  return new Headers({
    'content-type': contentType,
    'cache-control': 'no-store',
    vary: 'Accept',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': DEV_MAILBOX_CSP,
  });
}

function page(title: string, body: SafeHtml): Response {
  const doc = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 0;
          }
          header {
            padding: 12px 16px;
            background: #f4f4f5;
            border-bottom: 1px solid #ddd;
          }
          main {
            padding: 16px;
          }
          td {
            padding: 4px 12px 4px 0;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html> `;
  return new Response(doc.value, { status: 200, headers: headers('text/html; charset=utf-8') });
}

function listPage(entries: MailboxEntry[]): Response {
  const rows = entries.map(
    (entry) =>
      html`<tr>
        <td>${entry.receivedAt.toISOString()}</td>
        <td>${entry.kind}</td>
        <td>${entry.to}</td>
        <td><a href="mailbox/${entry.id}">${entry.subject}</a></td>
      </tr>`,
  );
  return page(
    'Dev mailbox',
    html`<header><strong>Dev mailbox</strong> (development only, newest first)</header>
      <main>
        ${
          entries.length
            ? html`<table>
                ${rows}
              </table>`
            : html`<p>No messages yet.</p>`
        }
      </main>`,
  );
}

function messagePage(entry: MailboxEntry): Response {
  // The email's own HTML goes in as is (that is the point); the CSP keeps it inert.
  return page(
    entry.subject,
    html`<header>
        <a href="../mailbox">All messages</a> · <strong>${entry.subject}</strong><br />
        To ${entry.to} · ${entry.kind} · ${entry.receivedAt.toISOString()}
      </header>
      <main>${new SafeHtml(entry.html)}</main>
      <details>
        <summary>Plain text</summary>
        <pre>${entry.text}</pre>
      </details>`,
  );
}

/** Dev-only routes over the in-memory mailbox; not part of the OpenAPI document. */
export function devMailboxRoutes(mailbox: MailboxReader): Hono {
  const app = new Hono();

  app.get('/dev/mailbox', (c) => {
    const entries = mailbox.list();
    if (wantsHtml(c)) return listPage(entries);
    const body = JSON.stringify({ messages: entries.map(summary) });
    return new Response(body, { headers: headers('application/json') });
  });

  app.get('/dev/mailbox/:id', (c) => {
    const entry = mailbox.get(c.req.param('id'));
    if (!entry) return problemResponse(new AuthkitError('not_found', 'no such message'));
    if (wantsHtml(c)) return messagePage(entry);
    const body = JSON.stringify({ ...summary(entry), text: entry.text, html: entry.html });
    return new Response(body, { headers: headers('application/json') });
  });

  return app;
}
