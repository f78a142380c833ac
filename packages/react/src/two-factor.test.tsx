import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  accountWorld,
  clientOf,
  enableTotp,
  pendingSignIn,
  signUp,
  totpCode,
} from '../test/account-world.js';
import { AuthProvider, SignIn, TwoFactor } from './index.js';

const webauthn = vi.hoisted(() => ({
  startAuthentication: vi.fn(),
  startRegistration: vi.fn(),
}));
vi.mock('@simplewebauthn/browser', () => webauthn);

let t: TestInstance;

beforeAll(async () => {
  ({ t } = await accountWorld());
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  webauthn.startAuthentication.mockReset();
});

const form = () => document.querySelector<HTMLElement>('[data-catalyst="two-factor"]')!;

describe('TwoFactor (sign-in)', () => {
  it('refuses a wrong code on the field, then signs in with the authenticator code', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'totp');
    const { secret } = await enableTotp(person.client);
    const pending = await pendingSignIn(t, person.email);
    expect(pending.challenge.methods).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
    const onComplete = vi.fn();
    render(
      <AuthProvider client={pending.client}>
        <TwoFactor challenge={pending.challenge} disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    expect(screen.getByRole('form', { name: 'Two-factor authentication' })).toBeTruthy();
    const field = screen.getByLabelText('Authentication code');
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(field.getAttribute('inputmode')).toBe('numeric');

    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the code.');

    const wrong = totpCode(secret) === '000000' ? '111111' : '000000';
    await user.type(field, wrong);
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('invalid_code'),
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    expect((field as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(field);

    await user.type(field, totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(onComplete.mock.calls[0]![0].user.email).toBe(person.email);
    expect(form().getAttribute('data-state')).toBe('success');
    expect(screen.getByRole('status').textContent).toBe('Verified.');
    expect(pending.client.session.getSnapshot().status).toBe('authenticated');
  });

  it('switches to a recovery code (the focus follows), which works once', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'recovery');
    const { recoveryCodes } = await enableTotp(person.client);
    expect(recoveryCodes).toHaveLength(10);
    const pending = await pendingSignIn(t, person.email);
    const onComplete = vi.fn();
    render(
      <AuthProvider client={pending.client}>
        <TwoFactor challenge={pending.challenge} disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    const field = screen.getByLabelText('Recovery code');
    expect(document.activeElement).toBe(field);
    expect(form().getAttribute('data-input')).toBe('recovery_code');
    expect(screen.getByText(/Each code works once/)).toBeTruthy();
    await user.type(field, recoveryCodes[0]!);
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));

    // The same code a second time, in another pending sign-in: refused.
    cleanup();
    const again = await pendingSignIn(t, person.email);
    render(
      <AuthProvider client={again.client}>
        <TwoFactor challenge={again.challenge} disableRedirect />
      </AuthProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await user.type(screen.getByLabelText('Recovery code'), recoveryCodes[0]!);
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('invalid_code'),
    );
    await user.click(screen.getByRole('button', { name: 'Use your authenticator app' }));
    expect(screen.getByLabelText('Authentication code')).toBeTruthy();
  });

  it('offers a passkey only when the challenge does, and says when the prompt was dismissed', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    const person = await signUp(t, 'passkey-offer');
    await enableTotp(person.client);
    const pending = await pendingSignIn(t, person.email);
    const { rerender } = render(
      <AuthProvider client={pending.client}>
        <TwoFactor challenge={pending.challenge} disableRedirect />
      </AuthProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Use a passkey' })).toBeNull();
    rerender(
      <AuthProvider client={pending.client}>
        <TwoFactor methods={['totp', 'passkey']} disableRedirect />
      </AuthProvider>,
    );
    const dismissed = new Error('The operation either timed out or was not allowed.');
    dismissed.name = 'NotAllowedError';
    webauthn.startAuthentication.mockRejectedValueOnce(dismissed);
    await user.click(screen.getByRole('button', { name: 'Use a passkey' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('passkey_cancelled');
    expect(alert.textContent).toBe('The passkey request was cancelled or timed out.');
    // The options came from the server (the pending sign-in's).
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({
      optionsJSON: expect.objectContaining({ challenge: expect.any(String) }),
    });
  });

  it('takes the words from the provider', async () => {
    const person = await signUp(t, 'words');
    await enableTotp(person.client);
    const pending = await pendingSignIn(t, person.email);
    render(
      <AuthProvider
        client={pending.client}
        localization={{ twoFactor: { title: 'Double authentification', submit: 'Vérifier' } }}
      >
        <TwoFactor challenge={pending.challenge} disableRedirect />
      </AuthProvider>,
    );
    expect(screen.getByRole('form', { name: 'Double authentification' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vérifier' })).toBeTruthy();
  });
});

describe('TwoFactor (step-up)', () => {
  it('asks the server which factors exist, then steps up with a code', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'step-up');
    const { secret } = await enableTotp(person.client);
    const client = await clientOf(t, person.fetch);
    const onComplete = vi.fn();
    render(
      <AuthProvider client={client}>
        <TwoFactor mode="step-up" disableRedirect onComplete={onComplete} onCancel={() => {}} />
      </AuthProvider>,
    );
    expect(form().getAttribute('data-state')).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    const field = await screen.findByLabelText('Authentication code');
    expect(screen.getByRole('form', { name: 'Confirm it’s you' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await user.type(field, totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(onComplete.mock.calls[0]![0].session.amr).toContain('otp');
  });

  it('takes the password of an account without a second factor', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'step-up-password');
    const client = await clientOf(t, person.fetch);
    const onComplete = vi.fn();
    render(
      <AuthProvider client={client}>
        <TwoFactor mode="step-up" disableRedirect onComplete={onComplete} />
      </AuthProvider>,
    );
    const field = await screen.findByLabelText('Password');
    expect(field.getAttribute('type')).toBe('password');
    expect(field.getAttribute('autocomplete')).toBe('current-password');
    await user.type(field, 'not the password');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    await user.type(field, 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
  });
});

describe('SignIn with a second factor', () => {
  it('gives way to TwoFactor after the password, and succeeds only after the code', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'sign-in-mfa');
    const { secret } = await enableTotp(person.client);
    const browser = t.newBrowser();
    const client = (await import('@catalyst/authkit')).createAuthClient({
      baseUrl: t.baseUrl,
      fetch: browser.fetch,
      initialSession: null,
    });
    const onSuccess = vi.fn();
    const onMfaRequired = vi.fn();
    render(
      <AuthProvider client={client}>
        <SignIn disableRedirect onSuccess={onSuccess} onMfaRequired={onMfaRequired} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), person.email);
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const field = await screen.findByLabelText('Authentication code');
    expect(onMfaRequired).toHaveBeenCalledWith(expect.objectContaining({ mfaRequired: true }));
    expect(onSuccess).not.toHaveBeenCalled();
    expect(client.session.getSnapshot().status).toBe('unauthenticated');
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.type(field, totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(client.session.getSnapshot().status).toBe('authenticated');
  });
});
