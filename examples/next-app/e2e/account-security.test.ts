import { generateSync } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';
import type { Mail } from './mailbox.js';

// Account security in the demo (issue 11), end to end in Chromium: second factors on
// /dashboard/security (TOTP from otplib, recovery codes, a passkey from Chrome's virtual
// authenticator), and the emailed flows through the real SMTP mailbox of the global setup.
const url = inject('appUrl');
const mailboxUrl = inject('mailboxUrl');
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);
const address = (who: string) => `${who}-${run}@example.com`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: url });
  return { context, page: await context.newPage() };
}

/** The `n`-th mail (1-based) titled `subject` to `to`, waiting for it to arrive. */
async function mail(to: string, subject: string, n = 1): Promise<Mail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await fetch(`${mailboxUrl}?to=${encodeURIComponent(to)}`);
    const found = ((await res.json()) as Mail[]).filter((m) => m.subject === subject)[n - 1];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" #${n} to ${to}`);
    await sleep(200);
  }
}

/** The link to `path` in a mail (the server's default paths: the pages of this app). */
function linkIn(message: Mail, path: string): string {
  const link = new RegExp(`${url}${path}\\?token=[\\w-]+`).exec(message.text)?.[0];
  expect(link, message.text).toBeTruthy();
  return link!;
}

async function signUp(page: Page, email: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard');
}

async function signInWithPassword(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signedInAs(page: Page, email: string) {
  await page.waitForURL('**/dashboard');
  expect(await page.getByTestId('user-email').textContent()).toBe(email);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${url}/`);
}

/** The reset page's form: the new password twice. */
async function chooseNewPassword(page: Page, password: string) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();
}

/** The sign-in page's "Email me a link": the form gives way to the email-link form, then sends. */
async function requestMagicLink(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  const form = page.locator('[data-catalyst="magic-link-request"]');
  expect(await form.getByLabel('Email').inputValue()).toBe(email);
  await form.getByRole('button', { name: 'Email me a link' }).click();
  await page.getByText(`we sent a sign-in link and a code to ${email}`).waitFor();
}

describe('account security in the demo app', () => {
  it('serves the emailed-link pages signed out, and guards /dashboard/security', async () => {
    for (const path of [
      '/forgot-password',
      '/reset-password',
      '/verify-email',
      '/sign-in/magic-link',
    ]) {
      expect((await fetch(`${url}${path}?token=x`, { redirect: 'manual' })).status, path).toBe(200);
    }
    const res = await fetch(`${url}/dashboard/security`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!, url).pathname).toBe('/sign-in');
  });

  it('verifies the email, enrols TOTP, signs in with a code, a recovery code and a passkey alone', async () => {
    const email = address('mfa');
    const { context, page } = await open();
    await signUp(page, email);
    await page.getByRole('link', { name: 'Security' }).click();
    await page.waitForURL('**/dashboard/security');

    // Sign-up sent a verification link; the banner says so until it is used.
    const banner = page.getByRole('region', { name: /Please verify your email address/ });
    await banner.waitFor();
    await page.goto(linkIn(await mail(email, 'Verify your email address'), '/verify-email'));
    await page.getByText(`${email} is verified.`).waitFor();
    await page.goto('/dashboard/security');
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await expect.poll(() => banner.count()).toBe(0);

    // TOTP: the setup key for manual entry, the first code, then the ten recovery codes.
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByLabel('Setup key').inputValue()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const enrolledStep = Math.floor(Date.now() / 30_000);
    await page
      .getByLabel('Code from the app')
      .fill(generateSync({ secret, epoch: enrolledStep * 30 }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const listed = page.locator('[data-catalyst="recovery-code"]');
    await listed.first().waitFor();
    const codes = await listed.allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Turn off the authenticator app' }).waitFor();
    await page.getByText('10 recovery codes left.').waitFor();
    await signOut(page);

    // The password alone is not enough any more: the second-factor step takes a fresh code.
    await signInWithPassword(page, email);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The code that turned TOTP on cannot be replayed: wait for the next 30 s step if needed.
    const wait = (enrolledStep + 1) * 30_000 - Date.now();
    if (wait > 0) await sleep(wait + 500);
    await code.fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedInAs(page, email);
    await signOut(page);

    await signInWithPassword(page, email);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedInAs(page, email);

    // A passkey, from Chrome's virtual authenticator (the RP id is the base URL's `localhost`).
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    await page.goto('/dashboard/security');
    await page.getByText('9 recovery codes left.').waitFor();
    await page.getByLabel('Passkey name').fill('Virtual key');
    await page.getByRole('button', { name: 'Add passkey' }).click();
    await page.getByText('Passkey “Virtual key” added.').waitFor();
    const passkeys = page.locator('[data-catalyst="passkey"]');
    await expect.poll(() => passkeys.count()).toBe(1);
    await signOut(page);

    // The passkey alone signs in: no email, no password, no code.
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await signedInAs(page, email);

    await page.goto('/dashboard/security');
    await page.getByRole('button', { name: 'Remove Virtual key' }).click();
    await page.getByRole('button', { name: 'Remove passkey' }).click();
    // Just signed in, so no step-up is due; if the server asks anyway, the passkey proves it.
    const stepUp = page.getByRole('form', { name: 'Confirm it’s you' });
    await expect
      .poll(async () => (await passkeys.count()) === 0 || (await stepUp.count()) > 0)
      .toBe(true);
    if ((await stepUp.count()) > 0)
      await stepUp.getByRole('button', { name: 'Use a passkey' }).click();
    await expect.poll(() => passkeys.count()).toBe(0);
    await page.getByText('No passkeys yet.').waitFor();

    await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
    await context.close();
  });

  it('resets a forgotten password from the email once, signing out the other sessions', async () => {
    const email = address('reset');
    const NEW_PASSWORD = 'a brand new passphrase';
    const before = await open();
    await signUp(before.page, email); // signed in before the reset

    const { context, page } = await open();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(`If an account exists for ${email}`).waitFor();

    const link = linkIn(await mail(email, 'Reset your password'), '/reset-password');
    await page.goto(link);
    await chooseNewPassword(page, NEW_PASSWORD);
    await page.getByText('Your password was changed').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in');
    await signInWithPassword(page, email, NEW_PASSWORD);
    await signedInAs(page, email);

    // The link works once: the page learns it was used when the form is sent (no check before).
    await page.goto(link);
    await chooseNewPassword(page, PASSWORD);
    await page.getByText('This reset link is invalid or was already used.').waitFor();
    await page.getByRole('link', { name: 'Request a new link' }).waitFor();

    // The browser that was signed in before the reset is signed out.
    await before.page.goto('/dashboard');
    await before.page.waitForURL('**/sign-in?redirect_url=*');
    await Promise.all([context.close(), before.context.close()]);
  });

  it('signs in with an emailed link once, and with an unused code in another browser', async () => {
    const email = address('link');
    const signUpAnswer = await fetch(`${url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signUpAnswer.ok).toBe(true);

    const asking = await open();
    await requestMagicLink(asking.page, email);
    const first = await mail(email, 'Your sign-in link and code');
    const link = linkIn(first, '/sign-in/magic-link');
    const usedCode = /enter the code (\d{6})/.exec(first.text)?.[1];
    expect(usedCode).toBeTruthy();
    await asking.page.goto(link);
    await signedInAs(asking.page, email);

    // Used once: opening it again is refused.
    await asking.page.goto(link);
    await asking.page.getByText('This sign-in link is invalid or was already used.').waitFor();
    await asking.page.getByRole('link', { name: 'Request a new link' }).waitFor();

    // Another browser: the code that went with the used link is refused, a new one works.
    const other = await open();
    await requestMagicLink(other.page, email);
    const fresh = /enter the code (\d{6})/.exec(
      (await mail(email, 'Your sign-in link and code', 2)).text,
    )?.[1];
    expect(fresh).toBeTruthy();
    const codeField = other.page.getByLabel('Code', { exact: true });
    await codeField.fill(usedCode!);
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.page.locator('[data-catalyst="magic-link"][data-state="error"]').waitFor();
    expect(new URL(other.page.url()).pathname).toBe('/sign-in');
    await codeField.fill(fresh!);
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedInAs(other.page, email);
    await Promise.all([asking.context.close(), other.context.close()]);
  });
});
