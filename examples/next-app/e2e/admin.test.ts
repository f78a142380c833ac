import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

// Platform administration in the demo (issue 12), end to end: the seeded admin searches for a
// user at /admin, edits their labels and bans them while the user's own browser is open (it is
// signed out), impersonates another user and stops, and finds all of it in the platform audit
// log; a member without a platform role sees the forbidden state and the API refuses them too.
const url = inject('appUrl');
const adminPassword = inject('adminPassword');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const victim = { name: 'Vic Banned', email: `victim-${run}@example.com` };
const target = { name: 'Tara Target', email: `target-${run}@example.com` };
const member = { name: 'Mo Member', email: `member-${run}@example.com` };

let browser: Browser;
let admin: Page;
let victimPage: Page;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  contexts.push(context);
  return context.newPage();
}

async function signUp(page: Page, person: { name: string; email: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard');
}

async function signIn(page: Page, address: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/dashboard');
}

const panel = () => admin.locator('[data-catalyst="user-admin-panel"]');
const drawer = () => admin.getByRole('dialog');

async function openUser(address: string) {
  await admin.goto('/admin');
  await panel().getByRole('searchbox', { name: 'Email, name or user ID' }).fill(address);
  await panel().getByRole('button', { name: 'Search', exact: true }).click();
  await panel()
    .getByRole('button', { name: `Open ${address}` })
    .click();
  await drawer().waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
  victimPage = await newPage();
  await signUp(victimPage, victim);
  await signUp(await newPage(), target);
  admin = await newPage();
  await signIn(admin, 'admin@example.com', adminPassword);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('platform administration in the demo app', () => {
  it('finds a user by search and edits their labels', async () => {
    await openUser(victim.email);
    await drawer().getByRole('tab', { name: 'Labels & roles' }).click();
    await drawer().getByRole('textbox', { name: 'Labels' }).fill('vip, beta');
    await drawer().getByRole('button', { name: 'Save labels' }).click();
    await drawer().getByText('Saved.').waitFor();
    const res = await admin.request.get(
      `/api/auth/admin/users?email=${encodeURIComponent(victim.email)}`,
    );
    const { users } = (await res.json()) as { users: Array<{ labels: string[] }> };
    expect(users[0]?.labels).toEqual(['beta', 'vip']);
  });

  it('bans the user: their open browser is signed out and sign-in is refused', async () => {
    await drawer().getByRole('button', { name: 'Ban', exact: true }).click();
    await drawer().getByRole('textbox', { name: 'Reason (optional)' }).fill('spam');
    await drawer().getByRole('button', { name: 'Ban user' }).click();
    await drawer().getByText('User banned.').waitFor();
    // The user's tab, open all along: its next request finds no session.
    const session = await victimPage.request.get('/api/auth/session');
    expect(((await session.json()) as { user: unknown }).user).toBeNull();
    await victimPage.goto('/dashboard');
    await victimPage.waitForURL('**/sign-in**');
    await victimPage.getByLabel('Email').fill(victim.email);
    await victimPage.getByLabel('Password').fill(PASSWORD);
    await victimPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await victimPage.locator('[data-catalyst="error"][data-code="user_banned"]').waitFor();
  });

  it('impersonates another user, shows it on every page, and stops', async () => {
    await openUser(target.email);
    await drawer().getByRole('button', { name: 'Impersonate' }).click();
    await admin.waitForURL('**/dashboard');
    const banner = admin.locator('[data-catalyst="user-button-impersonation"]');
    await banner.waitFor();
    expect(await banner.textContent()).toBe(`Impersonating ${target.name} as Admin`);
    const me = (await (await admin.request.get('/api/auth/session')).json()) as {
      user: { email: string };
      impersonator: { email: string };
    };
    expect(me.user.email).toBe(target.email);
    expect(me.impersonator.email).toBe('admin@example.com');
    await admin.goto('/dashboard/sessions');
    await banner.waitFor();
    await admin.locator('[data-catalyst="user-button-trigger"]').click();
    await admin.getByRole('menuitem', { name: 'Stop impersonating' }).click();
    await admin.waitForURL('**/admin');
    const back = (await (await admin.request.get('/api/auth/session')).json()) as {
      user: { email: string };
      impersonator: unknown;
    };
    expect(back.user.email).toBe('admin@example.com');
    expect(back.impersonator).toBeNull();
  });

  it('finds the ban, the label edit and the impersonation in the platform audit log', async () => {
    await admin.goto('/admin/audit');
    const viewer = admin.locator('[data-catalyst="audit-viewer"]');
    for (const action of [
      'user.banned',
      'user.updated',
      'user.impersonation_started',
      'user.impersonation_stopped',
    ]) {
      await viewer
        .locator(`[data-catalyst="audit-event"][data-action="${action}"]`)
        .first()
        .waitFor();
    }
  });

  it('shows a member without a platform role the forbidden state, and the API refuses them', async () => {
    const page = await newPage();
    await signUp(page, member);
    await page.goto('/admin');
    await page.locator('[data-catalyst="user-admin-panel"][data-state="forbidden"]').waitFor();
    expect((await page.request.get('/api/auth/admin/users')).status()).toBe(403);
    const ban = await page.request.post(`/api/auth/admin/users/whoever/ban`, {
      data: { reason: 'x' },
      headers: { origin: url },
    });
    expect(ban.status()).toBe(403);
  });
});
