import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';
import { waitForMail } from './mailbox.js';

// Orgs in the demo, end to end: two people in two browsers, the invitation through a real SMTP
// server. The steps build on each other, so they run in order and share the two browsers.
const url = inject('appUrl');
const mailboxUrl = inject('mailboxUrl');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const owner = { name: 'Olive Owner', email: `owner-${run}@example.com` };
const member = { name: 'Max Member', email: `member-${run}@example.com` };
const firstOrg = `Acme ${run}`;
const secondOrg = `Beta ${run}`;

let browser: Browser;
let ownerContext: BrowserContext;
let memberContext: BrowserContext;
let ownerPage: Page;
let memberPage: Page;
let firstOrgId = '';

beforeAll(async () => {
  browser = await launchChromium();
  ownerContext = await browser.newContext({ baseURL: url });
  memberContext = await browser.newContext({ baseURL: url });
  ownerPage = await ownerContext.newPage();
  memberPage = await memberContext.newPage();
});
afterAll(() => browser?.close());

/** The switcher's menu button; its name is the active org's (or "No organization"). */
const switcher = (page: Page) => page.locator('[data-catalyst="org-switcher-trigger"]');

async function openSwitcher(page: Page) {
  await switcher(page).click();
  await page.getByRole('menu').waitFor();
}

async function fillSignUp(page: Page, person: { name: string; email: string }) {
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function createOrg(page: Page, name: string) {
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL('**/org/settings');
  await page.getByRole('heading', { level: 1, name: `${name} settings` }).waitFor();
}

describe('orgs in the demo app', () => {
  it('an owner signs up and creates an org from the switcher', async () => {
    await ownerPage.goto('/sign-up');
    await fillSignUp(ownerPage, owner);
    await ownerPage.waitForURL('**/dashboard');
    await expect.poll(() => switcher(ownerPage).textContent()).toBe('No organization');

    await openSwitcher(ownerPage);
    await ownerPage.getByRole('menuitem', { name: 'Create organization' }).click();
    await ownerPage.waitForURL('**/orgs/new');
    await createOrg(ownerPage, firstOrg);
    await expect.poll(() => switcher(ownerPage).textContent()).toBe(firstOrg);
    // New orgs start on the free plan, and the creator is its owner.
    expect(await ownerPage.getByText('You are owner here. Plan: free.').count()).toBe(1);
  });

  it('invites a second address by email, which signs up from the link and joins', async () => {
    await ownerPage.getByLabel('Email address').fill(member.email);
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    await ownerPage.getByText(`Invitation sent to ${member.email}.`).waitFor();

    const mail = await waitForMail(mailboxUrl, member.email);
    expect(mail.subject).toBe(`${owner.name} invited you to join ${firstOrg}`);
    const link = /https?:\/\/\S+?\/invitations\/accept\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link, mail.text).toMatch(new RegExp(`^${url}/invitations/accept\\?token=`));
    expect(mail.html).toContain(link!.replace(/&/g, '&amp;'));

    // Another account (the owner's) cannot use it: the page says why.
    await ownerPage.goto(link!);
    await ownerPage.getByRole('button', { name: 'Accept invitation' }).click();
    await ownerPage
      .locator('main [role="alert"][data-code="invitation_email_mismatch"]')
      .filter({ hasText: 'This invitation was sent to another email address.' })
      .waitFor();

    // Signed out, the page previews the invitation and offers to sign up and come back.
    await memberPage.goto(link!);
    await memberPage.getByRole('heading', { name: `Join ${firstOrg}` }).waitFor();
    expect(await memberPage.getByTestId('invitation-roles').textContent()).toBe('member');
    await memberPage.getByRole('link', { name: 'Create an account' }).click();
    await memberPage.waitForURL('**/sign-up?redirect_url=*');
    await fillSignUp(memberPage, member);
    await memberPage.waitForURL((u) => u.href === link);

    await memberPage.getByRole('button', { name: 'Accept invitation' }).click();
    await memberPage.waitForURL('**/dashboard');
    await expect.poll(() => switcher(memberPage).textContent()).toBe(firstOrg);
    expect(await memberPage.getByTestId('active-org').textContent()).toContain(
      `${firstOrg} (member, free plan)`,
    );
    await openSwitcher(memberPage);
    const entry = memberPage.getByRole('menuitemradio', { name: firstOrg, exact: true });
    expect(await entry.getAttribute('aria-checked')).toBe('true');
    firstOrgId = (await entry.getAttribute('data-org-id')) ?? '';
    expect(firstOrgId).toMatch(/^org_/);
    await memberPage.keyboard.press('Escape');

    // The link was used once; opening it again says so.
    await memberPage.goto(link!);
    await memberPage.getByText('This invitation has already been accepted.').waitFor();
  });

  it('the owner creates a second org and switches between the two', async () => {
    await ownerPage.goto('/orgs/new');
    await createOrg(ownerPage, secondOrg);
    await expect.poll(() => switcher(ownerPage).textContent()).toBe(secondOrg);

    await openSwitcher(ownerPage);
    await ownerPage.getByRole('menuitemradio', { name: firstOrg, exact: true }).click();
    await expect.poll(() => switcher(ownerPage).textContent()).toBe(firstOrg);
    await ownerPage.getByRole('heading', { level: 1, name: `${firstOrg} settings` }).waitFor();

    await openSwitcher(ownerPage);
    await ownerPage.getByRole('menuitemradio', { name: secondOrg, exact: true }).click();
    await ownerPage.getByRole('heading', { level: 1, name: `${secondOrg} settings` }).waitFor();

    await ownerPage.goto('/dashboard');
    expect(await ownerPage.getByTestId('active-org').textContent()).toContain(secondOrg);
    await openSwitcher(ownerPage);
    await ownerPage.getByRole('menuitemradio', { name: firstOrg, exact: true }).click();
    await expect
      .poll(() => ownerPage.getByTestId('active-org').textContent())
      .toContain(`${firstOrg} (owner, free plan)`);
  });

  it('refuses /dashboard/reports on Free and shows it once the owner upgrades to Pro', async () => {
    await ownerPage.goto('/dashboard');
    await ownerPage.getByText('Reports come with the Pro plan.').waitFor();

    await ownerPage.goto('/dashboard/reports');
    await ownerPage.waitForURL((u) => u.pathname === '/upgrade');
    expect(new URL(ownerPage.url()).searchParams.get('reasons')).toBe('wrong_plan');
    await ownerPage.getByRole('heading', { name: 'Not on your plan' }).waitFor();

    await ownerPage.getByRole('link', { name: `Upgrade ${firstOrg} to Pro` }).click();
    await ownerPage.waitForURL('**/org/billing');
    expect(await ownerPage.getByTestId('current-plan').textContent()).toBe('Current plan: Free');
    await ownerPage.getByRole('button', { name: 'Switch to Pro (demo billing)' }).click();
    await ownerPage.getByRole('button', { name: 'Back to Free' }).waitFor();
    expect(await ownerPage.getByTestId('current-plan').textContent()).toBe('Current plan: Pro');

    // The new token carries `plan: pro`, so the proxy lets the page through.
    await ownerPage.goto('/dashboard/reports');
    expect(new URL(ownerPage.url()).pathname).toBe('/dashboard/reports');
    await ownerPage.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await ownerPage.getByRole('row').count()).toBe(4);
    await ownerPage.goto('/dashboard');
    await ownerPage.getByRole('link', { name: 'Open the reports' }).waitFor();
  });

  it('removing the member takes the org away from them', async () => {
    await ownerPage.goto('/org/settings');
    const row = ownerPage.locator('[data-catalyst="member"]', { hasText: member.email });
    await row.waitFor();
    await ownerPage.getByRole('button', { name: `Remove ${member.name}` }).click();
    await expect.poll(() => row.count()).toBe(0);

    await memberPage.goto('/org/settings');
    await memberPage.getByRole('heading', { name: 'No active organization' }).waitFor();
    expect(await memberPage.locator('main [role="status"]').textContent()).toMatch(
      /no longer have access|need an active organization/,
    );
    // The org's own API answers a non-member exactly as for an unknown org.
    const status = await memberPage.evaluate(
      async (orgId) => (await fetch(`/api/auth/orgs/${orgId}`)).status,
      firstOrgId,
    );
    expect(status).toBe(404);

    await memberPage.reload();
    await expect.poll(() => switcher(memberPage).textContent()).toBe('No organization');
    await openSwitcher(memberPage);
    await memberPage.getByText('You are not in any organization yet.').waitFor();
    expect(await memberPage.getByRole('menuitemradio', { name: firstOrg }).count()).toBe(0);
  });
});
