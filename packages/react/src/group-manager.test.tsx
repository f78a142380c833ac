import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, GroupManager } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="group-manager"]')!;
const groups = () =>
  [...document.querySelectorAll('[data-catalyst="group-name"]')].map((g) => g.textContent);

describe('GroupManager', () => {
  it('creates, renames and deletes groups; a taken name shows on its field', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Groups Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <GroupManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No groups yet.')).toBeTruthy();
    await user.type(screen.getByLabelText('Group name'), 'Research');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    await waitFor(() => expect(groups()).toEqual(['Research']));
    expect((screen.getByLabelText('Group name') as HTMLInputElement).value).toBe('');

    await user.type(screen.getByLabelText('Group name'), 'Research');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('group_name_taken');
    expect(screen.getByLabelText('Group name').getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Rename Research' }));
    const rename = screen.getByLabelText('New name for Research') as HTMLInputElement;
    expect(document.activeElement).toBe(rename);
    await user.clear(rename);
    await user.type(rename, 'Engines{Enter}');
    await waitFor(() => expect(groups()).toEqual(['Engines']));

    await user.click(screen.getByRole('button', { name: 'Delete Engines' }));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
  });

  it('adds and removes group members', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Group Members Org');
    await addMember(ada, org, grace, ['member']);
    const created = await ada.client.groups.create(org.id, { name: 'Team' });
    if (!created.ok) throw new Error(created.error.message);
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <GroupManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const toggle = screen.getByRole('button', { name: 'Members of Team' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('group', { name: 'Members of Team' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    await waitFor(() => expect(panel.getAttribute('data-state')).toBe('empty'));
    const picker = await within(panel).findByLabelText('Add a member to Team');
    await user.selectOptions(picker, grace.id);
    await user.click(within(panel).getByRole('button', { name: 'Add' }));
    await within(panel).findByRole('button', { name: 'Remove Grace from Team' });
    const members = await ada.client.groups.listMembers(org.id, created.data.id);
    expect(members.ok && members.data.members.map((m) => m.userId)).toEqual([grace.id]);
    await user.click(within(panel).getByRole('button', { name: 'Remove Grace from Team' }));
    await waitFor(() => expect(panel.getAttribute('data-state')).toBe('empty'));
  });

  it('is read-only for a member without groups:manage', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Read Groups Org');
    await addMember(ada, org, grace, ['member']);
    await ada.client.groups.create(org.id, { name: 'Visible' });
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <GroupManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(groups()).toEqual(['Visible']);
    expect(screen.queryByLabelText('Group name')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Rename|^Delete/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Members of Visible' }));
    const panel = screen.getByRole('group', { name: 'Members of Visible' });
    await waitFor(() => expect(panel.getAttribute('data-state')).toBe('empty'));
    expect(within(panel).queryByRole('combobox')).toBeNull();
  });
});
