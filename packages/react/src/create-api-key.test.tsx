import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, problem, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, CreateApiKey, KeyManager } from './index.js';

let t: TestInstance;
let ada: Person;

beforeAll(async () => {
  t = await createTestInstance({
    scopes: [
      'reports:read',
      { name: 'reports:write', description: 'Create and change reports' },
      { name: 'billing:read', require: { labels: ['team:finance'] } },
    ],
  });
  ada = await signUp(t, 'Ada');
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="create-api-key"]')!;
const form = () => screen.getByRole('form', { name: 'New API key' });

/** Everything a QueryClient holds: cached queries and mutations, as JSON. */
const cached = (queryClient: QueryClient) =>
  JSON.stringify([
    queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data),
    queryClient
      .getMutationCache()
      .getAll()
      .map((mutation) => mutation.state),
  ]);

describe('CreateApiKey', () => {
  it('issues a key and shows its secret once: gone after Done, after a remount, and never cached', async () => {
    const user = userEvent.setup();
    const client = await clientFor(ada);
    const queryClient = new QueryClient();
    const tree = () => (
      <AuthProvider client={client} queryClient={queryClient}>
        <KeyManager />
      </AuthProvider>
    );
    const view = render(tree());
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.type(within(form()).getByLabelText('Key name'), 'CI');
    await user.click(within(form()).getByLabelText('reports:read'));
    await user.selectOptions(within(form()).getByLabelText('Expires'), 'never');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));

    const field = (await screen.findByLabelText('Your new API key')) as HTMLInputElement;
    const secret = field.value;
    expect(secret).toMatch(/^ck_test_[A-Za-z0-9_-]{43}$/);
    expect(document.activeElement).toBe(field);
    expect(root().hasAttribute('data-issued')).toBe(true);
    expect(screen.getByRole('group', { name: /You will not see it again/ })).toBeTruthy();
    // The form waits until the secret is put away.
    expect(screen.queryByRole('form', { name: 'New API key' })).toBeNull();

    const keys = await client.keys.list();
    expect(keys.ok && keys.data.keys.map((k) => [k.name, k.scopes, k.expiresAt])).toEqual([
      ['CI', ['reports:read'], null],
    ]);
    // The list shows the new key by its start, never by its secret.
    const row = await waitFor(() => {
      const li = document.querySelector<HTMLElement>('[data-catalyst="key"]');
      expect(li).not.toBeNull();
      return li!;
    });
    expect(within(row).getByText(`${secret.slice(0, 16)}…`)).toBeTruthy();
    expect(row.textContent).not.toContain(secret);
    expect(cached(queryClient)).not.toContain(secret);
    expect(JSON.stringify({ ...localStorage })).not.toContain(secret);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(secret);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Your new API key')).toBeNull();
    expect(document.body.innerHTML).not.toContain(secret);
    expect(form()).toBeTruthy();
    expect((within(form()).getByLabelText('Key name') as HTMLInputElement).value).toBe('');

    // A remount on the same QueryClient knows nothing of it either.
    view.unmount();
    render(tree());
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await waitFor(() => expect(document.querySelector('[data-catalyst="key"]')).not.toBeNull());
    expect(document.body.innerHTML).not.toContain(secret);
    expect(cached(queryClient)).not.toContain(secret);
  });

  it('copies the secret, and says so', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={await clientFor(ada)}>
        <CreateApiKey />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.type(within(form()).getByLabelText('Key name'), 'Copied');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    const secret = ((await screen.findByLabelText('Your new API key')) as HTMLInputElement).value;
    const copy = screen.getByRole('button', { name: 'Copy key' });
    await user.click(copy);
    await screen.findByText('Copied.');
    expect(copy.getAttribute('data-state')).toBe('copied');
    expect(await navigator.clipboard.readText()).toBe(secret);
  });

  it('offers only the scopes the caller holds', async () => {
    render(
      <AuthProvider client={await clientFor(ada)}>
        <CreateApiKey />
      </AuthProvider>,
    );
    const scopes = await screen.findByRole('group', { name: 'Scopes' });
    await waitFor(() => expect(scopes.getAttribute('data-state')).toBe('ready'));
    const offered = within(scopes)
      .getAllByRole('checkbox')
      .map((box) => (box as HTMLInputElement).value);
    // billing:read needs the label team:finance, which Ada does not have.
    expect(offered).toEqual(['reports:read', 'reports:write']);
    expect(within(scopes).getByText('Create and change reports')).toBeTruthy();
    const scopeList = await ada.client.keys.scopes();
    expect(scopeList.ok && scopeList.data.scopes.find((s) => s.name === 'billing:read')).toEqual(
      expect.objectContaining({ held: false }),
    );
  });

  it("shows the server's field error beside its field: an expiry in the past", async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={await clientFor(ada)}>
        <CreateApiKey />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.type(within(form()).getByLabelText('Key name'), 'Old');
    await user.selectOptions(within(form()).getByLabelText('Expires'), 'custom');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    // No date: said on the field before anything is sent.
    const expiry = form().querySelector<HTMLElement>('[data-name="expiresAt"]')!;
    expect((await within(expiry).findByRole('alert')).textContent).toBe(
      'Choose the date the key expires.',
    );

    fireEvent.change(within(form()).getByLabelText('Expiry date'), {
      target: { value: '2020-01-01' },
    });
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    await waitFor(() =>
      expect(within(expiry).getByRole('alert').textContent).toBe('must be in the future'),
    );
    const alert = within(expiry).getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    const date = within(form()).getByLabelText('Expiry date');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(date.getAttribute('aria-describedby')).toBe(alert.id);
    expect(within(form()).getAllByRole('alert')).toHaveLength(1);
    const keys = await ada.client.keys.list();
    expect(keys.ok && keys.data.keys.some((k) => k.name === 'Old')).toBe(false);
  });

  it('shows a refused scope (`scopes.0`) on the scopes field', async () => {
    const user = userEvent.setup();
    const client = await clientFor(ada, {
      stubs: {
        'POST /me/keys': () =>
          problem(403, 'scope_not_held', 'you do not hold the scope "reports:write"', 'scopes.0'),
      },
    });
    render(
      <AuthProvider client={client}>
        <CreateApiKey />
      </AuthProvider>,
    );
    const scopes = await screen.findByRole('group', { name: 'Scopes' });
    await waitFor(() => expect(scopes.getAttribute('data-state')).toBe('ready'));
    await user.type(within(form()).getByLabelText('Key name'), 'Wide');
    await user.click(within(scopes).getByLabelText('reports:write'));
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    const alert = await within(scopes).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('scope_not_held');
    expect(scopes.getAttribute('aria-describedby')).toBe(alert.id);
    expect(root().getAttribute('data-state')).toBe('ready');
  });

  it('issues a one-shot key without an expiry choice', async () => {
    const user = userEvent.setup();
    render(
      <AuthProvider client={await clientFor(ada)}>
        <CreateApiKey />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.type(within(form()).getByLabelText('Key name'), 'Once');
    await user.click(within(form()).getByLabelText('One-shot key'));
    expect((within(form()).getByLabelText('Expires') as HTMLSelectElement).disabled).toBe(true);
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    await screen.findByLabelText('Your new API key');
    const keys = await ada.client.keys.list();
    const once = keys.ok ? keys.data.keys.find((k) => k.name === 'Once') : undefined;
    expect(once).toMatchObject({ ephemeral: true, remaining: 1 });
    expect(new Date(once!.expiresAt!).getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('is forbidden when signed out', async () => {
    render(
      <AuthProvider client={t.newBrowser().client} initialSession={null}>
        <CreateApiKey />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('You cannot create API keys here.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });
});
