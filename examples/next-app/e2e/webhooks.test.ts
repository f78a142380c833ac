import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

// Webhooks in the demo, end to end: an org owner registers an endpoint at /org/webhooks that
// points at a receiver this test runs on 127.0.0.1, sees its signing secret once, sends a test
// event, and watches the delivery (made by the Next route handler after its response) arrive as
// delivered with its attempt. The receiver checks the Standard Webhooks signature with the secret
// the page showed. The steps build on each other.
const url = inject('appUrl');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const person = { name: 'Wen Hooks', email: `hooks-${run}@example.com` };

/** The slice of `standardwebhooks` this test uses (@catalyst/authkit's dependency, not the demo's). */
interface StandardWebhooks {
  Webhook: new (secret: string) => {
    verify(payload: string, headers: Record<string, string>): unknown;
  };
}

async function loadStandardWebhooks(): Promise<StandardWebhooks> {
  const fromAuthkit = createRequire(
    new URL('../../../packages/authkit/package.json', import.meta.url),
  );
  return (await import(
    pathToFileURL(fromAuthkit.resolve('standardwebhooks')).href
  )) as StandardWebhooks;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 (the demo allows that network outside production) that keeps all it gets. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/catalyst-hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let browser: Browser;
let page: Page;
let standard: StandardWebhooks;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let secret = '';

beforeAll(async () => {
  standard = await loadStandardWebhooks();
  receiver = await startReceiver();
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: url });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

/** The endpoint's entry in the list. */
const endpoint = () =>
  page.locator('[data-catalyst="webhook"]').filter({
    has: page.locator('[data-catalyst="webhook-url"]', { hasText: receiver.url }),
  });

describe('webhooks in the demo app', () => {
  it('signs up, creates an org and opens /org/webhooks from the nav', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(person.name);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');

    await page.goto('/orgs/new');
    await page.getByLabel('Organization name').fill(`Hooks ${run}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL('**/org/settings');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await page.waitForURL('**/org/webhooks');
    await page.getByRole('heading', { level: 1, name: `Hooks ${run} webhooks` }).waitFor();
    await page
      .locator('[data-catalyst="webhook-manager"][data-owner="org"][data-state="empty"]')
      .waitFor();
  });

  it('registers an endpoint: the signing secret is shown once, and gone after a reload', async () => {
    const form = page.getByRole('form', { name: 'New webhook endpoint' });
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('Description (optional)').fill('e2e receiver');
    await form.getByLabel('All events in Organizations').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const field = page.getByLabel(`Signing secret for ${receiver.url}`);
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await page.getByText('Copy this signing secret now. You will not see it again.').waitFor();
    await endpoint().waitFor();
    expect(await endpoint().textContent()).not.toContain(secret);

    await page.reload();
    await endpoint().waitFor();
    expect(await page.getByLabel(`Signing secret for ${receiver.url}`).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await endpoint().locator('[data-catalyst="webhook-status"]').textContent()).toBe(
      'Enabled',
    );
  });

  it('sends a test event and sees it delivered, with its attempt', async () => {
    await endpoint()
      .getByRole('button', { name: `Send test event to ${receiver.url}` })
      .click();
    await endpoint().getByText('Test event queued.').waitFor();
    const table = endpoint().getByRole('table', { name: `Deliveries to ${receiver.url}` });
    const row = table.locator('[data-catalyst="webhook-delivery"]').filter({
      has: page.getByText('webhook.test', { exact: true }),
    });
    // Delivered by the route handler after the test request's response; the table polls.
    await row.and(page.locator('[data-status="delivered"]')).waitFor({ timeout: 30_000 });
    expect(await row.locator('[data-catalyst="webhook-delivery-last-status"]').textContent()).toBe(
      '200',
    );

    await row.getByRole('button', { name: /^Attempts of webhook\.test from / }).click();
    const attempt = row.locator('[data-catalyst="webhook-attempt"]');
    await attempt.waitFor();
    expect(await attempt.getAttribute('data-status-code')).toBe('200');
    expect(await attempt.locator('[data-catalyst="webhook-attempt-status"] dd').textContent()).toBe(
      '200',
    );
    expect(
      await attempt.locator('[data-catalyst="webhook-attempt-response"] pre').textContent(),
    ).toBe('received');
  });

  it('the receiver got a webhook.test event signed with the secret the page showed', () => {
    const tests = receiver.received.filter((r) => r.body.includes('"webhook.test"'));
    expect(tests).toHaveLength(1);
    const [delivery] = tests;
    const headers = {
      'webhook-id': String(delivery!.headers['webhook-id']),
      'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
      'webhook-signature': String(delivery!.headers['webhook-signature']),
    };
    const payload = new standard.Webhook(secret).verify(delivery!.body, headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('webhook.test');
    expect(payload.data).toMatchObject({ message: expect.any(String) });
    // Another secret does not verify it.
    const other = new standard.Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => other.verify(delivery!.body, headers)).toThrow();
  });
});
