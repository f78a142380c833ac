import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AUTHENTIK_BASE,
  authentikGroup,
  authentikUser,
  createAuthentikMock,
  type AuthentikMock,
} from '../../../packages/authkit/src/adapters/directory/testing/authentik-mock.js';
import { serveHandlers } from '../../../packages/authkit/src/adapters/directory/testing/serve-handlers.js';
import { launchChromium } from './browser.js';
import { publishTxt } from './dns.js';

// An org's owner, in the demo's org settings: verifies the org's domain, connects its Authentik
// directory, syncs it, and finds the directory's people among the members. Authentik is the
// schema-checked fake of its API, served over loopback HTTP, so the app's network guard and
// its real client run.
const url = inject('appUrl');
const dnsUrl = inject('dnsUrl');
const run = Date.now().toString(36);
const domain = `dir-${run}.test`;
const owner = { name: 'Dora Owner', email: `dora-${run}@example.com` };
const orgName = `Directory ${run}`;
const PASSWORD = 'correct horse battery';
const TOKEN = `ak-e2e-${run}-token`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let authentik: AuthentikMock;
let served: Awaited<ReturnType<typeof serveHandlers>>;

beforeAll(async () => {
  authentik = createAuthentikMock();
  const engineering = randomUUID();
  authentik.state.groups.push(authentikGroup(engineering, 'Engineering'));
  authentik.state.users.push(
    authentikUser(1, { email: `ann@${domain}`, name: 'Ann Archer', groups: [engineering] }),
    authentikUser(2, { email: `bo@${domain}`, name: 'Bo Baker' }),
    authentikUser(3, { email: `gone@${domain}`, name: 'Gone', is_active: false }),
    authentikUser(4, { email: 'someone@elsewhere.example.com' }),
  );
  served = await serveHandlers(authentik.handlers, AUTHENTIK_BASE);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: url });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const section = (id: string): Locator => page.locator(`section#${id}`);

describe('directory sync in the demo', () => {
  it('an owner creates an org and verifies its domain in the settings page', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    await page.goto('/orgs/new');
    await page.getByLabel('Organization name').fill(orgName);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL('**/org/settings');

    const domains = section('domains');
    const add = domains.getByRole('form', { name: 'Add a domain' });
    await add.getByLabel('Domain', { exact: true }).fill(domain);
    await add.getByRole('button', { name: 'Add domain' }).click();
    const record = domains.getByRole('group', { name: `TXT record for ${domain}` });
    const name = await record.locator('[data-catalyst="domain-record-name"]').textContent();
    const value = await record.locator('[data-catalyst="domain-record-value"]').textContent();
    await publishTxt(dnsUrl, { name: name!, value: value! });
    await domains.getByRole('button', { name: `Verify ${domain}` }).click();
    await domains.getByText(`${domain} is verified.`).waitFor();

    // The owner also finds the org's single sign-on settings here, nothing connected yet.
    const sso = section('sso');
    await sso.getByText('No identity provider is connected.').waitFor();
    await sso.getByRole('button', { name: 'Connect a provider' }).waitFor();
  });

  it('connects Authentik, syncs it, and shows what the run did', async () => {
    const directory = section('directory');
    const form = directory.getByRole('form', { name: 'Connect a directory' });
    await form.getByLabel('Base URL').fill(served.url);
    await form.getByLabel('API token').fill(TOKEN);
    await form.getByRole('button', { name: 'Connect directory' }).click();
    await directory.getByText('Directory connected.').waitFor();
    // The token is write-only: the page shows it is set, never its value.
    expect(await page.content()).not.toContain(TOKEN);

    await directory.getByRole('button', { name: 'Sync now' }).click();
    const summary = directory.locator('[data-catalyst="directory-run-summary"]');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^2 joined/);
    expect(await summary.textContent()).toContain('2 skipped');
    // Every request the app made carried the token.
    expect(authentik.calls.length).toBeGreaterThan(0);
    expect(new Set(authentik.calls.map((call) => call.authorization))).toEqual(
      new Set([`Bearer ${TOKEN}`]),
    );

    // The directory's people are members now, and its group is an org group with Ann in it.
    await page.reload();
    const members = section('members');
    await members.getByText(`ann@${domain}`).waitFor();
    await members.getByText(`bo@${domain}`).waitFor();
    expect(await members.getByText(`gone@${domain}`).count()).toBe(0);
    await section('groups').getByText('Engineering').first().waitFor();
  });

  it('a directory the app cannot read says so, and changes nothing', async () => {
    authentik.override = (operationId) =>
      operationId === 'core_users_list'
        ? Response.json({ detail: 'Token invalid/expired' }, { status: 403 })
        : undefined;
    try {
      const directory = section('directory');
      await directory.getByRole('button', { name: 'Sync now' }).click();
      await directory.locator('[role="alert"][data-code="idp_unavailable"]').waitFor();
      await page.reload();
      await section('members').getByText(`ann@${domain}`).waitFor();
    } finally {
      authentik.override = null;
    }
  });
});
