import { describe, expect, it } from 'vitest';
import { createDevMailbox } from '../../adapters/email/dev-mailbox.js';
import { renderEmail } from '../../adapters/email/templates.js';
import { devMailboxRoutes } from './dev-mailbox.js';

const invitation = (orgName: string) =>
  renderEmail(
    undefined,
    'invitation',
    {
      orgName,
      inviterName: 'Ada',
      url: 'https://app.example.com/invitations/abc',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      roles: ['member'],
    },
    'bob@example.com',
  );

function setup() {
  const mailbox = createDevMailbox({ log: () => {} });
  return { mailbox, app: devMailboxRoutes(mailbox) };
}

describe('devMailboxRoutes', () => {
  it('lists messages as JSON, and as HTML for browsers', async () => {
    const { mailbox, app } = setup();
    await mailbox.send(invitation('<script>x</script>'));
    const [entry] = mailbox.list();

    const json = await app.request('/dev/mailbox');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.json()).toEqual({
      messages: [
        {
          id: entry!.id,
          to: 'bob@example.com',
          subject: entry!.subject,
          kind: 'invitation',
          receivedAt: entry!.receivedAt.toISOString(),
        },
      ],
    });

    const page = await app.request('/dev/mailbox', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await page.text();
    expect(body).toContain(`href="mailbox/${entry!.id}"`);
    expect(body).not.toContain('<script>');
  });

  it('shows one message as JSON, or its HTML inside a page with a strict CSP', async () => {
    const { mailbox, app } = setup();
    await mailbox.send({ ...invitation('Acme'), html: '<p>hi</p><script>alert(1)</script>' });
    const [entry] = mailbox.list();

    const json = await app.request(`/dev/mailbox/${entry!.id}`);
    expect(await json.json()).toMatchObject({
      id: entry!.id,
      kind: 'invitation',
      text: entry!.text,
      html: entry!.html,
    });

    const page = await app.request(`/dev/mailbox/${entry!.id}`, {
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:",
    );
    expect(page.headers.get('cache-control')).toBe('no-store');
    const body = await page.text();
    // The email's HTML is shown as is; the CSP, not escaping, is what stops its script.
    expect(body).toContain('<p>hi</p><script>alert(1)</script>');
    expect(body).toContain('Ada invited you to join Acme');
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const { app } = setup();
    for (const accept of ['application/json', 'text/html']) {
      const res = await app.request('/dev/mailbox/nope', { headers: { accept } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 404, code: 'not_found' });
    }
  });
});
