import { OrgAdminPanel } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import {
  adminSession,
  auditHandlers,
  authHandlers,
  directoryHandlers,
  domainHandlers,
  groupHandlers,
  memberHandlers,
  orgAdminHandlers,
  planHandlers,
  roleHandlers,
  ssoSettingsHandlers,
} from '../handlers';
import { expectState } from '../play';

/**
 * Acme administered in one panel; Ada is signed in with Acme active, as its owner unless a story
 * says. Only the open tab loads: each tab's handlers are here, for the stories that open it.
 */
const meta = {
  title: 'Orgs/OrgAdminPanel',
  component: OrgAdminPanel,
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        org: orgAdminHandlers.org(),
        members: memberHandlers.editable(),
        groups: groupHandlers.editable(),
        roles: roleHandlers.populated,
        plan: planHandlers.editable(),
        domains: domainHandlers.editable(),
        sso: ssoSettingsHandlers.connected(),
        directory: directoryHandlers.connected(),
        audit: auditHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof OrgAdminPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const ALL = [
  'Profile',
  'Members',
  'Roles',
  'Groups',
  'Plan',
  'Invitations',
  'Domains',
  'Single sign-on',
  'Directory',
  'API keys',
  'Webhooks',
  'Audit log',
];
const tabNames = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .getAllByRole('tab')
    .map((tab) => tab.textContent);
const part = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement)
    .getByRole('tabpanel')
    .querySelector<HTMLElement>(`[data-catalyst="${name}"]`);

/** The owner: every tab; the profile (with the logo) is open; ← → Home End move between tabs. */
export const Owner: Story = {
  args: { onTabChange: fn() },
  play: async ({ canvasElement, args }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(panel).toHaveAttribute('data-access', 'member');
    await expect(within(panel).getByText('Acme Inc')).toBeVisible();
    await expect(tabNames(canvasElement)).toEqual(ALL);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('tablist')).toHaveAccessibleName('Administration of Acme Inc');
    await expectState(canvasElement, 'org-profile', 'ready');
    await expectState(canvasElement, 'logo-uploader', 'ready');

    canvas.getByRole('tab', { name: 'Profile' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    const members = canvas.getByRole('tab', { name: 'Members' });
    await expect(members).toHaveFocus();
    await expect(members).toHaveAttribute('aria-selected', 'true');
    await expect(args.onTabChange).toHaveBeenCalledWith('members');
    await expectState(canvasElement, 'member-list', 'ready');
    await userEvent.keyboard('{End}');
    await expect(canvas.getByRole('tab', { name: 'Audit log' })).toHaveFocus();
    await expectState(canvasElement, 'audit-viewer', 'ready');
    await userEvent.keyboard('{Home}{ArrowLeft}');
    await expect(canvas.getByRole('tab', { name: 'Audit log' })).toHaveFocus();
  },
};

/** The tabs built for this issue: the plan with its labels, and the domains. */
export const PlanAndDomains: Story = {
  args: { defaultTab: 'plan' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expectState(canvasElement, 'org-plan', 'ready');
    await expect(part(canvasElement, 'org-plan')).toHaveAttribute('data-can-edit');
    await userEvent.click(within(canvasElement).getByRole('tab', { name: 'Domains' }));
    await expectState(canvasElement, 'domain-manager', 'ready');
    await expect(
      within(canvasElement).getByRole('group', { name: 'TXT record for labs.acme.example' }),
    ).toBeVisible();
  },
};

/** The single sign-on tab (its code loads when it opens): the provider, then its claim rules. */
export const SingleSignOn: Story = {
  args: { defaultTab: 'sso' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(
      within(canvasElement).getByRole('tab', { name: 'Single sign-on' }),
    ).toHaveAttribute('aria-selected', 'true');
    await expectState(canvasElement, 'sso-settings', 'ready');
    await expectState(canvasElement, 'claim-mapping', 'ready');
    await expect(within(canvasElement).getByRole('group', { name: 'Redirect URI' })).toBeVisible();
  },
};

/** The directory tab (its code loads when it opens): Acme's Authentik and its last run. */
export const Directory: Story = {
  args: { defaultTab: 'directory' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(within(canvasElement).getByRole('tab', { name: 'Directory' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expectState(canvasElement, 'directory-settings', 'ready');
    await expect(within(canvasElement).getByRole('group', { name: 'Sync status' })).toBeVisible();
  },
};

/** An org admin (not an owner): no "Single sign-on" or "Directory" tab, even when asked for. */
export const AdminSingleSignOn: Story = {
  args: { defaultTab: 'sso' },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(tabNames(canvasElement)).not.toContain('Single sign-on');
    await expect(tabNames(canvasElement)).not.toContain('Directory');
    await expect(canvasElement.querySelector('[data-catalyst="sso-settings"]')).toBeNull();
    await expect(canvasElement.querySelector('[data-catalyst="claim-mapping"]')).toBeNull();
  },
};

/** Permission-limited: a member sees profile, members, roles, groups and plan, read-only. */
export const MemberView: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(tabNames(canvasElement)).toEqual([
      'Profile',
      'Members',
      'Roles',
      'Groups',
      'Plan',
    ]);
    const form = await expectState(canvasElement, 'org-profile', 'ready');
    await expect(form).toHaveAttribute('data-readonly');
    await expect(canvasElement.querySelector('[data-catalyst="logo-uploader"]')).toBeNull();
  },
};

/** A platform admin who is not in Acme: told so, every tab, and the profile can be changed. */
export const PlatformAdmin: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: [adminSession(['admin'])],
        me: orgAdminHandlers.notMember,
        org: orgAdminHandlers.org(),
      },
    },
  },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(panel).toHaveAttribute('data-access', 'platform-admin');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('note')).toHaveTextContent('platform admin');
    await expect(tabNames(canvasElement)).toEqual(ALL);
    const name = await canvas.findByLabelText('Name');
    await waitFor(() => expect(name).toBeEnabled());
    await userEvent.clear(name);
    await userEvent.type(name, 'Acme Holdings');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await expect(await canvas.findByText('Saved.')).toBeVisible();
    await waitFor(() =>
      expect(canvas.getByRole('tablist')).toHaveAccessibleName('Administration of Acme Holdings'),
    );
  },
};

/** Platform support, not in Acme: the readable tabs (audit included), all read-only. */
export const PlatformSupport: Story = {
  parameters: {
    msw: { handlers: { auth: [adminSession(['support'])], me: orgAdminHandlers.notMember } },
  },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(panel).toHaveAttribute('data-access', 'platform-support');
    await expect(tabNames(canvasElement)).toEqual([
      'Profile',
      'Members',
      'Roles',
      'Groups',
      'Plan',
      'Audit log',
    ]);
    await expect(await expectState(canvasElement, 'org-profile', 'ready')).toHaveAttribute(
      'data-readonly',
    );
    await userEvent.click(within(canvasElement).getByRole('tab', { name: 'Members' }));
    const list = await expectState(canvasElement, 'member-list', 'ready');
    await expect(within(list).queryAllByRole('combobox')).toHaveLength(0);
  },
};

/** `tabs` and `defaultTab`: only the tabs asked for, in that order. */
export const ChosenTabs: Story = {
  args: { tabs: ['domains', 'members', 'plan'], defaultTab: 'members' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expect(tabNames(canvasElement)).toEqual(['Domains', 'Members', 'Plan']);
    await expect(within(canvasElement).getByRole('tab', { name: 'Members' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expectState(canvasElement, 'member-list', 'ready');
  },
};

/** Neither a member nor platform staff: the server answers 404, the panel is forbidden. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), org: orgAdminHandlers.outsider } },
  },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'forbidden');
    await expect(within(panel).getByText('You cannot administer this organization.')).toBeVisible();
    await expect(within(panel).queryByRole('tablist')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { org: orgAdminHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-admin-panel', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { org: orgAdminHandlers.error } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'error');
    await expect(within(panel).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** No org given and none active. */
export const NoOrg: Story = {
  args: { orgId: null },
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), org: [] } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'empty');
    await expect(within(panel).getByText('No organization selected.')).toBeVisible();
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-admin-panel', 'ready');
    await expectState(canvasElement, 'org-profile', 'ready');
    await expect(getComputedStyle(panel).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
