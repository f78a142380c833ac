import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

// API keys in the demo, end to end: a person issues a key in the browser, a script (this test
// process) trades it for a JWT at the token endpoint and verifies it against the JWKS, then the
// person revokes the key and the next exchange is refused. The steps build on each other.
const url = inject('appUrl');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const person = { name: 'Kim Keys', email: `keys-${run}@example.com` };
const KEY_NAME = 'Nightly reports';

/** The slice of jose this test uses (jose is @catalyst/authkit's dependency, not the demo's). */
interface Jose {
  createRemoteJWKSet(url: URL): unknown;
  jwtVerify(
    token: string,
    keys: unknown,
    options?: { issuer?: string },
  ): Promise<{ payload: Record<string, unknown>; protectedHeader: { alg: string } }>;
}

async function loadJose(): Promise<Jose> {
  const fromAuthkit = createRequire(
    new URL('../../../packages/authkit/package.json', import.meta.url),
  );
  return (await import(pathToFileURL(fromAuthkit.resolve('jose')).href)) as Jose;
}

/** What a script does with the key: RFC 8693 token exchange, form-encoded. */
function exchange(secret: string) {
  return fetch(`${url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: secret,
      subject_token_type: 'urn:catalyst:token-type:api-key',
    }),
  });
}

let browser: Browser;
let page: Page;
let jose: Jose;
let userId = '';
let secret = '';

beforeAll(async () => {
  jose = await loadJose();
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: url });
  page = await context.newPage();
});
afterAll(() => browser?.close());

/** The row of the key list for `name`. */
const row = (name: string) =>
  page.locator('[data-catalyst="key"]').filter({
    has: page.locator('[data-catalyst="key-name"]', { hasText: name }),
  });

describe('API keys in the demo app', () => {
  it('signs up and opens /dashboard/keys from the nav', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(person.name);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    userId = (await page.getByTestId('user-id').textContent()) ?? '';
    expect(userId).toMatch(/^usr_/);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.waitForURL('**/dashboard/keys');
    await page.locator('[data-catalyst="key-manager"][data-state="empty"]').waitFor();
  });

  it('issues a key with reports:read: the secret is shown once, and gone after a reload', async () => {
    const form = page.getByRole('form', { name: 'New API key' });
    await form.getByLabel('Key name').fill(KEY_NAME);
    const scopes = form.getByRole('group', { name: 'Scopes' });
    await page.locator('[data-catalyst="create-api-key-scopes"][data-state="ready"]').waitFor();
    // The demo's scopes (lib/authkit.ts): reports:read and reports:write.
    expect(await scopes.getByRole('checkbox').count()).toBe(2);
    await scopes.getByLabel('reports:read').check();
    await form.getByRole('button', { name: 'Create key' }).click();

    const field = page.getByLabel('Your new API key');
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^ck_[a-z0-9]+_[A-Za-z0-9_-]{43}$/);
    await page.getByText('Copy this key now. You will not see it again.').waitFor();
    // The list already shows the key, by its start only.
    const prefix = /^ck_[a-z0-9]+_/.exec(secret)![0];
    await row(KEY_NAME)
      .getByText(`${secret.slice(0, prefix.length + 8)}…`)
      .waitFor();

    await page.reload();
    await row(KEY_NAME).waitFor();
    expect(await page.getByLabel('Your new API key').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await row(KEY_NAME).getAttribute('data-status')).toBe('active');
  });

  it('a script trades the key for a JWT that verifies against the JWKS', async () => {
    const res = await exchange(secret);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'reports:read' });

    const jwks = jose.createRemoteJWKSet(new URL(`${url}/api/auth/.well-known/jwks.json`));
    const { payload } = await jose.jwtVerify(body.access_token, jwks, {
      issuer: `${url}/api/auth`,
    });
    expect(payload.sub).toBe(userId);
    expect(payload).toMatchObject({ amr: ['key'], scopes: ['reports:read'] });
    expect(String(payload.client_id)).toMatch(/^key_/);
  });

  it('revokes the key in the UI with a reason; the next exchange is refused', async () => {
    await page.getByRole('button', { name: `Revoke ${KEY_NAME}` }).click();
    const confirm = page.getByRole('form', { name: `Revoke ${KEY_NAME}` });
    await confirm.getByLabel('Reason (optional)').fill('no longer needed');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await row(KEY_NAME).and(page.locator('[data-status="revoked"]')).waitFor();
    expect(await row(KEY_NAME).locator('[data-catalyst="key-revoked-reason"]').textContent()).toBe(
      'no longer needed',
    );

    const res = await exchange(secret);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant', reason: 'revoked' });
  });

  it("an org's owner manages the org's keys at /org/keys", async () => {
    await page.goto('/orgs/new');
    await page.getByLabel('Organization name').fill(`Keys ${run}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL('**/org/settings');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Org keys' })
      .click();
    await page.waitForURL('**/org/keys');
    await page.getByRole('heading', { level: 1, name: `Keys ${run} API keys` }).waitFor();
    await page
      .locator('[data-catalyst="key-manager"][data-owner="org"][data-state="empty"]')
      .waitFor();
    const scopes = page.locator('[data-catalyst="create-api-key-scopes"][data-state="ready"]');
    await scopes.waitFor();
    // Org keys may also carry the org permissions their creator holds (an owner holds them all).
    await scopes.getByLabel('keys:manage').waitFor();
    await scopes.getByLabel('reports:read').waitFor();
  });
});
