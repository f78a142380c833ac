import type { IssuedApiKey } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, KeyList } from './index.js';

let t: TestInstance;

beforeAll(async () => {
  t = await createTestInstance({ scopes: ['reports:read', 'reports:write'] });
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="key-list"]')!;
const row = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('[data-catalyst="key"]')].find(
    (li) => li.querySelector('[data-catalyst="key-name"]')?.textContent === name,
  );
const names = () =>
  [...document.querySelectorAll('[data-catalyst="key-name"]')].map((n) => n.textContent);

async function issue(person: Person, name: string, scopes: string[] = []): Promise<IssuedApiKey> {
  const result = await person.client.keys.create({ name, scopes });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function renderList(person: Person) {
  render(
    <AuthProvider client={await clientFor(person)}>
      <KeyList />
    </AuthProvider>,
  );
  await waitFor(() => expect(root().getAttribute('data-state')).not.toBe('loading'));
}

describe('KeyList', () => {
  it('lists keys by name, start, scopes, status and dates; empty without any', async () => {
    const ada = await signUp(t, 'Ada');
    await renderList(ada);
    expect(root().getAttribute('data-state')).toBe('empty');
    expect(screen.getByText('No API keys to show.')).toBeTruthy();
    cleanup();

    const key = await issue(ada, 'Reports', ['reports:read', 'reports:write']);
    await renderList(ada);
    expect(root().getAttribute('data-state')).toBe('ready');
    const li = row('Reports')!;
    expect(li.getAttribute('data-status')).toBe('active');
    expect(within(li).getByText(`${key.start}…`)).toBeTruthy();
    expect(li.querySelector('[data-catalyst="key-status"]')!.textContent).toBe('Active');
    expect(li.querySelector('[data-catalyst="key-scopes"]')!.textContent).toBe(
      'reports:read, reports:write',
    );
    expect(li.querySelector('[data-catalyst="key-expires"]')!.textContent).toBe('Never');
    expect(li.querySelector('[data-catalyst="key-last-used"]')!.textContent).toBe('Never');
    const created = li.querySelector('[data-catalyst="key-created"] time')!;
    expect(created.getAttribute('dateTime')).toBe(key.createdAt);
    expect(created.textContent).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(key.createdAt)),
    );
    expect(li.textContent).not.toContain(key.secret);

    // Once used, "last used" is relative.
    const used = await ada.client.keys.exchange(key.secret);
    expect(used.ok).toBe(true);
    cleanup();
    await renderList(ada);
    await waitFor(() =>
      expect(row('Reports')!.querySelector('[data-catalyst="key-last-used"] time')).not.toBeNull(),
    );
  });

  it('revokes a key with a reason: it moves to the revoked keys, reason and all', async () => {
    const user = userEvent.setup();
    const grace = await signUp(t, 'Grace');
    const key = await issue(grace, 'Deploy', ['reports:read']);
    await issue(grace, 'Keep');
    await renderList(grace);
    await user.click(screen.getByRole('button', { name: 'Revoke Deploy' }));
    const confirm = screen.getByRole('form', { name: 'Revoke Deploy' });
    const reason = within(confirm).getByLabelText('Reason (optional)');
    expect(document.activeElement).toBe(reason);
    await user.type(reason, 'leaked in a log');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke key' }));

    await waitFor(() => expect(row('Deploy')!.getAttribute('data-status')).toBe('revoked'));
    const li = row('Deploy')!;
    expect(li.querySelector('[data-catalyst="key-status"]')!.textContent).toBe('Revoked');
    expect(li.querySelector('[data-catalyst="key-revoked-reason"]')!.textContent).toBe(
      'leaked in a log',
    );
    expect(within(li).queryByRole('button')).toBeNull();
    const stored = await grace.client.keys.get(key.id);
    expect(stored.ok && stored.data).toMatchObject({
      status: 'revoked',
      revokedReason: 'leaked in a log',
    });

    await user.selectOptions(screen.getByLabelText('Show'), 'active');
    await waitFor(() => expect(names()).toEqual(['Keep']));
    await user.selectOptions(screen.getByLabelText('Show'), 'revoked');
    await waitFor(() => expect(names()).toEqual(['Deploy']));
    const exchanged = await grace.client.keys.exchange(key.secret);
    expect(!exchanged.ok && exchanged.error.code).toBe('invalid_grant');
  });

  it('cancels a revoke with Escape, focus back on its button', async () => {
    const user = userEvent.setup();
    const alan = await signUp(t, 'Alan');
    await issue(alan, 'Mine');
    await renderList(alan);
    const trigger = screen.getByRole('button', { name: 'Revoke Mine' });
    await user.click(trigger);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Revoke Mine' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Revoke Mine' }));
    expect(row('Mine')!.getAttribute('data-status')).toBe('active');
  });

  it('rerolls a key: the new secret is shown once, the list shows its new start', async () => {
    const user = userEvent.setup();
    const edsger = await signUp(t, 'Edsger');
    const key = await issue(edsger, 'Rolling', ['reports:read']);
    await renderList(edsger);
    await user.click(screen.getByRole('button', { name: 'Reroll the secret of Rolling' }));
    const confirm = screen.getByRole('group', { name: 'Reroll the secret of Rolling' });
    expect(within(confirm).getByText(/keeps working for one hour/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Reroll secret' }));

    const field = (await screen.findByLabelText('New secret for Rolling')) as HTMLInputElement;
    const secret = field.value;
    expect(secret).toMatch(/^ck_test_/);
    expect(secret).not.toBe(key.secret);
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/You will not see it again/)).toBeTruthy();
    expect(screen.getByText(/The previous secret works until/)).toBeTruthy();
    await waitFor(() =>
      expect(within(row('Rolling')!).getByText(`${secret.slice(0, 16)}…`)).toBeTruthy(),
    );
    const exchanged = await edsger.client.keys.exchange(secret);
    expect(exchanged.ok).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New secret for Rolling')).toBeNull();
    expect(document.body.innerHTML).not.toContain(secret);
  });

  it('pages with the cursor: "Show more" loads the next keys', async () => {
    const user = userEvent.setup();
    const barbara = await signUp(t, 'Barbara');
    for (let i = 0; i < 51; i++) await issue(barbara, `key ${String(i).padStart(2, '0')}`);
    await renderList(barbara);
    expect(names()).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(names()).toHaveLength(51));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});
