import { createAuthClient, createSsoClient } from '@catalyst/authkit';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, SignIn } from './index.js';

/**
 * A fake API: `answers['POST /sso/route']` etc., each a JSON body or a [status, body] pair, or a
 * function of the request body answering one.
 */
function api(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const key = `${init?.method ?? 'GET'} ${url.pathname.replace('/api/auth', '')}`;
    calls.push(`${key} ${typeof init?.body === 'string' ? init.body : ''}`.trim());
    const given = answers[key];
    const answer =
      typeof given === 'function'
        ? (given as (body: string) => unknown)(String(init?.body))
        : given;
    const [status, body] = Array.isArray(answer) ? answer : [200, answer ?? { providers: [] }];
    const problem = status >= 400;
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': problem ? 'application/problem+json' : 'application/json' },
    });
  });
  const client = createAuthClient({ baseUrl: 'http://localhost', fetch, initialSession: null });
  const sso = createSsoClient(client, { baseUrl: 'http://localhost' });
  return { client, sso, calls };
}

const PROVIDERS = { providers: [{ id: 'oidc', name: 'Single sign-on' }] };
const ACME = { connection: { id: 'acme', name: 'Acme Okta', required: false } };

function renderSignIn(
  answers: Record<string, unknown>,
  props: { ssoError?: string; fallbackRedirectUrl?: string } = {},
) {
  const world = api({ 'GET /sso/providers': PROVIDERS, ...answers });
  const view = render(
    <AuthProvider client={world.client}>
      <SignIn sso={world.sso} disableRedirect {...props} />
    </AuthProvider>,
  );
  return { ...world, ...view };
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('SignIn with upstream providers', () => {
  it('shows the instance’s providers as links to their start URL', async () => {
    window.history.replaceState(null, '', '/sign-in?redirect_url=%2Fdashboard');
    renderSignIn({});
    const link = await screen.findByRole('link', { name: 'Continue with Single sign-on' });
    expect(link.getAttribute('href')).toBe(
      'http://localhost/api/auth/sso/oidc/start?returnTo=http%3A%2F%2Flocalhost%3A3000%2Fdashboard',
    );
    expect(document.querySelector('[data-catalyst="sign-in-providers"]')).toHaveProperty(
      'dataset.state',
      'ready',
    );
  });

  it('sends the provider back to the fallback redirect when the page names none', async () => {
    window.history.replaceState(null, '', '/sign-in');
    renderSignIn({}, { fallbackRedirectUrl: '/dashboard' });
    const link = await screen.findByRole('link', { name: 'Continue with Single sign-on' });
    expect(new URL(link.getAttribute('href')!).searchParams.get('returnTo')).toBe(
      'http://localhost:3000/dashboard',
    );
  });

  it('offers the org provider of the typed email’s domain, with the address as a hint', async () => {
    const user = userEvent.setup();
    const { calls } = renderSignIn({ 'POST /sso/route': ACME });
    await user.type(screen.getByLabelText('Email'), 'ada@acme.test');
    const link = await screen.findByRole('link', { name: 'Continue with Acme Okta' });
    expect(link.getAttribute('href')).toContain('/sso/acme/start?');
    expect(link.getAttribute('href')).toContain('loginHint=ada%40acme.test');
    expect(screen.getByRole('status').textContent).toBe(
      'Your organization signs in with Acme Okta.',
    );
    // One lookup for the domain, not one per keystroke.
    expect(calls.filter((call) => call.startsWith('POST /sso/route'))).toEqual([
      'POST /sso/route {"email":"ada@acme.test"}',
    ]);
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('hides the password when the org requires its provider, and says why', async () => {
    const user = userEvent.setup();
    renderSignIn({
      'POST /sso/route': (body: string) =>
        body.includes('@acme.test')
          ? { connection: { ...ACME.connection, required: true } }
          : { connection: null },
    });
    await user.type(screen.getByLabelText('Email'), 'ada@acme.test');
    await screen.findByRole('link', { name: 'Continue with Acme Okta' });
    expect(screen.getByRole('status').textContent).toMatch(/requires signing in with Acme Okta/);
    const password = document.querySelector('[data-name="password"]') as HTMLElement;
    expect(password.hidden).toBe(true);
    expect((document.querySelector('[data-catalyst="submit"]') as HTMLElement).hidden).toBe(true);
    // Another domain: the password comes back.
    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.tab();
    await waitFor(() => expect(password.hidden).toBe(false));
  });

  it('asks for the org provider when the password is refused with sso_required', async () => {
    const user = userEvent.setup();
    // The lookup said "offered"; the server refuses the password all the same.
    const { calls } = renderSignIn({
      'POST /sso/route': ACME,
      'POST /sign-in': [
        403,
        { code: 'sso_required', detail: 'sign in through your organization', field: 'email' },
      ],
    });
    await user.type(screen.getByLabelText('Email'), 'ada@acme.test');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/requires signing in with Acme Okta/),
    );
    expect(screen.getByRole('link', { name: 'Continue with Acme Okta' })).toBeTruthy();
    expect((document.querySelector('[data-name="password"]') as HTMLElement).hidden).toBe(true);
    // Asked again after the refusal.
    expect(calls.filter((call) => call.startsWith('POST /sso/route'))).toHaveLength(2);
  });

  it.each([
    ['sso_failed', 'Signing in with your provider did not work'],
    ['idp_unavailable', 'did not answer'],
    ['link_confirmation_required', 'An account with this email already exists'],
    ['rate_limited', 'Too many attempts'],
    ['sso_required', 'requires signing in through its provider'],
    ['user_banned', 'suspended'],
    ['something_new', 'Signing in with your provider did not work'],
  ])('says what ?error=%s means', async (code, text) => {
    window.history.replaceState(null, '', `/sign-in?error=${code}`);
    renderSignIn({});
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(text);
    expect(alert.getAttribute('data-code')).toBe(code);
  });

  it('takes the error code as a prop, and the words from the provider', async () => {
    const world = api({ 'GET /sso/providers': PROVIDERS });
    render(
      <AuthProvider
        client={world.client}
        localization={{ signInProviders: { idp_unavailable: 'Okta is down.' } }}
      >
        <SignIn sso={world.sso} ssoError="idp_unavailable" disableRedirect />
      </AuthProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Okta is down.');
  });

  it('keeps the password form when the providers cannot be loaded', async () => {
    renderSignIn({ 'GET /sso/providers': [503, { code: 'store_unavailable', detail: 'down' }] });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Single sign-on is unavailable/);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  const challenge = (fields: Record<string, unknown>) => ({
    mfaRequired: true,
    methods: ['totp', 'recovery_code'],
    enrolmentRequired: false,
    expiresAt: '2026-12-06T12:00:00.000Z',
    ...fields,
  });

  it('finishes a second factor after a provider sign-in (?mfa=required)', async () => {
    window.history.replaceState(null, '', '/sign-in?mfa=required&redirect_url=%2F');
    const { calls } = renderSignIn({ 'GET /sign-in/second-factor': challenge({}) });
    expect(await screen.findByLabelText(/code/i)).toBeTruthy();
    expect(document.querySelector('[data-catalyst="sign-in"]')).toBeNull();
    expect(calls).toContain('GET /sign-in/second-factor');
  });

  it('asks the pending sign-in which step is due: enrolment when an org demands a factor', async () => {
    window.history.replaceState(null, '', '/sign-in?mfa=required&redirect_url=%2F');
    renderSignIn({
      'GET /sign-in/second-factor': challenge({ methods: [], enrolmentRequired: true }),
      'POST /sign-in/mfa-enrolment/totp': {
        secret: 'JBSWY3DPEHPK3PXP',
        uri: 'otpauth://totp/Catalyst:ada@example.com?secret=JBSWY3DPEHPK3PXP',
      },
    });
    await waitFor(() =>
      expect(document.querySelector('[data-catalyst="totp-setup"]')).not.toBeNull(),
    );
    expect(document.querySelector('[data-catalyst="two-factor"]')).toBeNull();
  });

  it('says the sign-in expired when nothing is pending behind ?mfa=required', async () => {
    window.history.replaceState(null, '', '/sign-in?mfa=required&redirect_url=%2F');
    renderSignIn({
      'GET /sign-in/second-factor': [
        401,
        { type: 'about:blank', title: 'unauthenticated', status: 401, code: 'unauthenticated' },
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('sso_failed');
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('loads no provider code without `sso`', async () => {
    const world = api({});
    render(
      <AuthProvider client={world.client}>
        <SignIn disableRedirect />
      </AuthProvider>,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('[data-catalyst="sign-in-providers"]')).toBeNull();
    expect(world.calls).toEqual([]);
  });

  it('has no axe violations with providers, an org route and an error', async () => {
    window.history.replaceState(null, '', '/sign-in?error=sso_failed');
    const user = userEvent.setup();
    const { container } = renderSignIn({ 'POST /sso/route': ACME });
    await user.type(screen.getByLabelText('Email'), 'ada@acme.test');
    await screen.findByRole('link', { name: 'Continue with Acme Okta' });
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
