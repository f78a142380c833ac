import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

// The audit log in the demo, end to end: an org owner creates an org, finds the event in the
// viewer at /org/audit (filtered to org.*), opens its detail, and downloads the NDJSON export the
// page links to with the browser's own session cookie. The steps build on each other.
const url = inject('appUrl');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const person = { name: 'Audi Tor', email: `audit-${run}@example.com` };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: url });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const viewer = () => page.locator('[data-catalyst="audit-viewer"]');
const eventRow = (action: string) =>
  viewer().locator(`[data-catalyst="audit-event"][data-action="${action}"]`);

describe('the audit log in the demo app', () => {
  it('signs up and creates an org', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(person.name);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    await page.goto('/orgs/new');
    await page.getByLabel('Organization name').fill(`Audit ${run}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL('**/org/settings');
  });

  it('finds the org events in the viewer, filtered by action, with their detail', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.waitForURL('**/org/audit');
    await eventRow('org.created').first().waitFor();
    await viewer().getByLabel('Action', { exact: true }).fill('org.*');
    await viewer().getByRole('button', { name: 'Apply filters' }).click();
    await eventRow('org.created').first().waitFor();
    expect(await eventRow('membership.added').count()).toBe(0);
    const details = eventRow('org.created')
      .first()
      .getByRole('button', { name: /^Details of org\.created/ });
    await details.click();
    await viewer().locator('[data-catalyst="audit-detail"]').first().waitFor();
  });

  it('exports what the filters match as NDJSON, authorized by the session cookie', async () => {
    const link = viewer().locator('[data-catalyst="audit-export-link"][data-format="ndjson"]');
    const href = await link.getAttribute('href');
    expect(href).toContain('/audit/export');
    expect(new URL(href!, url).searchParams.get('action')).toBe('org.*');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string });
    expect(lines.map((l) => l.action)).toContain('org.created');
    expect(lines.every((l) => l.action.startsWith('org.'))).toBe(true);
  });
});
