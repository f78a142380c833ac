import { AuthkitError } from '../../domain/errors.js';
import type { EmailMessage } from '../../ports/email.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface InvitationEmailData {
  orgName: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
  roles: readonly string[];
}

/** Data for every single-link email (verify, magic link, reset). */
export interface LinkEmailData {
  url: string;
  expiresAt: Date;
}

/** A magic-link email also carries a one-time code, for mail clients that open links first. */
export interface MagicLinkEmailData extends LinkEmailData {
  code: string;
}

/** Security notices (no link): what changed and when. */
export interface NoticeEmailData {
  at: Date;
  /** For a change of email: the new address (the notice goes to the old one). */
  newEmail?: string;
}

export type EmailTemplates = {
  invitation(data: InvitationEmailData): RenderedEmail;
  verifyEmail(data: LinkEmailData): RenderedEmail;
  magicLink(data: MagicLinkEmailData): RenderedEmail;
  passwordReset(data: LinkEmailData): RenderedEmail;
  passwordChanged(data: NoticeEmailData): RenderedEmail;
  emailChanged(data: NoticeEmailData): RenderedEmail;
};

export type EmailKind = keyof EmailTemplates;
export type EmailData<K extends EmailKind> = Parameters<EmailTemplates[K]>[0];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** HTML that is already safe; `html` interpolates it as is instead of escaping it again. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template that escapes every interpolated value, so a template cannot forget to. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const piece = (value: unknown): string =>
    value instanceof SafeHtml
      ? value.value
      : Array.isArray(value)
        ? value.map(piece).join('')
        : escapeHtml(value);
  return new SafeHtml(
    strings.reduce(
      (out, part, index) => out + part + (index < values.length ? piece(values[index]) : ''),
      '',
    ),
  );
}

// CR/LF in a header lets data add headers or recipients; other controls have no business there.
// eslint-disable-next-line no-control-regex
const HEADER_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Refuses a header value with CR, LF or another control character (header injection). */
export function assertHeaderValue(name: string, value: string): void {
  if (HEADER_UNSAFE.test(value)) {
    throw new AuthkitError(
      'invalid_request',
      `email ${name} must be a single line without control characters`,
      { field: name },
    );
  }
}

// Only web links: a `javascript:` URL in a button would run in mail clients that allow it.
function webUrl(url: string): string {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new AuthkitError('invalid_request', 'email link must be an http(s) URL', {
      field: 'url',
    });
  }
  return url;
}

const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const formatExpiry = (date: Date): string => `${dateFormat.format(date)} UTC`;
const formatList = (items: readonly string[]): string =>
  new Intl.ListFormat('en', { type: 'conjunction' }).format(items);

interface LinkLayout {
  title: string;
  lead: string;
  action: string;
  url: string;
  expiresAt: Date;
  footer: string;
}

/** One look for every email: a heading, a sentence, a button, the raw link and the expiry. */
function linkEmail(subject: string, layout: LinkLayout): RenderedEmail {
  const url = webUrl(layout.url);
  const expiry = formatExpiry(layout.expiresAt);
  const text = [
    layout.lead,
    '',
    `${layout.action}:`,
    url,
    '',
    `This link expires on ${expiry}.`,
    layout.footer,
    '',
  ].join('\n');
  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${layout.title}</title>
      </head>
      <body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
        <h1 style="font-size:20px">${layout.title}</h1>
        <p>${layout.lead}</p>
        <p>
          <a
            href="${url}"
            style="display:inline-block;padding:10px 16px;background:#111;color:#fff;text-decoration:none;border-radius:6px"
            >${layout.action}</a
          >
        </p>
        <p style="font-size:13px;color:#555">
          Or paste this link into your browser:<br /><a href="${url}">${url}</a>
        </p>
        <p style="font-size:13px;color:#555">This link expires on ${expiry}. ${layout.footer}</p>
      </body>
    </html> `;
  return { subject, text, html: body.value };
}

/** A notice without a link: what changed, when, and what to do if it was not you. */
function noticeEmail(subject: string, lead: string, at: Date): RenderedEmail {
  const when = formatExpiry(at);
  const footer = 'If this was not you, reset your password at once and contact support.';
  const text = [lead, '', `When: ${when}`, footer, ''].join('\n');
  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
        <h1 style="font-size:20px">${subject}</h1>
        <p>${lead}</p>
        <p style="font-size:13px;color:#555">When: ${when}. ${footer}</p>
      </body>
    </html> `;
  return { subject, text, html: body.value };
}

export const defaultEmailTemplates: EmailTemplates = {
  invitation: ({ orgName, inviterName, url, expiresAt, roles }) =>
    linkEmail(`${inviterName} invited you to join ${orgName}`, {
      title: `Join ${orgName}`,
      lead: `${inviterName} invited you to join ${orgName}${roles.length ? ` as ${formatList(roles)}` : ''}.`,
      action: 'Accept the invitation',
      url,
      expiresAt,
      footer: 'If you did not expect this invitation, you can ignore this email.',
    }),
  verifyEmail: ({ url, expiresAt }) =>
    linkEmail('Verify your email address', {
      title: 'Verify your email address',
      lead: 'Confirm that this address belongs to you.',
      action: 'Verify email',
      url,
      expiresAt,
      footer: 'If you did not create an account, you can ignore this email.',
    }),
  magicLink: ({ url, expiresAt, code }) =>
    linkEmail('Your sign-in link and code', {
      title: 'Sign in',
      lead: `Use this link to sign in, or enter the code ${code}. Each works once.`,
      action: 'Sign in',
      url,
      expiresAt,
      footer: 'If you did not ask to sign in, you can ignore this email.',
    }),
  passwordReset: ({ url, expiresAt }) =>
    linkEmail('Reset your password', {
      title: 'Reset your password',
      lead: 'Someone asked to reset the password of your account.',
      action: 'Choose a new password',
      url,
      expiresAt,
      footer: 'If it was not you, ignore this email: your password stays as it is.',
    }),
  passwordChanged: ({ at }) =>
    noticeEmail(
      'Your password was changed',
      'The password of your account was reset, and every session was signed out.',
      at,
    ),
  emailChanged: ({ at, newEmail }) =>
    noticeEmail(
      'Your email address was changed',
      `The email address of your account was changed to ${newEmail ?? 'a new address'}. This address no longer signs in.`,
      at,
    ),
};

/** Renders `kind` with the app's override if it has one, else the default, and checks headers. */
export function renderEmail<K extends EmailKind>(
  templates: Partial<EmailTemplates> | undefined,
  kind: K,
  data: EmailData<K>,
  to: string,
): EmailMessage {
  // The cast is sound: EmailTemplates[K] takes exactly EmailData<K>.
  const template = (templates?.[kind] ?? defaultEmailTemplates[kind]) as (
    data: EmailData<K>,
  ) => RenderedEmail;
  const { subject, text, html: body } = template(data);
  assertHeaderValue('to', to);
  assertHeaderValue('subject', subject);
  return { to, subject, text, html: body, kind };
}
