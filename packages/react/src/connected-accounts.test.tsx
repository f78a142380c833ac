import { createAuthClient } from '@catalyst/authkit';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, ConnectedAccounts } from './index.js';

const IDENTITY = {
  id: 'idn_1',
  connectionId: 'oidc',
  provider: 'Single sign-on',
  issuer: 'https://auth.example.com',
  email: 'ada@example.com',
  createdAt: '2026-11-02T10:00:00.000Z',
  lastUsedAt: null,
};
const PROVIDERS = {
  providers: [
    { id: 'oidc', name: 'Single sign-on' },
    { id: 'github', name: 'GitHub' },
  ],
};

type Answer = unknown | [number, unknown] | (() => unknown);

/** A fake API keyed by `METHOD /path`; a [status, body] pair answers an error. */
function api(answers: Record<string, Answer>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const key = `${init?.method ?? 'GET'} ${url.pathname.replace('/api/auth', '')}`;
    calls.push(key);
    const given = answers[key];
    const answer = typeof given === 'function' ? (given as () => unknown)() : given;
    if (answer === 204) return new Response(null, { status: 204 });
    const [status, body] = Array.isArray(answer) ? answer : [200, answer];
    return new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      },
    });
  });
  return {
    client: createAuthClient({ baseUrl: 'http://localhost', fetch, initialSession: null }),
    calls,
  };
}

function renderAccounts(answers: Record<string, Answer>, onRedirect = vi.fn()) {
  const world = api({ 'GET /sso/providers': PROVIDERS, ...answers });
  const view = render(
    <AuthProvider client={world.client}>
      <ConnectedAccounts onRedirect={onRedirect} returnTo="/account" />
    </AuthProvider>,
  );
  return { ...world, ...view, onRedirect };
}

const root = () => document.querySelector('[data-catalyst="connected-accounts"]')!;

afterEach(cleanup);

describe('ConnectedAccounts', () => {
  it('goes from loading to ready: the linked identity, and a link for the provider left', async () => {
    renderAccounts({ 'GET /me/identities': { identities: [IDENTITY] } });
    expect(root().getAttribute('data-state')).toBe('loading');
    expect(screen.getByText('Loading connected accounts…')).toBeTruthy();
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const list = screen.getByRole('list', { name: 'Connected accounts' });
    expect(within(list).getByText('Single sign-on')).toBeTruthy();
    expect(within(list).getByText('ada@example.com')).toBeTruthy();
    expect(within(list).getByText('Never used')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect GitHub' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect Single sign-on' })).toBeNull();
  });

  it('is empty with nothing linked, and still offers every provider', async () => {
    renderAccounts({ 'GET /me/identities': { identities: [] } });
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No connected accounts.')).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Connect Single sign-on',
      'Connect GitHub',
    ]);
  });

  it('links: asks the server for the provider’s URL and hands it over', async () => {
    const user = userEvent.setup();
    const { onRedirect, calls } = renderAccounts({
      'GET /me/identities': { identities: [] },
      'POST /me/identities/github/link': { url: 'https://github.com/login/oauth/authorize?x=1' },
    });
    await user.click(await screen.findByRole('button', { name: 'Connect GitHub' }));
    await waitFor(() =>
      expect(onRedirect).toHaveBeenCalledWith('https://github.com/login/oauth/authorize?x=1'),
    );
    expect(calls).toContain('POST /me/identities/github/link');
  });

  it('unlinks after a confirmation', async () => {
    const user = userEvent.setup();
    let identities = [IDENTITY];
    renderAccounts({
      'GET /me/identities': () => ({ identities }),
      'DELETE /me/identities/idn_1': () => {
        identities = [];
        return 204;
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Disconnect Single sign-on' }));
    const group = screen.getByRole('group', { name: 'Disconnect Single sign-on' });
    expect(group.textContent).toContain(
      'You will no longer be able to sign in with Single sign-on.',
    );
    await user.click(within(group).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
  });

  it('says why the last way in cannot be disconnected', async () => {
    const user = userEvent.setup();
    renderAccounts({
      'GET /me/identities': { identities: [IDENTITY] },
      'DELETE /me/identities/idn_1': [
        409,
        { code: 'last_sign_in_method', detail: 'this is your only way to sign in' },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Disconnect Single sign-on' }));
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('last_sign_in_method');
    expect(alert.textContent).toMatch(/only way to sign in. Set a password or add a passkey/);
    expect(screen.getByRole('list', { name: 'Connected accounts' })).toBeTruthy();
  });

  it('shows forbidden when signed out, and the error state when the server fails', async () => {
    renderAccounts({ 'GET /me/identities': [401, { code: 'unauthenticated', detail: 'sign in' }] });
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('Sign in to manage your connected accounts.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    renderAccounts({
      'GET /me/identities': [400, { code: 'invalid_request', detail: 'the list is broken' }],
    });
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('error'));
    expect((await screen.findByRole('alert')).textContent).toBe('the list is broken');
  });

  it('has no axe violations, listed and while confirming', async () => {
    const user = userEvent.setup();
    const { container } = renderAccounts({ 'GET /me/identities': { identities: [IDENTITY] } });
    await screen.findByRole('list', { name: 'Connected accounts' });
    const audit = async () =>
      (
        await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
      ).violations.map((v) => v.id);
    expect(await audit()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Disconnect Single sign-on' }));
    expect(await audit()).toEqual([]);
  });
});
