import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  accountWorld,
  clientOf,
  enableTotp,
  pendingSignIn,
  signUp,
  type Person,
} from '../test/account-world.js';
import { softwareAuthenticator } from '@catalyst/authkit/testing';
import {
  AuthProvider,
  EmailVerificationBanner,
  ForgotPassword,
  MagicLink,
  MagicLinkCallback,
  PasskeyList,
  PasskeySetup,
  RecoveryCodes,
  ResetPassword,
  TotpSetup,
  TwoFactor,
  VerifyEmail,
} from './index.js';

const webauthn = vi.hoisted(() => ({ startRegistration: vi.fn(), startAuthentication: vi.fn() }));
vi.mock('@simplewebauthn/browser', () => webauthn);

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

let t: TestInstance;
let person: Person;

beforeAll(async () => {
  ({ t } = await accountWorld());
  person = await signUp(t, 'axe');
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const stateOf = (container: HTMLElement, part: string) =>
  container.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state');

describe('accessibility of the account-security components (axe)', () => {
  it('TwoFactor, before and after a wrong code, and with a recovery code', async () => {
    const user = userEvent.setup();
    const mfa = await signUp(t, 'axe-mfa');
    await enableTotp(mfa.client);
    const pending = await pendingSignIn(t, mfa.email);
    const { container } = render(
      <AuthProvider client={pending.client}>
        <TwoFactor
          challenge={pending.challenge}
          methods={['totp', 'recovery_code', 'passkey']}
          disableRedirect
        />
      </AuthProvider>,
    );
    expect(await violations(container)).toEqual([]);
    await user.type(screen.getByLabelText('Authentication code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('alert');
    expect(await violations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    expect(await violations(container)).toEqual([]);
  });

  it('TotpSetup while scanning, and with the recovery codes on show', async () => {
    const user = userEvent.setup();
    const fresh = await signUp(t, 'axe-totp');
    const { container } = render(
      <AuthProvider client={await clientOf(t, fresh.fetch)}>
        <TotpSetup />
      </AuthProvider>,
    );
    await screen.findByLabelText('Code from the app');
    await waitFor(() => expect(stateOf(container, 'qr-code')).toBe('ready'));
    expect(await violations(container)).toEqual([]);
    const { totpCode } = await import('../test/account-world.js');
    const secret = (screen.getByLabelText('Setup key') as HTMLInputElement).value.replaceAll(
      ' ',
      '',
    );
    await user.type(screen.getByLabelText('Code from the app'), totpCode(secret));
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await screen.findByRole('group', { name: /Save these recovery codes/ });
    expect(await violations(container)).toEqual([]);
  });

  it('RecoveryCodes with its confirmation open', async () => {
    const user = userEvent.setup();
    const mfa = await signUp(t, 'axe-codes');
    await enableTotp(mfa.client);
    const { container } = render(
      <AuthProvider client={await clientOf(t, mfa.fetch)}>
        <RecoveryCodes />
      </AuthProvider>,
    );
    await waitFor(() => expect(stateOf(container, 'recovery-codes')).toBe('ready'));
    await user.click(screen.getByRole('button', { name: 'Generate new codes' }));
    expect(await violations(container)).toEqual([]);
  });

  it('PasskeySetup and PasskeyList, with a passkey being renamed and one being removed', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    const authenticator = softwareAuthenticator(new URL(t.baseUrl).origin);
    webauthn.startRegistration.mockImplementation(authenticator.startRegistration);
    const owner = await signUp(t, 'axe-passkeys');
    for (const name of ['Laptop', 'Phone']) {
      const options = await owner.client.passkeys.registrationOptions();
      if (!options.ok) throw new Error(options.error.message);
      const response = await authenticator.startRegistration({ optionsJSON: options.data });
      await owner.client.passkeys.register({ response, name });
    }
    const { container } = render(
      <AuthProvider client={await clientOf(t, owner.fetch)}>
        <PasskeySetup />
        <PasskeyList />
      </AuthProvider>,
    );
    await waitFor(() => expect(stateOf(container, 'passkey-list')).toBe('ready'));
    expect(await violations(container)).toEqual([]);
    const list = screen.getByRole('list', { name: 'Your passkeys' });
    await user.click(within(list).getByRole('button', { name: 'Rename Laptop' }));
    await user.click(within(list).getByRole('button', { name: 'Remove Phone' }));
    expect(await violations(container)).toEqual([]);
  });

  it.each([
    ['MagicLink', () => <MagicLink disableRedirect />, 'magic-link', 'idle'],
    ['ForgotPassword', () => <ForgotPassword signInUrl="/sign-in" />, 'forgot-password', 'idle'],
    ['ResetPassword', () => <ResetPassword token={'x'.repeat(43)} />, 'reset-password', 'idle'],
    ['ResetPassword (missing)', () => <ResetPassword />, 'reset-password', 'missing'],
    ['VerifyEmail (invalid)', () => <VerifyEmail token="made-up" />, 'verify-email', 'invalid'],
    [
      'MagicLinkCallback (invalid)',
      () => <MagicLinkCallback token="made-up" />,
      'magic-link-callback',
      'invalid',
    ],
    [
      'EmailVerificationBanner',
      () => <EmailVerificationBanner />,
      'email-verification-banner',
      'idle',
    ],
  ])('%s has no violations', async (_name, component, part, state) => {
    const { container } = render(
      <AuthProvider client={await clientOf(t, person.fetch)}>{component()}</AuthProvider>,
    );
    await waitFor(() => expect(stateOf(container, part)).toBe(state));
    expect(await violations(container)).toEqual([]);
  });

  it('MagicLink after sending, and ForgotPassword after sending', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <MagicLink disableRedirect />
        <ForgotPassword />
      </AuthProvider>,
    );
    const emails = screen.getAllByLabelText('Email');
    await user.type(emails[0]!, person.email);
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));
    await screen.findByLabelText('Code');
    await user.type(screen.getByLabelText('Email'), person.email);
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    await screen.findByText(/If an account exists/);
    expect(await violations(container)).toEqual([]);
  });
});
