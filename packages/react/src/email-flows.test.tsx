import { createAuthClient } from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  accountWorld,
  clearMail,
  clientOf,
  signUp,
  tokenFrom,
  type Mail,
} from '../test/account-world.js';
import {
  AuthProvider,
  EmailVerificationBanner,
  ForgotPassword,
  ResetPassword,
  VerifyEmail,
} from './index.js';

let t: TestInstance;
let mail: Mail[];

beforeAll(async () => {
  ({ t, mail } = await accountWorld());
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const signedOut = () =>
  createAuthClient({ baseUrl: t.baseUrl, fetch: t.newBrowser().fetch, initialSession: null });
const state = (part: string) =>
  document.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state');

describe('ForgotPassword and ResetPassword', () => {
  it('always says a link may have been sent; the link sets a new password once', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'forgot');
    render(
      <AuthProvider client={signedOut()}>
        <ForgotPassword signInUrl="/sign-in" />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), person.email);
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    const sent = await screen.findByText(/If an account exists for/);
    expect(document.activeElement).toBe(sent);
    expect(state('forgot-password')).toBe('sent');
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toBeTruthy();
    cleanup();

    const token = await tokenFrom(mail, person.email, 'passwordReset');
    window.history.replaceState(null, '', `/reset-password?token=${token}`);
    render(
      <AuthProvider client={signedOut()}>
        <ResetPassword signInUrl="/login" />
      </AuthProvider>,
    );
    const password = await screen.findByLabelText('New password');
    expect(document.activeElement).toBe(password);
    await user.type(password, 'a new and long passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'something else entirely');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const confirm = screen.getByLabelText('Confirm new password');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('The passwords do not match.');

    await user.clear(confirm);
    await user.type(confirm, 'a new and long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(state('reset-password')).toBe('success'));
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    const signedIn = await t.newBrowser().client.signIn({
      email: person.email,
      password: 'a new and long passphrase',
    });
    expect(signedIn.ok).toBe(true);
    cleanup();

    // Used once: the same link is refused now.
    render(
      <AuthProvider client={signedOut()}>
        <ResetPassword token={token} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('New password'), 'yet another long passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'yet another long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(state('reset-password')).toBe('invalid'));
    expect(screen.getByRole('alert').textContent).toBe(
      'This reset link is invalid or was already used.',
    );
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('puts a weak password on its field, and says when the link is missing', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'weak');
    await t.newBrowser().client.password.forgot(person.email);
    const token = await tokenFrom(mail, person.email, 'passwordReset');
    const { unmount } = render(
      <AuthProvider client={signedOut()}>
        <ResetPassword token={token} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('New password'), 'password');
    await user.type(screen.getByLabelText('Confirm new password'), 'password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getByRole('alert').getAttribute('data-code')).toBe('weak_password');
    unmount();
    render(
      <AuthProvider client={signedOut()}>
        <ResetPassword />
      </AuthProvider>,
    );
    expect(state('reset-password')).toBe('missing');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

describe('VerifyEmail and EmailVerificationBanner', () => {
  it('shows the banner to an unverified user, verifies the link once, then the banner goes', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'verify');
    const client = await clientOf(t, person.fetch);
    expect(client.session.getSnapshot().data?.user.emailVerified).toBe(false);
    render(
      <AuthProvider client={client}>
        <EmailVerificationBanner />
      </AuthProvider>,
    );
    const banner = screen.getByRole('region', { name: /Please verify your email address/ });
    clearMail(mail, person.email);
    await user.click(screen.getByRole('button', { name: 'Send a new link' }));
    await waitFor(() => expect(banner.getAttribute('data-state')).toBe('sent'));
    expect(screen.getByRole('status').textContent).toBe(
      `We sent a new verification link to ${person.email}.`,
    );
    cleanup();

    // The link of the email just sent.
    const token = await tokenFrom(mail, person.email, 'verifyEmail');
    const onVerified = vi.fn();
    render(
      <AuthProvider client={client}>
        <VerifyEmail token={token} onVerified={onVerified} />
      </AuthProvider>,
    );
    expect(state('verify-email')).toBe('loading');
    await waitFor(() => expect(state('verify-email')).toBe('verified'));
    expect(onVerified).toHaveBeenCalledWith(person.email);
    expect(screen.getByRole('status').textContent).toBe(`${person.email} is verified.`);
    expect(screen.getByRole('link', { name: 'Continue' })).toBeTruthy();
  });

  it('says when a link is invalid and sends a new one to a typed address when signed out', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={signedOut()}>
        <VerifyEmail token="used-or-made-up" />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('verify-email')).toBe('invalid'));
    expect(screen.getByRole('alert').textContent).toBe(
      'This verification link is invalid or was already used.',
    );
    await user.type(screen.getByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send a new link' }));
    await waitFor(() =>
      expect(
        screen.getByText('If the address needs verifying, a new link is on its way.'),
      ).toBeTruthy(),
    );
  });

  it('renders no banner for a verified user or nobody', async () => {
    const { container } = render(
      <AuthProvider client={signedOut()}>
        <EmailVerificationBanner />
      </AuthProvider>,
    );
    expect(container.innerHTML).toBe('');
  });
});
