import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOidcProvider } from '../../../packages/authkit/test/oidc-provider.js';
import { launchChromium } from './browser.js';
import { publishTxt } from './dns.js';

// Sign-in through OpenID providers in the demo, end to end: the platform's provider (configured
// by the global setup), and an org's own provider that the sign-in page offers once the typed
// email is at the org's verified domain. The providers are real (oidc-provider) and their login
// pages are filled in the browser.
const url = inject('appUrl');
const dnsUrl = inject('dnsUrl');
const platform = inject('platformIdp');
const run = Date.now().toString(36);
const domain = `corp-${run}.test`;
const owner = { name: 'Olga Owner', email: `owner-${run}@example.com` };
const employee = { name: 'Sam Someone', email: `someone@${domain}` };
const orgProviderName = `Corp ${run} Login`;
const PASSWORD = 'correct horse battery';

let browser: Browser;
let orgProvider: Awaited<ReturnType<typeof startOidcProvider>>;

beforeAll(async () => {
  browser = await launchChromium();
  // The org's provider: another issuer, whose accounts are the org's people.
  orgProvider = await startOidcProvider({
    redirectUri: `${url}/api/auth/sso/callback`,
    accounts: {
      [employee.email]: { email: employee.email, email_verified: true, name: employee.name },
    },
    clientId: `corp-${run}`,
  });
});
afterAll(async () => {
  await browser?.close();
  await orgProvider?.close();
});

/** A signed-out browser that reaches only this machine (the provider's login page links a web font). */
async function freshContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: url });
  await context.route(
    (target) => !['localhost', '127.0.0.1'].includes(target.hostname),
    (route) => route.abort(),
  );
  return context;
}

/** The provider's dev login page (oidc-provider): an account id, and any password. */
async function signInAtProvider(page: Page, issuer: string, login: string) {
  await page.waitForURL((u) => u.href.startsWith(`${issuer}/interaction/`), {
    waitUntil: 'domcontentloaded',
  });
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** An answer's JSON, after checking its status. */
async function body<T>(answer: Promise<APIResponse>, status: number): Promise<T> {
  const res = await answer;
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

describe('signing in through OpenID providers', () => {
  it('offers the platform provider on the sign-in page, signs in, and disconnects and connects it again', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.waitForURL('**/sign-in?redirect_url=*');
    await page.getByRole('link', { name: `Continue with ${platform.name}` }).click();

    await signInAtProvider(page, platform.issuer, platform.account.login);
    await page.waitForURL(`${url}/dashboard`);
    await page.getByRole('heading', { name: `Welcome, ${platform.account.name}` }).waitFor();
    expect(await page.getByTestId('user-email').textContent()).toBe(platform.account.email);

    // The security page lists the provider among the connected accounts. The demo sends sign-in
    // links, so the verified address is a way in too: disconnecting is allowed. Connecting again
    // goes through the provider and comes back here.
    await page.goto('/dashboard/security');
    const connected = page.locator('section[aria-labelledby="connected-heading"]');
    await connected.getByText(platform.account.email).waitFor();
    await connected.getByRole('button', { name: `Disconnect ${platform.name}` }).click();
    await connected.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await connected.getByText('No connected accounts.').waitFor();
    await connected.getByRole('button', { name: `Connect ${platform.name}` }).click();
    await page.waitForURL(
      (u) => u.href.startsWith(platform.issuer) || u.pathname === '/dashboard/security',
      { waitUntil: 'domcontentloaded' },
    );
    if (page.url().startsWith(`${platform.issuer}/interaction/`)) {
      await signInAtProvider(page, platform.issuer, platform.account.login);
    }
    await page.waitForURL(`${url}/dashboard/security`);
    await connected.getByRole('button', { name: `Disconnect ${platform.name}` }).waitFor();
    await context.close();
  });

  it("offers an org's provider for an email at its verified domain, and signs in a member", async () => {
    // The owner, through the API: an org, its domain (verified by a TXT record), its provider.
    const ownerContext = await browser.newContext({ baseURL: url });
    const api = ownerContext.request;
    const headers = { origin: url };
    await body(
      api.post('/api/auth/sign-up', { data: { ...owner, password: PASSWORD }, headers }),
      201,
    );
    const org = await body<{ id: string }>(
      api.post('/api/auth/orgs', { data: { name: `Corp ${run}`, slug: `corp-${run}` }, headers }),
      201,
    );
    const claimed = await body<{ id: string; verification: { name: string; value: string } }>(
      api.post(`/api/auth/orgs/${org.id}/domains`, { data: { domain }, headers }),
      201,
    );
    await publishTxt(dnsUrl, claimed.verification);
    const verified = await body<{ status: string }>(
      api.post(`/api/auth/orgs/${org.id}/domains/${claimed.id}/verify`, { headers }),
      200,
    );
    expect(verified.status).toBe('verified');
    const connection = await body<{ name: string; redirectUri: string }>(
      api.put(`/api/auth/orgs/${org.id}/sso`, {
        data: {
          name: orgProviderName,
          issuer: orgProvider.issuer,
          clientId: orgProvider.clientId,
          clientSecret: orgProvider.clientSecret,
        },
        headers,
      }),
      200,
    );
    expect(connection.redirectUri).toBe(`${url}/api/auth/sso/callback`);
    await ownerContext.close();

    // Someone at the domain, in another browser: typing the address brings the org's provider.
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto('/dashboard');
    await page.waitForURL('**/sign-in?redirect_url=*');
    const platformButton = page.getByRole('link', { name: `Continue with ${platform.name}` });
    const orgButton = page.getByRole('link', { name: `Continue with ${orgProviderName}` });
    await platformButton.waitFor();
    expect(await orgButton.count()).toBe(0);
    await page.getByLabel('Email').fill(employee.email);
    await page.getByText(`Your organization signs in with ${orgProviderName}.`).waitFor();
    // The org does not require its provider: the password stays, and so does the platform's.
    expect(await page.getByLabel('Password').isVisible()).toBe(true);
    expect(await platformButton.isVisible()).toBe(true);
    await orgButton.click();

    // The org's provider, told who is coming (`login_hint`).
    await page.waitForURL((u) => u.href.startsWith(`${orgProvider.issuer}/interaction/`), {
      waitUntil: 'domcontentloaded',
    });
    expect(await page.getByPlaceholder('Enter any login').inputValue()).toBe(employee.email);
    await signInAtProvider(page, orgProvider.issuer, employee.email);
    await page.waitForURL(`${url}/dashboard`);
    await page.getByRole('heading', { name: `Welcome, ${employee.name}` }).waitFor();
    expect(await page.getByTestId('user-email').textContent()).toBe(employee.email);

    // Signed in through the org's provider, the newcomer is a member of the org.
    const mine = await body<{ orgs: Array<{ id: string; roles: string[] }> }>(
      context.request.get('/api/auth/me/orgs'),
      200,
    );
    expect(mine.orgs).toEqual([expect.objectContaining({ id: org.id, roles: ['member'] })]);
    await context.close();
  });

  it('says on the sign-in page why a callback this browser did not start failed', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto('/api/auth/sso/callback?state=not-a-state-we-issued&code=whatever');
    await page.waitForURL(`${url}/sign-in?error=sso_failed`);
    await page
      .locator('[role="alert"][data-code="sso_failed"]')
      .filter({ hasText: 'Signing in with your provider did not work. Please try again.' })
      .waitFor();
    // Nobody was signed in.
    const session = await body<{ user: unknown }>(context.request.get('/api/auth/session'), 200);
    expect(session.user).toBeNull();
    await context.close();
  });
});
