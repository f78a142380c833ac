import { createAuthClient } from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountWorld, clientOf, PASSWORD, signUp, totpCode } from '../test/account-world.js';
import { AuthProvider, SignIn, TotpSetup } from './index.js';

let t: TestInstance;

beforeAll(async () => {
  ({ t } = await accountWorld());
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector<HTMLElement>('[data-catalyst="totp-setup"]')!;
const secretOf = () =>
  (screen.getByLabelText('Setup key') as HTMLInputElement).value.replaceAll(' ', '');

describe('TotpSetup', () => {
  it('shows the QR code and the key, refuses a wrong code, then shows the recovery codes once', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'enrol');
    const onComplete = vi.fn();
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <TotpSetup onComplete={onComplete} />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('loading');
    expect(root().getAttribute('data-mode')).toBe('account');
    const field = await screen.findByLabelText('Code from the app');
    expect(root().getAttribute('data-state')).toBe('scan');
    expect(document.activeElement).toBe(field);

    // The QR code: an <svg> of rects, drawn from the otpauth:// URI once uqr has loaded.
    const qr = screen.getByRole('img', { name: 'QR code for your authenticator app' });
    await waitFor(() => expect(qr.getAttribute('data-state')).toBe('ready'));
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(50);
    const secret = secretOf();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await user.type(field, totpCode(secret) === '123456' ? '654321' : '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').getAttribute('data-code')).toBe('invalid_code');

    await user.type(field, totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const shown = await screen.findByRole('group', { name: /Save these recovery codes/ });
    expect(root().getAttribute('data-state')).toBe('done');
    expect(document.activeElement).toBe(shown);
    const codes = within(shown)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const download = within(shown).getByRole('link', { name: 'Download' });
    expect(download.getAttribute('download')).toBe('recovery-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href')!)).toContain(codes[0]!);
    expect(screen.getByText('Your authenticator app is on.')).toBeTruthy();

    await user.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    expect(onComplete).toHaveBeenCalledWith(null);
  });

  it('copies the key to the clipboard', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'copy');
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <TotpSetup />
      </AuthProvider>,
    );
    await screen.findByLabelText('Code from the app');
    await user.click(screen.getByRole('button', { name: 'Copy key' }));
    await waitFor(() => expect(screen.getByText('Copied.')).toBeTruthy());
    expect(await navigator.clipboard.readText()).toBe(secretOf());
  });

  it('says so when an authenticator app is already on', async () => {
    const person = await signUp(t, 'already');
    const client = await clientOf(t, person.fetch);
    const enrolled = await client.mfa.enrolTotp();
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    await client.mfa.confirmTotp(totpCode(enrolled.data.secret));
    render(
      <AuthProvider client={client}>
        <TotpSetup />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('enabled'));
    expect(screen.getByRole('status').textContent).toBe(
      'An authenticator app is already set up for your account.',
    );
  });

  it('shows the error with a retry when the server cannot be reached', async () => {
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      initialSession: null,
    });
    render(
      <AuthProvider client={client} localization={{ errors: { network_error: 'Offline.' } }}>
        <TotpSetup />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('Offline.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('SignIn when an org requires a second factor', () => {
  it('enrols an authenticator app during the sign-in, shows the codes, then signs in', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'required');
    const org = await person.client.orgs.create({ name: 'Strict', slug: `strict-${Date.now()}` });
    if (!org.ok) throw new Error(org.error.message);
    const strict = await person.client.orgs.update(org.data.id, {
      settings: { requireMfa: true },
    });
    if (!strict.ok) throw new Error(strict.error.message);

    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    const onSuccess = vi.fn();
    render(
      <AuthProvider client={client}>
        <SignIn disableRedirect onSuccess={onSuccess} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), person.email);
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const field = await screen.findByLabelText('Code from the app');
    expect(root().getAttribute('data-mode')).toBe('sign-in');
    expect(screen.getByText(/Your organization requires two-factor authentication/)).toBeTruthy();
    await user.type(field, totpCode(secretOf()));
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const shown = await screen.findByRole('group', { name: /Save these recovery codes/ });
    // Signed in, but the redirect waits for the codes to be acknowledged.
    expect(client.session.getSnapshot().status).toBe('authenticated');
    expect(onSuccess).not.toHaveBeenCalled();
    await user.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    expect(onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ user: expect.objectContaining({ email: person.email }) }),
    );
  });
});
