import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, InviteMember } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the dev mailbox's notes
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="invite-member"]')!;

describe('InviteMember', () => {
  it('invites by email with roles', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Invite Org');
    const onInvited = vi.fn();
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <InviteMember onInvited={onInvited} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const form = screen.getByRole('form', { name: 'Invite by email' });
    await user.type(within(form).getByLabelText('Email address'), 'new@example.com');
    await waitFor(() => expect(within(form).getByLabelText('Admin')).toBeTruthy());
    expect((within(form).getByLabelText('Member') as HTMLInputElement).checked).toBe(true);
    await user.click(within(form).getByLabelText('Admin'));
    await user.click(within(form).getByLabelText('Member'));
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(onInvited).toHaveBeenCalledTimes(1));
    expect(onInvited.mock.calls[0]![0]).toMatchObject({
      email: 'new@example.com',
      roles: ['admin'],
      status: 'pending',
    });
    expect(within(form).getByRole('status').textContent).toBe(
      'Invitation sent to new@example.com.',
    );
    expect((within(form).getByLabelText('Email address') as HTMLInputElement).value).toBe('');
  });

  it('shows an invalid email on its field', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Bad Email Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <InviteMember />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const form = screen.getByRole('form', { name: 'Invite by email' });
    await user.type(within(form).getByLabelText('Email address'), 'not-an-email');
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    const input = within(form).getByLabelText('Email address');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(form.getAttribute('data-state')).toBe('error');
  });

  it('creates an invite link, shows it once and copies it', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Link Org');
    const onLinkCreated = vi.fn();
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <InviteMember onLinkCreated={onLinkCreated} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const form = screen.getByRole('form', { name: 'Invite link' });
    await user.type(within(form).getByLabelText('Maximum uses (empty: unlimited)'), '5');
    await user.selectOptions(within(form).getByLabelText('Expires after'), '30d');
    await user.click(within(form).getByRole('button', { name: 'Create invite link' }));
    await waitFor(() => expect(onLinkCreated).toHaveBeenCalledTimes(1));
    const created = onLinkCreated.mock.calls[0]![0];
    expect(created).toMatchObject({ maxUses: 5, roles: ['member'] });
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const url = screen.getByLabelText('Link to share') as HTMLInputElement;
    expect(url.value).toBe(created.url);
    expect(url.readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Copy link' }).getAttribute('data-state')).toBe(
        'copied',
      ),
    );
    expect(await navigator.clipboard.readText()).toBe(created.url);
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Link to share')).toBeNull();
  });

  it('is forbidden for a member without invitations:manage', async () => {
    const org = await createOrg(ada, 'No Invite Org');
    await addMember(ada, org, grace, ['member']);
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <InviteMember />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText(/invitations:manage/)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('asks the effective identity for another org than the active one', async () => {
    const active = await createOrg(ada, 'Active One');
    const other = await createOrg(ada, 'Other One');
    render(
      <AuthProvider client={await clientFor(ada, { org: active })}>
        <InviteMember orgId={other.id} />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('loading');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
  });
});
