import { createAuthClient, isMfaChallenge, type AuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthProvider, Gate, SignIn, SignUp, SignedIn, SignedOut, useUser } from './index.js';

let t: TestInstance;
const EMAIL = 'grace@example.com';
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  t = await createTestInstance();
  await t.authkit.api.createUser({ email: EMAIL, password: PASSWORD, name: 'Grace' });
});
afterAll(() => t.close());
afterEach(cleanup);

/** A client talking to the real in-process server through a fresh cookie jar. */
const freshClient = (): AuthClient =>
  createAuthClient({ baseUrl: t.baseUrl, fetch: t.newBrowser().fetch });

function Name() {
  return <span>{useUser()?.name ?? 'nobody'}</span>;
}

describe('AuthProvider', () => {
  it('renders signed-in content on the first render when given the server session (no flash)', async () => {
    const browser = t.newBrowser();
    const signedIn = await browser.client.signIn({ email: EMAIL, password: PASSWORD });
    if (!signedIn.ok || isMfaChallenge(signedIn.data)) throw new Error('not signed in');
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: browser.fetch,
      initialSession: signedIn.data,
    });
    const { container } = render(
      <AuthProvider client={client}>
        <SignedIn>
          <Name />
        </SignedIn>
        <SignedOut>signed out</SignedOut>
      </AuthProvider>,
    );
    // Synchronously after the first render: no loading or signed-out state was ever shown.
    expect(container.textContent).toBe('Grace');
  });

  it('asks the server when no initial session is given', async () => {
    render(
      <AuthProvider client={freshClient()}>
        <Gate fallback={<span>please sign in</span>} loading={<span>loading</span>}>
          secret
        </Gate>
      </AuthProvider>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    await screen.findByText('please sign in');
  });
});

describe('SignIn', () => {
  it('shows the server error for a wrong password, then signs in', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    const client = freshClient();
    render(
      <AuthProvider client={client} initialSession={null}>
        <SignIn disableRedirect onSuccess={onSuccess} />
      </AuthProvider>,
    );
    await user.type(screen.getByLabelText('Email'), EMAIL);
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/incorrect/);
    expect(alert.getAttribute('data-code')).toBe('invalid_credentials');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(onSuccess.mock.calls[0]![0].user.email).toBe(EMAIL);
    expect(client.session.getSnapshot().status).toBe('authenticated');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('composes from parts with asChild and marks the invalid field', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={freshClient()} initialSession={null}>
        <SignUp.Root disableRedirect className="my-form">
          <SignUp.Label name="email">Work email</SignUp.Label>
          <SignUp.Field name="email" className="input" />
          <SignUp.Error field="email" />
          <SignUp.Label name="password">Choose a password</SignUp.Label>
          <SignUp.Field name="password" />
          <SignUp.Submit asChild>
            <a
              href="#submit"
              role="button"
              onClick={(e) => e.currentTarget.closest('form')!.requestSubmit()}
            >
              Join
            </a>
          </SignUp.Submit>
        </SignUp.Root>
      </AuthProvider>,
    );
    const form = document.querySelector('form.my-form')!;
    expect(form.getAttribute('data-catalyst')).toBe('sign-up');
    await user.type(screen.getByLabelText('Work email'), 'not-an-email');
    await user.type(screen.getByLabelText('Choose a password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Join' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/valid email/);
    const email = screen.getByLabelText('Work email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(alert.id);
    expect(email.className).toBe('input');
  });

  it('throws a helpful error outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<SignIn />)).toThrow(/AuthProvider/);
  });
});
