import { createAuthClient, type MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import {
  AuthProvider,
  CreateOrg,
  GroupManager,
  InviteMember,
  MemberList,
  OrgProfileForm,
  OrgSwitcher,
  RoleManager,
  SignIn,
  SignUp,
  WebhookManager,
  AuditViewer,
} from './index.js';

afterEach(cleanup);

/** A client whose server always answers a field error, so the error state can be audited too. */
const failingClient = () =>
  createAuthClient({
    baseUrl: 'http://localhost',
    fetch: async () =>
      new Response(
        JSON.stringify({
          code: 'invalid_request',
          field: 'email',
          detail: 'email: must be a valid email address',
        }),
        {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        },
      ),
  });

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility (axe)', () => {
  it.each([
    ['SignIn', () => <SignIn />],
    ['SignUp', () => <SignUp />],
  ])('%s has no violations, before and after a field error', async (_name, form) => {
    const { container } = render(
      <AuthProvider client={failingClient()} initialSession={null}>
        {form()}
      </AuthProvider>,
    );
    expect(await violations(container)).toEqual([]);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'x');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button', { name: /^(Sign in|Create account)$/ }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await violations(container)).toEqual([]);
  });
});

describe('accessibility of the org components (axe, ready state)', () => {
  let t: TestInstance;
  let ada: Person;
  let org: MyOrg;

  beforeAll(async () => {
    t = await createTestInstance({ webhookAllowedNetworks: ['127.0.0.1/32'] });
    ada = await signUp(t, 'Ada');
    const grace = await signUp(t, 'Grace');
    org = await createOrg(ada, 'Axe Org');
    await addMember(ada, org, grace, ['member']);
    const group = await ada.client.groups.create(org.id, { name: 'Axe Team' });
    if (group.ok) await ada.client.groups.setMember(org.id, group.data.id, grace.id);
    await ada.client.roles.create(org.id, { name: 'auditor', permissions: ['audit:read'] });
    // Never delivered here (nothing runs the worker): it only needs to be listed.
    await ada.client.webhooks.org(org.id).create({ url: 'http://127.0.0.1:9/hook', events: ['*'] });
  });
  afterAll(() => t.close());

  it.each([
    ['CreateOrg', () => <CreateOrg />, 'create-org', 'idle'],
    ['OrgSwitcher', () => <OrgSwitcher />, 'org-switcher', 'ready'],
    ['OrgProfileForm', () => <OrgProfileForm />, 'org-profile', 'ready'],
    ['MemberList', () => <MemberList />, 'member-list', 'ready'],
    ['InviteMember', () => <InviteMember />, 'invite-member', 'ready'],
    ['GroupManager', () => <GroupManager />, 'group-manager', 'ready'],
    ['RoleManager', () => <RoleManager />, 'role-manager', 'ready'],
    ['WebhookManager', () => <WebhookManager />, 'webhook-manager', 'ready'],
    ['AuditViewer', () => <AuditViewer />, 'audit-viewer', 'ready'],
  ])('%s has no violations', async (_name, component, part, state) => {
    const { container } = render(
      <AuthProvider client={await clientFor(ada, { org })}>{component()}</AuthProvider>,
    );
    await waitFor(() =>
      expect(container.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state')).toBe(
        state,
      ),
    );
    expect(await violations(container)).toEqual([]);
  });

  it('OrgSwitcher’s open menu and GroupManager’s members panel have no violations', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <OrgSwitcher />
        <GroupManager />
      </AuthProvider>,
    );
    await waitFor(() =>
      expect(
        container.querySelector('[data-catalyst="group-manager"]')?.getAttribute('data-state'),
      ).toBe('ready'),
    );
    await user.click(screen.getByRole('button', { name: 'Axe Org' }));
    await user.click(screen.getByRole('button', { name: 'Members of Axe Team' }));
    await waitFor(() =>
      expect(
        container.querySelector('[data-catalyst="group-members"]')?.getAttribute('data-state'),
      ).toBe('ready'),
    );
    // Opening the panel closed the menu (focus left it): open it again for the audit.
    await user.click(screen.getByRole('button', { name: 'Axe Org' }));
    expect(screen.getByRole('menu')).toBeTruthy();
    expect(await violations(container)).toEqual([]);
  });

  it('WebhookManager with a secret, a confirmation, deliveries, attempts and replay open has no violations', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <WebhookManager />
      </AuthProvider>,
    );
    const url = 'http://127.0.0.1:9/hook';
    await user.click(await screen.findByRole('button', { name: `Send test event to ${url}` }));
    const row = await waitFor(() => {
      const found = container.querySelector<HTMLElement>('[data-catalyst="webhook-delivery"]');
      expect(found).not.toBeNull();
      return found!;
    });
    await user.click(within(row).getByRole('button', { name: /^Attempts of / }));
    await user.click(screen.getByRole('button', { name: `Replay events to ${url}` }));
    await user.click(screen.getByRole('button', { name: `Delete ${url}` }));
    await user.click(screen.getByRole('button', { name: `Rotate secret of ${url}` }));
    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    await screen.findByLabelText(`New signing secret for ${url}`);
    // The create form with a field error in the picker.
    await user.type(screen.getByLabelText('Endpoint URL'), 'http://127.0.0.1:9/other');
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByText('Choose at least one event.');
    expect(await violations(container)).toEqual([]);
  });
});
