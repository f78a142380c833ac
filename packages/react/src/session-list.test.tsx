import { createAuthClient, type AuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthProvider, SessionList } from './index.js';

let t: TestInstance;
const PASSWORD = 'correct horse battery';
let n = 0;

beforeAll(async () => {
  t = await createTestInstance();
});
afterAll(() => t.close());
afterEach(cleanup);

/** A signed-in browser (and optionally a second device of the same user). */
async function signedIn(devices = 1): Promise<AuthClient> {
  const email = `list-${n++}@example.com`;
  const first = t.newBrowser({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' });
  await first.client.signUp({ email, password: PASSWORD });
  for (let i = 1; i < devices; i += 1) {
    await t
      .newBrowser({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari' })
      .client.signIn({ email, password: PASSWORD });
  }
  const session = await first.client.getSession();
  return createAuthClient({
    baseUrl: t.baseUrl,
    fetch: first.fetch,
    initialSession: session.ok && session.data.user ? session.data : null,
  });
}

const root = () => document.querySelector('[data-catalyst="session-list"]')!;

describe('SessionList', () => {
  it('goes from loading to ready, marks this device, and revokes another', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={await signedIn(2)}>
        <SessionList />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('loading');
    expect(screen.getByText('Loading sessions…')).toBeTruthy();
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const items = () => document.querySelectorAll('[data-catalyst="session"]');
    expect(items()).toHaveLength(2);
    expect(screen.getByText('This device').closest('[data-current]')).toBeTruthy();
    // Only the other device can be revoked: the current one has no button.
    const revoke = screen.getAllByRole('button');
    expect(revoke).toHaveLength(1);
    expect(revoke[0]!.getAttribute('aria-label')).toMatch(/^Revoke /);
    await user.click(revoke[0]!);
    await waitFor(() => expect(items()).toHaveLength(1));
  });

  it('shows forbidden when nobody is signed in', async () => {
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    render(
      <AuthProvider client={client}>
        <SessionList />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('Sign in to see your sessions.')).toBeTruthy();
  });

  it('shows the error state when the server cannot be reached, in the provider’s words', async () => {
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      initialSession: null,
    });
    render(
      <AuthProvider client={client} localization={{ errors: { network_error: 'Offline.' } }}>
        <SessionList />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('error'), {
      timeout: 10_000,
    });
    expect((await screen.findByRole('alert')).textContent).toBe('Offline.');
  });

  it('composes from parts with asChild and takes its words from the provider', async () => {
    render(
      <AuthProvider
        client={await signedIn(1)}
        localization={{ sessionList: { thisDevice: 'Cet appareil' } }}
      >
        <SessionList.Root asChild>
          <section className="devices">
            <SessionList.Items>
              {(session) => (
                <SessionList.Item session={session} asChild>
                  <li className="device">
                    <SessionList.Device asChild>
                      <strong />
                    </SessionList.Device>
                    <SessionList.Current />
                  </li>
                </SessionList.Item>
              )}
            </SessionList.Items>
          </section>
        </SessionList.Root>
      </AuthProvider>,
    );
    await screen.findByText('Cet appareil');
    const section = document.querySelector('section.devices')!;
    expect(section.getAttribute('data-catalyst')).toBe('session-list');
    expect(section.getAttribute('data-state')).toBe('ready');
    expect(document.querySelector('li.device strong')?.textContent).toMatch(/Firefox/);
  });

  it('has empty, loading and forbidden parts that render only in their state', async () => {
    render(
      <AuthProvider client={await signedIn(1)}>
        <SessionList.Root>
          <SessionList.Empty>none</SessionList.Empty>
          <SessionList.Loading>wait</SessionList.Loading>
          <SessionList.Items />
        </SessionList.Root>
      </AuthProvider>,
    );
    expect(screen.getByText('wait')).toBeTruthy();
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(screen.queryByText('wait')).toBeNull();
    expect(screen.queryByText('none')).toBeNull();
  });
});
