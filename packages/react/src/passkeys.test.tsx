import { createAuthClient } from '@catalyst/authkit';
import type { TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountWorld, clientOf, signUp } from '../test/account-world.js';
import { softwareAuthenticator } from '@catalyst/authkit/testing';
import { AuthProvider, PasskeyList, PasskeySetup, SignIn } from './index.js';

// happy-dom has no WebAuthn: `@simplewebauthn/browser` is replaced by a software passkey whose
// answers the real server verifies (or by a rejection, to test the failures).
const webauthn = vi.hoisted(() => ({
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
}));
vi.mock('@simplewebauthn/browser', () => webauthn);

let t: TestInstance;

beforeAll(async () => {
  ({ t } = await accountWorld());
});
afterAll(() => t.close());
beforeEach(() => {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  const authenticator = softwareAuthenticator(new URL(t.baseUrl).origin);
  webauthn.startRegistration.mockImplementation(authenticator.startRegistration);
  webauthn.startAuthentication.mockImplementation(authenticator.startAuthentication);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  webauthn.startRegistration.mockReset();
  webauthn.startAuthentication.mockReset();
});

const state = (part: string) =>
  document.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state');

describe('PasskeySetup and PasskeyList', () => {
  it('registers a named passkey, lists it, renames it inline and removes it', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'passkeys');
    const onAdded = vi.fn();
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <PasskeySetup onAdded={onAdded} />
        <PasskeyList />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('passkey-list')).toBe('empty'));
    expect(screen.getByText('No passkeys yet.')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Add a passkey' });
    await user.type(within(form).getByLabelText('Passkey name'), 'Work laptop');
    await user.click(within(form).getByRole('button', { name: 'Add passkey' }));
    const status = await screen.findByText('Passkey “Work laptop” added.');
    expect(document.activeElement).toBe(status);
    expect(state('passkey-setup')).toBe('success');
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ name: 'Work laptop' }));
    expect(webauthn.startRegistration).toHaveBeenCalledWith({
      optionsJSON: expect.objectContaining({ challenge: expect.any(String) }),
    });

    // The list reloads on its own.
    const list = await screen.findByRole('list', { name: 'Your passkeys' });
    const item = within(list).getByRole('listitem');
    expect(within(item).getByText('Work laptop')).toBeTruthy();
    expect(within(item).getByText('Never used')).toBeTruthy();

    await user.click(within(item).getByRole('button', { name: 'Rename Work laptop' }));
    const input = within(item).getByLabelText('New name for Work laptop');
    expect(document.activeElement).toBe(input);
    await user.clear(input);
    await user.type(input, 'Laptop{Enter}');
    await waitFor(() => expect(within(list).getByText('Laptop')).toBeTruthy());
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Rename Laptop');

    await user.click(within(list).getByRole('button', { name: 'Remove Laptop' }));
    const confirm = within(list).getByRole('group', { name: 'Remove Laptop' });
    expect(within(confirm).getByText(/no longer be able to sign in with “Laptop”/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Remove passkey' }));
    await waitFor(() => expect(state('passkey-list')).toBe('empty'));
  });

  it('says the server refused a passkey it could not verify, and when the prompt was dismissed', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'bad-passkey');
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <PasskeySetup />
      </AuthProvider>,
    );
    webauthn.startRegistration.mockImplementationOnce(async (input) => {
      const real = await softwareAuthenticator('https://evil.example').startRegistration(input);
      return real;
    });
    await user.click(screen.getByRole('button', { name: 'Add passkey' }));
    await waitFor(() => expect(state('passkey-setup')).toBe('error'));
    expect(screen.getByRole('alert').getAttribute('data-code')).toBe('invalid_passkey');

    const dismissed = new Error('not allowed');
    dismissed.name = 'NotAllowedError';
    webauthn.startRegistration.mockRejectedValueOnce(dismissed);
    await user.click(screen.getByRole('button', { name: 'Add passkey' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The passkey request was cancelled or timed out.',
      ),
    );
  });

  it('is unsupported without WebAuthn: the submit is disabled', async () => {
    vi.unstubAllGlobals();
    const person = await signUp(t, 'no-webauthn');
    render(
      <AuthProvider client={await clientOf(t, person.fetch)}>
        <PasskeySetup />
      </AuthProvider>,
    );
    expect(state('passkey-setup')).toBe('unsupported');
    expect(screen.getByText('This browser does not support passkeys.')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Add passkey' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('is forbidden signed out', async () => {
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    render(
      <AuthProvider client={client}>
        <PasskeyList />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('passkey-list')).toBe('forbidden'));
    expect(screen.getByText('Sign in to manage your passkeys.')).toBeTruthy();
  });
});

describe('SignIn with a passkey', () => {
  it('signs in with a discoverable passkey, no email typed', async () => {
    const user = userEvent.setup();
    const person = await signUp(t, 'discoverable');
    const registered = await person.client.passkeys.registrationOptions();
    if (!registered.ok) throw new Error(registered.error.message);
    const response = await webauthn.startRegistration({ optionsJSON: registered.data });
    const added = await person.client.passkeys.register({ response, name: 'Phone' });
    if (!added.ok) throw new Error(added.error.message);

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
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(onSuccess.mock.calls[0]![0].user.email).toBe(person.email);
    expect(client.session.getSnapshot().status).toBe('authenticated');
  });

  it('shows a dismissed prompt as the form’s error, and hides the button without WebAuthn', async () => {
    const user = userEvent.setup();
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    const dismissed = new Error('not allowed');
    dismissed.name = 'NotAllowedError';
    webauthn.startAuthentication.mockRejectedValueOnce(dismissed);
    const { unmount } = render(
      <AuthProvider client={client} localization={{ signIn: { passkeyCancelled: 'Annulé.' } }}>
        <SignIn disableRedirect />
      </AuthProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Annulé.');
    expect(alert.getAttribute('data-code')).toBe('passkey_cancelled');
    unmount();
    vi.unstubAllGlobals();
    render(
      <AuthProvider client={client}>
        <SignIn disableRedirect />
      </AuthProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  });
});
