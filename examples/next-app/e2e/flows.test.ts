import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

const url = inject('appUrl');
const adminPassword = inject('adminPassword');
const PASSWORD = 'correct horse battery';
let n = 0;
const email = () => `e2e-${Date.now().toString(36)}-${n++}@example.com`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ baseURL: url });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function signIn(page: Page, address: string, password: string) {
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('the demo app in Chromium', () => {
  it('signs up, signs out and signs back in', async () => {
    await withPage(async (page) => {
      const address = email();
      await page.goto('/sign-up');
      await page.getByLabel('Name').fill('Ada');
      await page.getByLabel('Email').fill(address);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/dashboard');
      expect(await page.getByTestId('user-email').textContent()).toBe(address);
      await expect.poll(() => page.getByRole('heading').first().textContent()).toBe('Welcome, Ada');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${url}/`);
      await page.getByRole('link', { name: 'Sign in' }).waitFor();

      await page.goto('/sign-in');
      await signIn(page, address, PASSWORD);
      await page.waitForURL('**/dashboard');
      expect(await page.getByTestId('user-email').textContent()).toBe(address);
    });
  });

  it('sends a signed-out visitor to sign-in and back to the page they wanted', async () => {
    await withPage(async (page) => {
      await page.goto('/dashboard/sessions');
      await page.waitForURL('**/sign-in?redirect_url=*');
      expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(
        `${url}/dashboard/sessions`,
      );
      await signIn(page, 'admin@example.com', adminPassword);
      await page.waitForURL(`${url}/dashboard/sessions`);
      await page.getByText('This device').waitFor();
    });
  });

  it('shows an error for a wrong password and stays on the page', async () => {
    await withPage(async (page) => {
      await page.goto('/sign-in');
      await signIn(page, 'admin@example.com', 'definitely wrong');
      // Scoped to the form: Next's route announcer is also a role=alert region.
      const alert = page.locator('form [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/incorrect/i);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect((await page.context().cookies()).some((c) => c.name === 'catalyst_access')).toBe(
        false,
      );
    });
  });

  it("lists a second browser's session and revokes it, signing that browser out", async () => {
    const address = email();
    const other = await browser.newContext({ baseURL: url });
    try {
      const otherPage = await other.newPage();
      await otherPage.goto('/sign-up');
      await otherPage.getByLabel('Email').fill(address);
      await otherPage.getByLabel('Password').fill(PASSWORD);
      await otherPage.getByRole('button', { name: 'Create account' }).click();
      await otherPage.waitForURL('**/dashboard');

      await withPage(async (page) => {
        await page.goto('/sign-in');
        await signIn(page, address, PASSWORD);
        await page.waitForURL('**/dashboard');
        await page.goto('/dashboard/sessions');
        const items = page.locator('[data-catalyst="session"]');
        await expect.poll(() => items.count()).toBe(2);
        await page
          .locator('[data-catalyst="session"]:not([data-current]) [data-catalyst="session-revoke"]')
          .click();
        await expect.poll(() => items.count()).toBe(1);
      });

      await otherPage.goto('/dashboard');
      await otherPage.waitForURL('**/sign-in?redirect_url=*');
    } finally {
      await other.close();
    }
  });

  it('refreshes an expired access token in the proxy without signing the user out', async () => {
    await withPage(async (page, context) => {
      await page.goto('/sign-in');
      await signIn(page, 'admin@example.com', adminPassword);
      await page.waitForURL('**/dashboard');
      const before = (await context.cookies()).find((c) => c.name === 'catalyst_access')!.value;
      // The server runs with 30 s access tokens and 5 s clock tolerance: wait past both.
      await new Promise((r) => setTimeout(r, 36_000));
      await page.goto('/dashboard');
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      expect(await page.getByTestId('user-email').textContent()).toBe('admin@example.com');
      const after = (await context.cookies()).find((c) => c.name === 'catalyst_access')!.value;
      expect(after).not.toBe(before);
    });
  });
});

describe('the demo app over plain HTTP', () => {
  it('redirects /dashboard without cookies to sign-in with the absolute return URL', async () => {
    const res = await fetch(`${url}/dashboard`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!, url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('redirect_url')).toBe(`${url}/dashboard`);
  });

  it('answers an API route behind withApiGuard with 401 JSON', async () => {
    const res = await fetch(`${url}/api/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('renders signed-out content when auth() is null, and never echoes spoofed identity headers', async () => {
    const res = await fetch(`${url}/`, { headers: { 'x-catalyst-user-id': 'usr_spoofed' } });
    const html = await res.text();
    expect(html).toContain('Create an account');
    expect(html).not.toContain('usr_spoofed');
  });

  it('lets a bearer token through withApiGuard', async () => {
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'admin@example.com', password: adminPassword }),
    });
    const token = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('catalyst_access='))!
      .split(';')[0]!
      .split('=')[1];
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'admin@example.com' });
  });
});
