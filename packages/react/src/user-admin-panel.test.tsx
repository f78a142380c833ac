import { createAdminClient, createAuthClient, type AuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, signUp, stubbed, type Person } from '../test/org-world.js';
import { adminMutations, adminQueries, AuthProvider, UserAdminPanel } from './index.js';

const ROOT = 'root@example.com';
let t: TestInstance;
let people: Record<'ada' | 'grace' | 'alan' | 'barbara' | 'edsger' | 'joan', Person>;

beforeAll(async () => {
  t = await createTestInstance({ adminEmail: ROOT, adminPassword: PASSWORD });
  const names = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Joan'] as const;
  const signedUp = await Promise.all(names.map((name) => signUp(t, name)));
  people = Object.fromEntries(
    signedUp.map((person) => [person.name.toLowerCase(), person]),
  ) as typeof people;
});
afterAll(() => t.close());
afterEach(cleanup);

let browsers = 0;

/**
 * A browser signed in as the seeded platform admin (its session has no `platformRoles` yet).
 * Each from an address of its own: sign-in limits per IP stay at their real defaults.
 */
async function signInAdmin(): Promise<{ client: AuthClient; fetch: typeof globalThis.fetch }> {
  const browser = t.newBrowser({ ip: `198.51.100.${++browsers}` });
  const result = await browser.client.signIn({ email: ROOT, password: PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
  return browser;
}

let api: ReturnType<typeof createAdminClient> | undefined;
/** The admin API for checking what the panel did (one browser for the whole suite). */
const admin = async () => (api ??= createAdminClient((await signInAdmin()).client));

/** Every user as the API lists them, for comparing the table with. */
async function apiEmails(
  query: Parameters<ReturnType<typeof createAdminClient>['users']['list']>[0],
) {
  const page = await (await admin()).users.list({ limit: 100, ...query });
  if (!page.ok) throw new Error(page.error.message);
  return page.data.users.map((user) => user.email);
}

const panel = () => document.querySelector<HTMLElement>('[data-catalyst="user-admin-panel"]')!;
const emails = () =>
  [
    ...document.querySelectorAll(
      '[data-catalyst="user-admin-row"] [data-catalyst="user-admin-open"]',
    ),
  ].map((button) => button.textContent);
const row = (person: Pick<Person, 'id'>) =>
  document.querySelector<HTMLElement>(
    `[data-catalyst="user-admin-row"][data-user-id="${person.id}"]`,
  )!;

async function renderPanel(client: AuthClient, props: Parameters<typeof UserAdminPanel>[0] = {}) {
  const result = render(
    <AuthProvider client={client}>
      <UserAdminPanel {...props} />
    </AuthProvider>,
  );
  await waitFor(() => expect(panel().getAttribute('data-state')).not.toBe('loading'));
  return result;
}

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('UserAdminPanel', () => {
  it('lists every user for an admin, newest first; the search narrows the rows', async () => {
    const user = userEvent.setup();
    const { container } = await renderPanel((await signInAdmin()).client);
    expect(panel().getAttribute('data-state')).toBe('ready');
    expect(panel().getAttribute('data-access')).toBe('admin');
    expect(emails()).toEqual(await apiEmails({ sort: '-created' }));
    expect(emails()).toContain(ROOT);
    expect(await violations(container)).toEqual([]);

    const search = screen.getByRole('search', { name: 'Search users' });
    await user.type(within(search).getByLabelText('Email, name or user ID'), 'grace');
    await user.click(within(search).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(emails()).toEqual([people.grace.email]));
    expect(row(people.grace).querySelector('[data-catalyst="user-admin-name"]')!.textContent).toBe(
      'Grace',
    );
    await user.clear(within(search).getByLabelText('Email, name or user ID'));
    await user.type(within(search).getByLabelText('Email, name or user ID'), 'nobody-like-this');
    await user.click(within(search).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(panel().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No users match this search.')).toBeTruthy();
  });

  it('filters with a chip, sorts by a column header, and pages with the cursors', async () => {
    const user = userEvent.setup();
    await renderPanel((await signInAdmin()).client, { pageSize: 3 });
    const filters = screen.getByRole('group', { name: 'Filters' });
    const admins = within(filters).getByRole('button', { name: 'Admins' });
    await user.click(admins);
    await waitFor(() => expect(emails()).toEqual([ROOT]));
    expect(admins.getAttribute('aria-pressed')).toBe('true');
    await user.click(admins);
    await waitFor(() => expect(emails()).toHaveLength(3));

    const header = () => screen.getByRole('columnheader', { name: 'Email' });
    expect(header().getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    const byEmail = await apiEmails({ sort: 'email' });
    await user.click(within(header()).getByRole('button'));
    await waitFor(() => expect(emails()).toEqual(byEmail.slice(0, 3)));
    expect(header().getAttribute('aria-sort')).toBe('ascending');

    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pages).getByRole('button', { name: 'Previous' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(within(pages).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(emails()).toEqual(byEmail.slice(3, 6)));
    expect(within(pages).getByText('Page 2')).toBeTruthy();
    await user.click(within(pages).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(emails()).toEqual(byEmail.slice(6, 9)));
    await user.click(within(pages).getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(emails()).toEqual(byEmail.slice(3, 6)));

    await user.click(within(header()).getByRole('button'));
    await waitFor(() => expect(emails()).toEqual([...byEmail].reverse().slice(0, 3)));
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('opens a user in the drawer, edits their labels, and bans them from it', async () => {
    const user = userEvent.setup();
    const { container } = await renderPanel((await signInAdmin()).client);
    const opener = within(row(people.barbara)).getByRole('button', {
      name: `Open ${people.barbara.email}`,
    });
    await user.click(opener);
    const drawer = await screen.findByRole('dialog', { name: 'Barbara' });
    await waitFor(() => expect(drawer.getAttribute('data-state')).toBe('ready'));
    expect(within(drawer).getByRole('tab', { name: 'Profile' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(within(drawer).getByRole('tabpanel').textContent).toContain(people.barbara.email);
    expect(await violations(container)).toEqual([]);

    await user.click(within(drawer).getByRole('tab', { name: 'Labels & roles' }));
    const labels = within(drawer).getByRole('form', { name: 'Labels' });
    await user.clear(within(labels).getByLabelText('Labels'));
    await user.type(within(labels).getByLabelText('Labels'), 'vip, beta');
    await user.click(within(labels).getByRole('button', { name: 'Save labels' }));
    await waitFor(() => expect(within(drawer).getByRole('status').textContent).toBe('Saved.'));
    await waitFor(() =>
      expect(
        within(row(people.barbara))
          .getAllByRole('button', { name: /^Show users labelled/ })
          .map((b) => b.textContent),
      ).toEqual(['beta', 'vip']),
    );
    const detail = await (await admin()).users.get(people.barbara.id);
    // The server keeps labels sorted.
    expect(detail.ok && detail.data.user.labels).toEqual(['beta', 'vip']);

    // Arrow keys move between the tabs.
    within(drawer).getByRole('tab', { name: 'Labels & roles' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('Orgs');

    const actions = within(drawer).getByRole('group', { name: 'Actions' });
    await user.click(within(actions).getByRole('button', { name: 'Ban' }));
    const ban = within(drawer).getByRole('form', { name: `Ban ${people.barbara.email}` });
    await user.type(within(ban).getByLabelText('Reason (optional)'), 'spam');
    await user.click(within(ban).getByRole('button', { name: 'Ban user' }));
    await waitFor(() => expect(row(people.barbara).hasAttribute('data-banned')).toBe(true));
    expect(
      row(people.barbara).querySelector('[data-catalyst="user-admin-status"]')!.textContent,
    ).toBe('Banned');
    const banned = await (await admin()).users.get(people.barbara.id);
    expect(banned.ok && banned.data.user.ban?.reason).toBe('spam');

    await user.click(await within(actions).findByRole('button', { name: 'Unban' }));
    await waitFor(() => expect(row(people.barbara).hasAttribute('data-banned')).toBe(false));

    // Escape closes the drawer; focus goes back to the row's button.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("edits a user's language and time zone from the drawer's profile tab", async () => {
    const user = userEvent.setup();
    const { container } = await renderPanel((await signInAdmin()).client);
    await user.click(within(row(people.ada)).getByRole('button', { name: /^Open/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Ada' });
    const form = await waitFor(() => {
      const found = drawer.querySelector<HTMLElement>('[data-catalyst="user-profile-form"]');
      expect(found?.getAttribute('data-state')).toBe('ready');
      return found!;
    });
    expect(drawer.querySelector('[data-catalyst="avatar-uploader"]')).not.toBeNull();
    await user.type(within(form).getByLabelText('Language'), 'pt-br');
    await user.type(within(form).getByLabelText('Time zone'), 'America/Sao_Paulo');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(form.querySelector('[data-catalyst="user-profile-saved"]')!.textContent).toBe(
        'Saved.',
      ),
    );
    const saved = await (await admin()).users.getProfile(people.ada.id);
    expect(saved.ok && saved.data).toMatchObject({
      locale: 'pt-BR',
      timezone: 'America/Sao_Paulo',
    });
    // A refused value shows on its own input, and nothing is written.
    await user.clear(within(form).getByLabelText('Time zone'));
    await user.type(within(form).getByLabelText('Time zone'), 'Mars/Olympus');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true'),
    );
    const kept = await (await admin()).users.getProfile(people.ada.id);
    expect(kept.ok && kept.data.timezone).toBe('America/Sao_Paulo');
    expect(await violations(container)).toEqual([]);
  });

  it('bans two selected users at once from the bulk bar', async () => {
    const user = userEvent.setup();
    await renderPanel((await signInAdmin()).client);
    for (const person of [people.edsger, people.joan]) {
      await user.click(
        within(row(person)).getByRole('checkbox', { name: `Select ${person.email}` }),
      );
    }
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('2 selected')).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: 'Ban' }));
    const confirm = within(bar).getByRole('form', {
      name: 'Ban 2 users? Their sessions end at once.',
    });
    await user.type(within(confirm).getByLabelText('Reason (optional)'), 'fraud ring');
    await user.click(within(confirm).getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(within(bar).getByRole('status').textContent).toBe('2 done, 0 failed.'),
    );
    await waitFor(() => expect(row(people.edsger).hasAttribute('data-banned')).toBe(true));
    expect(row(people.joan).hasAttribute('data-banned')).toBe(true);
    expect(row(people.ada).hasAttribute('data-banned')).toBe(false);
    expect(await apiEmails({ banned: true })).toEqual(
      expect.arrayContaining([people.edsger.email, people.joan.email]),
    );
    // The selection went with the action.
    expect(screen.queryByText('2 selected')).toBeNull();
    expect((within(row(people.joan)).getByRole('checkbox') as HTMLInputElement).checked).toBe(
      false,
    );
    await (
      await admin()
    ).users.bulk({ action: 'unban', userIds: [people.edsger.id, people.joan.id] });
  });

  it('shows support staff everything and no write control', async () => {
    const user = userEvent.setup();
    const roles = await (await admin()).users.setPlatformRoles(people.alan.id, ['support']);
    expect(roles.ok).toBe(true);
    const { container } = await renderPanel(people.alan.client);
    expect(panel().getAttribute('data-state')).toBe('ready');
    expect(panel().getAttribute('data-access')).toBe('support');
    expect(emails()).toContain(people.grace.email);
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull();

    await user.click(within(row(people.grace)).getByRole('button', { name: /^Open/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Grace' });
    await waitFor(() => expect(drawer.getAttribute('data-state')).toBe('ready'));
    expect(within(drawer).queryByRole('group', { name: 'Actions' })).toBeNull();
    // The profile shows read-only: every input and button of the form is disabled.
    const form = await waitFor(() => {
      const found = drawer.querySelector<HTMLElement>('[data-catalyst="user-profile-form"]');
      expect(found?.getAttribute('data-state')).toBe('ready');
      return found!;
    });
    const controls = [...form.querySelectorAll<HTMLInputElement>('input:not([readonly]), button')];
    expect(controls.length).toBeGreaterThan(2);
    expect(controls.filter((c) => !c.disabled)).toEqual([]);
    expect(drawer.querySelector('[data-catalyst="avatar-uploader-input"]')).toBeNull();
    for (const tab of ['Labels & roles', 'Sessions', 'Second factors']) {
      await user.click(within(drawer).getByRole('tab', { name: tab }));
      expect(within(within(drawer).getByRole('tabpanel')).queryAllByRole('button')).toEqual([]);
      expect(within(drawer).queryByRole('form')).toBeNull();
    }
    expect(await violations(container)).toEqual([]);
  });

  it('is forbidden without a platform role, and never asks for the users', async () => {
    const asked: string[] = [];
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: stubbed(people.ada.fetch, {
        'GET /admin/users': (request) => {
          asked.push(request.url);
          return people.ada.fetch(request);
        },
      }),
    });
    await renderPanel(client);
    expect(panel().getAttribute('data-state')).toBe('forbidden');
    expect(
      screen.getByText('You need a platform role (admin or support) to see the users.'),
    ).toBeTruthy();
    expect(screen.queryByRole('search')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(asked).toEqual([]);
  });

  it("turns forbidden on the server's 403 even when the session claims a role", async () => {
    const session = await people.ada.client.getSession();
    if (!session.ok || !session.data.user) throw new Error('no session');
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: people.ada.fetch,
      initialSession: { ...session.data, platformRoles: ['admin'] },
    });
    await renderPanel(client);
    await waitFor(() => expect(panel().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('impersonates a user: the session switches and onImpersonate gets it', async () => {
    const user = userEvent.setup();
    const target = await signUp(t, 'Impersonated');
    const { client } = await signInAdmin();
    const onImpersonate = vi.fn();
    await renderPanel(client, { onImpersonate });
    await user.click(within(row(target)).getByRole('button', { name: /^Open/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Impersonated' });
    await user.click(await within(drawer).findByRole('button', { name: 'Impersonate' }));
    await waitFor(() => expect(onImpersonate).toHaveBeenCalledTimes(1));
    const session = onImpersonate.mock.calls[0]![0];
    expect(session.user.id).toBe(target.id);
    expect(session.impersonator.email).toBe(ROOT);
    expect(client.session.getSnapshot().data?.user.id).toBe(target.id);
    // Now signed in as a user without a platform role.
    await waitFor(() => expect(panel().getAttribute('data-state')).toBe('forbidden'));
  });
});

describe('admin resources', () => {
  it('keys lists by viewer, filters, sort and size; writes invalidate only what they change', async () => {
    const client = createAuthClient({ baseUrl: t.baseUrl });
    const list = adminQueries.users.list(client, {
      userId: 'usr_me',
      filters: { q: ' ada ', label: '', banned: false },
      sort: 'email',
    });
    expect(list.queryKey).toEqual([
      'catalyst',
      'admin',
      'users',
      'list',
      'usr_me',
      { q: 'ada', banned: false },
      'email',
      25,
    ]);
    expect(
      adminQueries.users.detail(client, { userId: 'usr_me', targetId: 'usr_1' }).queryKey,
    ).toEqual(['catalyst', 'admin', 'users', 'detail', 'usr_1', 'usr_me']);
    const lists = ['catalyst', 'admin', 'users', 'list'];
    const detail = ['catalyst', 'admin', 'users', 'detail', 'usr_1'];
    for (const write of ['update', 'setPlatformRoles', 'ban', 'unban'] as const)
      expect(adminMutations.users[write](client, 'usr_1').invalidates).toEqual([lists, detail]);
    for (const write of [
      'signOutEverywhere',
      'sendPasswordReset',
      'resetMfa',
      'impersonate',
    ] as const)
      expect(adminMutations.users[write](client, 'usr_1').invalidates).toEqual([detail]);
    expect(adminMutations.users.delete(client, 'usr_1').invalidates).toEqual([lists]);
    expect(adminMutations.users.bulk(client, ['usr_1', 'usr_2']).invalidates).toEqual([
      lists,
      detail,
      ['catalyst', 'admin', 'users', 'detail', 'usr_2'],
    ]);
  });
});
