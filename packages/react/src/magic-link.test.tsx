import { createAuthClient } from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  accountWorld,
  codeFrom,
  enableTotp,
  signUp,
  tokenFrom,
  totpCode,
  type Mail,
} from '../test/account-world.js';
import { AuthProvider, MagicLink, MagicLinkCallback, SignIn } from './index.js';

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

describe('MagicLink', () => {
  it('sends a link, then signs in with the emailed code in the same browser', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'magic');
    const client = signedOut();
    const onComplete = vi.fn();
    render(
      <AuthProvider client={client}>
        <MagicLink disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    const form = screen.getByRole('form', { name: 'Sign in with a link' });
    await user.type(screen.getByLabelText('Email'), person.email);
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));
    const code = await screen.findByLabelText('Code');
    expect(form.isConnected).toBe(false);
    expect(document.activeElement).toBe(code);
    expect(
      screen
        .getByText(`Check your email: we sent a sign-in link and a code to ${person.email}.`)
        .getAttribute('role'),
    ).toBe('status');
    const emailed = await codeFrom(mail, person.email);
    await user.type(code, emailed === '000000' ? '111111' : '000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    await user.clear(code);
    await user.type(code, emailed);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(client.session.getSnapshot().status).toBe('authenticated');
    expect(state('magic-link')).toBe('success');
  });

  it('answers the same for an address without an account', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={signedOut()}>
        <MagicLink disableRedirect />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), 'nobody-here@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));
    expect(await screen.findByLabelText('Code')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use another email' }));
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(
      'nobody-here@example.com',
    );
  });

  it('is a step of SignIn, with the email carried over and a way back', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={signedOut()}>
        <SignIn disableRedirect />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), 'carried@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));
    const email = await screen.findByLabelText('Email');
    expect((email as HTMLInputElement).value).toBe('carried@example.com');
    await user.click(screen.getByRole('button', { name: 'Sign in with a password' }));
    expect(await screen.findByLabelText('Password')).toBeTruthy();
  });
});

describe('MagicLinkCallback', () => {
  it('verifies the link from the URL once and signs in', async () => {
    const person = await signUp(t, 'link');
    const browser = t.newBrowser();
    await browser.client.magicLink.request({ email: person.email });
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: browser.fetch,
      initialSession: null,
    });
    const verify = vi.spyOn(client.magicLink, 'verify');
    window.history.replaceState(
      null,
      '',
      `/sign-in/magic-link?token=${await tokenFrom(mail, person.email, 'magicLink')}`,
    );
    const onComplete = vi.fn();
    render(
      <AuthProvider client={client}>
        <MagicLinkCallback disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('magic-link-callback')).toBe('success'));
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Signed in.');
  });

  it('asks for the second factor before signing in', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'link-mfa');
    const { secret } = await enableTotp(person.client);
    const browser = t.newBrowser();
    await browser.client.magicLink.request({ email: person.email });
    const token = await tokenFrom(mail, person.email, 'magicLink');
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: browser.fetch,
      initialSession: null,
    });
    const onComplete = vi.fn();
    render(
      <AuthProvider client={client}>
        <MagicLinkCallback token={token} disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    const field = await screen.findByLabelText('Authentication code');
    expect(state('magic-link-callback')).toBe('second-factor');
    await user.type(field, totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
  });

  it('says so when the link is opened in another browser, or is invalid, or missing', async () => {
    const person = await signUp(t, 'link-elsewhere');
    await t.newBrowser().client.magicLink.request({ email: person.email });
    const token = await tokenFrom(mail, person.email, 'magicLink');
    const { unmount } = render(
      <AuthProvider client={signedOut()}>
        <MagicLinkCallback token={token} requestUrl="/login" />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('magic-link-callback')).toBe('mismatch'));
    expect(screen.getByRole('alert').textContent).toMatch(/opened in another browser/);
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe(
      '/login',
    );
    unmount();

    const second = render(
      <AuthProvider client={signedOut()}>
        <MagicLinkCallback token="not-a-real-token" />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('magic-link-callback')).toBe('invalid'));
    second.unmount();

    render(
      <AuthProvider client={signedOut()}>
        <MagicLinkCallback />
      </AuthProvider>,
    );
    expect(state('magic-link-callback')).toBe('missing');
  });
});
