import { describe, expect, it } from 'vitest';
import { AuthkitError } from '../../domain/errors.js';
import { defaultEmailTemplates, escapeHtml, html, renderEmail, SafeHtml } from './templates.js';

const expiresAt = new Date('2030-01-02T03:04:00Z');
const invitation = {
  orgName: 'Acme',
  inviterName: 'Ada',
  url: 'https://app.example.com/invite?token=abc&x=1',
  expiresAt,
  roles: ['admin', 'member'],
};

describe('renderEmail', () => {
  it('renders the default invitation in text and HTML', () => {
    const message = renderEmail(undefined, 'invitation', invitation, 'bob@example.com');
    expect(message).toMatchObject({
      to: 'bob@example.com',
      kind: 'invitation',
      subject: 'Ada invited you to join Acme',
    });
    expect(message.text).toContain('Ada invited you to join Acme as admin and member.');
    expect(message.text).toContain(invitation.url);
    expect(message.text).toContain('Jan 2, 2030');
    // The link is escaped as an attribute value, and still points at the same URL.
    expect(message.html).toContain('href="https://app.example.com/invite?token=abc&amp;x=1"');
  });

  it('renders every link template with its URL and expiry', () => {
    for (const kind of ['verifyEmail', 'magicLink', 'passwordReset'] as const) {
      const message = renderEmail(
        undefined,
        kind,
        { url: 'https://a.example/t', expiresAt, code: '123456' },
        'a@b.c',
      );
      expect(message.kind).toBe(kind);
      expect(message.subject).not.toBe('');
      expect(message.text).toContain('https://a.example/t');
      expect(message.html).toContain('href="https://a.example/t"');
      expect(message.text).toContain('2030');
    }
  });

  it('HTML-escapes every interpolated value', () => {
    const message = renderEmail(
      {},
      'invitation',
      {
        ...invitation,
        orgName: '<script>alert(1)</script>',
        inviterName: 'Eve "the" <b>',
        roles: ["o'wner"],
      },
      'bob@example.com',
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).toContain('Eve &quot;the&quot; &lt;b&gt;');
    expect(message.html).toContain('o&#39;wner');
    expect(message.html).not.toContain('<b>');
    // Plain text is not HTML: it keeps the characters as they are.
    expect(message.text).toContain('<script>alert(1)</script>');
  });

  it('refuses CR or LF in the subject (header injection), from defaults and overrides', () => {
    const injected = { ...invitation, orgName: 'Acme\r\nBcc: victim@example.com' };
    expect(() => renderEmail(undefined, 'invitation', injected, 'bob@example.com')).toThrow(
      AuthkitError,
    );
    const lf = () =>
      renderEmail(
        { magicLink: () => ({ subject: 'Hi\nthere', text: '', html: '' }) },
        'magicLink',
        { url: 'https://a.example', expiresAt, code: '123456' },
        'a@b.c',
      );
    expect(lf).toThrow(/single line/);
    expect(() =>
      renderEmail(undefined, 'invitation', invitation, 'bob@example.com\r\nBcc: x@y.z'),
    ).toThrow(/to must be a single line/);
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderEmail(undefined, 'invitation', { ...invitation, url: 'javascript:alert(1)' }, 'a@b.c'),
    ).toThrow(/http\(s\) URL/);
  });

  it('an override replaces only the template it names', () => {
    const templates = {
      invitation: (data: typeof invitation) => ({
        subject: `Welcome to ${data.orgName}`,
        text: `go: ${data.url}`,
        html: html`<p>${data.orgName}</p>`.value,
      }),
    };
    const custom = renderEmail(templates, 'invitation', invitation, 'bob@example.com');
    expect(custom).toEqual({
      to: 'bob@example.com',
      kind: 'invitation',
      subject: 'Welcome to Acme',
      text: `go: ${invitation.url}`,
      html: '<p>Acme</p>',
    });
    const data = { url: 'https://a.example/r', expiresAt };
    expect(renderEmail(templates, 'passwordReset', data, 'a@b.c')).toEqual({
      ...defaultEmailTemplates.passwordReset(data),
      to: 'a@b.c',
      kind: 'passwordReset',
    });
  });
});

describe('html', () => {
  it('escapes values, keeps SafeHtml and joins arrays', () => {
    const items = ['<a>', new SafeHtml('<i>ok</i>')];
    expect(html`<p title="${'"'}">${items}</p>`.value).toBe(
      '<p title="&quot;">&lt;a&gt;<i>ok</i></p>',
    );
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
