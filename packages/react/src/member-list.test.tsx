import { createAuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, MemberList } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;
let alan: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace, alan] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace'), signUp(t, 'Alan')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="member-list"]')!;
const row = (person: Person) =>
  document.querySelector<HTMLElement>(`[data-catalyst="member"][data-user-id="${person.id}"]`)!;

describe('MemberList', () => {
  it('lets an owner change roles and remove members; groups show by name', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Members Org');
    await addMember(ada, org, grace, ['member']);
    await addMember(ada, org, alan, ['member']);
    const group = await ada.client.groups.create(org.id, { name: 'Research' });
    if (!group.ok) throw new Error(group.error.message);
    await ada.client.groups.setMember(org.id, group.data.id, grace.id);
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <MemberList />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('loading');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(root().hasAttribute('data-can-manage')).toBe(true);
    expect(document.querySelectorAll('[data-catalyst="member"]')).toHaveLength(3);
    expect(within(row(ada)).getByText('You')).toBeTruthy();
    await waitFor(() => expect(within(row(grace)).getByText('Research')).toBeTruthy());

    const graceRole = screen.getByRole('combobox', { name: 'Role of Grace' }) as HTMLSelectElement;
    expect(graceRole.value).toBe('member');
    // An owner may make owners (org:transfer).
    expect([...graceRole.options].map((o) => o.value)).toEqual(['owner', 'admin', 'member']);
    await user.selectOptions(graceRole, 'admin');
    await waitFor(async () => {
      const members = await ada.client.orgs.listMembers(org.id);
      expect(members.ok && members.data.members.find((m) => m.userId === grace.id)?.roles).toEqual([
        'admin',
      ]);
    });
    await waitFor(() => expect(graceRole.value).toBe('admin'));

    await user.click(screen.getByRole('button', { name: 'Remove Alan' }));
    await waitFor(() =>
      expect(document.querySelectorAll('[data-catalyst="member"]')).toHaveLength(2),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows last_owner when the only owner tries to leave or step down', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Lonely Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <MemberList />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('last_owner');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Ada' }), 'member');
    await waitFor(() =>
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('last_owner'),
    );
    expect((screen.getByRole('combobox', { name: 'Role of Ada' }) as HTMLSelectElement).value).toBe(
      'owner',
    );
  });

  it('hides role pickers and remove buttons from a member, who can still leave', async () => {
    const org = await createOrg(ada, 'Member View Org');
    await addMember(ada, org, grace, ['member']);
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <MemberList />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(root().hasAttribute('data-can-manage')).toBe(false);
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Leave']);
    expect(within(row(ada)).getByText('Owner')).toBeTruthy();
  });

  it('an admin may not make or unmake owners', async () => {
    const org = await createOrg(ada, 'Admin View Org');
    await addMember(ada, org, grace, ['admin']);
    await addMember(ada, org, alan, ['member']);
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <MemberList />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const adaRole = screen.getByRole('combobox', { name: 'Role of Ada' }) as HTMLSelectElement;
    expect(adaRole.disabled).toBe(true);
    const alanRole = screen.getByRole('combobox', { name: 'Role of Alan' }) as HTMLSelectElement;
    expect(alanRole.disabled).toBe(false);
    expect([...alanRole.options].filter((o) => !o.disabled).map((o) => o.value)).toEqual([
      'admin',
      'member',
    ]);
  });

  it('is empty without an org, forbidden signed out, and takes its words from the provider', async () => {
    render(
      <AuthProvider
        client={await clientFor(ada)}
        localization={{ memberList: { noOrg: 'Aucune organisation.' } }}
      >
        <MemberList />
      </AuthProvider>,
    );
    await screen.findByText('Aucune organisation.');
    expect(root().getAttribute('data-state')).toBe('empty');
    cleanup();
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    render(
      <AuthProvider client={client}>
        <MemberList orgId="org_anything" />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('You cannot see the members of this organization.')).toBeTruthy();
  });
});
