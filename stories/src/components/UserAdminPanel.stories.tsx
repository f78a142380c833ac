import { UserAdminPanel } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { adminUsers, edsgerUser, graceUser, joanUser } from '../admin-fixtures';
import { adminHandlers, adminSession } from '../handlers';
import { expectState } from '../play';

/** The platform's users, seen by Ada, a platform admin. */
const meta = {
  title: 'Admin/UserAdminPanel',
  component: UserAdminPanel,
  parameters: {
    msw: {
      handlers: { auth: [adminSession(['admin'])], admin: adminHandlers.populated() },
    },
  },
} satisfies Meta<typeof UserAdminPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const emails = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="user-admin-open"]')].map(
    (b) => b.textContent,
  );

const row = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(
    `[data-catalyst="user-admin-row"][data-user-id="${id}"]`,
  )!;

/** Every user, newest first; a click on "Email" sorts A→Z on the server (`aria-sort`). */
export const Populated: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'user-admin-panel', 'ready');
    await expect(panel).toHaveAttribute('data-access', 'admin');
    await expect(emails(canvasElement)).toEqual(adminUsers.map((u) => u.email));
    const canvas = within(canvasElement);
    const header = canvas.getByRole('columnheader', { name: 'Email' });
    await userEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(() =>
      expect(emails(canvasElement)).toEqual(adminUsers.map((u) => u.email).sort()),
    );
    await expect(row(canvasElement, 'usr_mallory')).toHaveAttribute('data-banned');
  },
};

/** The search and a filter chip narrow the list; the label filter shows as a removable chip. */
export const SearchAndFilters: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    const canvas = within(canvasElement);
    const filters = within(canvas.getByRole('group', { name: 'Filters' }));
    await userEvent.click(filters.getByRole('button', { name: 'Banned' }));
    await waitFor(() =>
      expect(emails(canvasElement)).toEqual(['trudy@example.net', 'mallory@spam.example']),
    );
    await userEvent.click(filters.getByRole('button', { name: 'Clear filters' }));
    await userEvent.click(
      within(row(canvasElement, graceUser.id)).getByRole('button', {
        name: 'Show users labelled vip',
      }),
    );
    await waitFor(() => expect(emails(canvasElement)).toEqual([joanUser.email, graceUser.email]));
    await expect(filters.getByText('Label: vip')).toBeVisible();
    const search = within(canvas.getByRole('search', { name: 'Search users' }));
    await userEvent.type(search.getByLabelText('Email, name or user ID'), 'joan');
    await userEvent.click(search.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(emails(canvasElement)).toEqual([joanUser.email]));
  },
};

/** Three a page: "Next" follows the server's cursor, "Previous" goes back. */
export const Paged: Story = {
  args: { pageSize: 3 },
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    const pages = within(within(canvasElement).getByRole('navigation', { name: 'Pages' }));
    await expect(emails(canvasElement)).toEqual(adminUsers.slice(0, 3).map((u) => u.email));
    await userEvent.click(pages.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(emails(canvasElement)).toEqual(adminUsers.slice(3, 6).map((u) => u.email)),
    );
    await expect(pages.getByText('Page 2')).toBeVisible();
    await userEvent.click(pages.getByRole('button', { name: 'Previous' }));
    await waitFor(() =>
      expect(emails(canvasElement)).toEqual(adminUsers.slice(0, 3).map((u) => u.email)),
    );
  },
};

/** Grace's drawer: profile first, then her second factors and activity. */
export const DrawerOpen: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    await userEvent.click(
      within(row(canvasElement, graceUser.id)).getByRole('button', {
        name: `Open ${graceUser.email}`,
      }),
    );
    const canvas = within(canvasElement);
    const drawer = await canvas.findByRole('dialog', { name: 'Grace Hopper' });
    await waitFor(() => expect(drawer).toHaveAttribute('data-state', 'ready'));
    const tabs = within(within(drawer).getByRole('tablist', { name: 'User details' }));
    await expect(tabs.getAllByRole('tab')).toHaveLength(7);
    await expect(within(drawer).getByRole('group', { name: 'Actions' })).toBeVisible();
    await userEvent.click(tabs.getByRole('tab', { name: 'Second factors' }));
    const panel = within(within(drawer).getByRole('tabpanel'));
    await expect(panel.getByText('MacBook Touch ID')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Reset second factors' })).toBeVisible();
    await userEvent.click(tabs.getByRole('tab', { name: 'Activity' }));
    await expect(within(drawer).getByRole('tabpanel')).toHaveTextContent('key.revoked');
  },
};

/**
 * Grace's profile tab: an admin sets her language, time zone and a custom field
 * (`profileFields`), with the server's refusal of a bad time zone shown on its input first.
 */
export const ProfileEdit: Story = {
  name: 'Profile edit',
  args: { profileFields: { team: { label: 'Team', type: 'string' } } },
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    await userEvent.click(
      within(row(canvasElement, graceUser.id)).getByRole('button', { name: /^Open/ }),
    );
    const drawer = await within(canvasElement).findByRole('dialog', { name: 'Grace Hopper' });
    const form = await waitFor(() => {
      const found = drawer.querySelector<HTMLElement>('[data-catalyst="user-profile-form"]');
      expect(found).toHaveAttribute('data-state', 'ready');
      return within(found!);
    });
    await userEvent.type(form.getByLabelText('Time zone'), 'mars');
    await userEvent.click(form.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(form.getByLabelText('Time zone')).toHaveAttribute('aria-invalid'));
    await userEvent.clear(form.getByLabelText('Time zone'));
    await userEvent.type(form.getByLabelText('Time zone'), 'America/New_York');
    await userEvent.type(form.getByLabelText('Language'), 'en-US');
    await userEvent.type(form.getByLabelText('Team'), 'Compilers');
    await userEvent.click(form.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(form.getByText('Saved.')).toBeVisible());
    await expect(form.getByLabelText('Team')).toHaveValue('Compilers');
  },
};

/** Two users selected: the bulk bar bans both after its confirm step. */
export const BulkSelection: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    for (const user of [edsgerUser, joanUser]) {
      await userEvent.click(
        within(row(canvasElement, user.id)).getByRole('checkbox', { name: `Select ${user.email}` }),
      );
    }
    const bar = within(within(canvasElement).getByRole('region', { name: 'Bulk actions' }));
    await expect(bar.getByText('2 selected')).toBeVisible();
    await userEvent.click(bar.getByRole('button', { name: 'Ban' }));
    const confirm = within(
      bar.getByRole('form', { name: 'Ban 2 users? Their sessions end at once.' }),
    );
    await userEvent.type(confirm.getByLabelText('Reason (optional)'), 'Fraud ring');
    await userEvent.click(confirm.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(bar.getByRole('status')).toHaveTextContent('2 done, 0 failed.'));
    await waitFor(() => expect(row(canvasElement, edsgerUser.id)).toHaveAttribute('data-banned'));
    await expect(row(canvasElement, joanUser.id)).toHaveAttribute('data-banned');
  },
};

/** Impersonation: the session switches to Grace's, and the app is told. */
export const Impersonate: Story = {
  args: { onImpersonate: fn() },
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ args, canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'ready');
    await userEvent.click(
      within(row(canvasElement, graceUser.id)).getByRole('button', { name: /^Open/ }),
    );
    const drawer = await within(canvasElement).findByRole('dialog', { name: 'Grace Hopper' });
    await userEvent.click(await within(drawer).findByRole('button', { name: 'Impersonate' }));
    await waitFor(() => expect(args.onImpersonate).toHaveBeenCalledTimes(1));
    // Now signed in as Grace, who holds no platform role.
    await expectState(canvasElement, 'user-admin-panel', 'forbidden');
  },
};

/** Support staff: the same users and drawer, and not one write control. */
export const Support: Story = {
  name: 'Support (read-only)',
  parameters: {
    msw: { handlers: { auth: [adminSession(['support'])], admin: adminHandlers.populated() } },
  },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'user-admin-panel', 'ready');
    await expect(panel).toHaveAttribute('data-access', 'support');
    const canvas = within(canvasElement);
    await expect(canvas.queryAllByRole('checkbox')).toEqual([]);
    await userEvent.click(
      within(row(canvasElement, graceUser.id)).getByRole('button', { name: /^Open/ }),
    );
    const drawer = await canvas.findByRole('dialog', { name: 'Grace Hopper' });
    await waitFor(() => expect(drawer).toHaveAttribute('data-state', 'ready'));
    await expect(within(drawer).queryByRole('group', { name: 'Actions' })).toBeNull();
    // The profile reads, every control disabled; no upload input.
    await waitFor(() =>
      expect(drawer.querySelector('[data-catalyst="user-profile-form"]')).toHaveAttribute(
        'data-state',
        'ready',
      ),
    );
    await expect(within(drawer).getByRole('button', { name: 'Save profile' })).toBeDisabled();
    await expect(within(drawer).getByLabelText('Time zone')).toBeDisabled();
    await userEvent.click(within(drawer).getByRole('tab', { name: 'Labels & roles' }));
    await expect(within(drawer).queryByRole('form')).toBeNull();
    await expect(within(drawer).getByRole('tabpanel')).toHaveTextContent('beta, vip');
  },
};

/** No platform role: nothing is asked of the server, only the reason shown. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: [adminSession([])], admin: adminHandlers.forbidden } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'forbidden');
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText('You need a platform role (admin or support) to see the users.'),
    ).toBeVisible();
    await expect(canvas.queryByRole('search')).toBeNull();
    await expect(canvas.queryByRole('table')).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-admin-panel', 'empty');
    await expect(within(canvasElement).getByText('No users yet.')).toBeVisible();
    await expect(within(canvasElement).queryByRole('table')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.loading } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'user-admin-panel', 'loading');
    await expect(panel).toHaveAttribute('aria-busy', 'true');
    await expect(within(canvasElement).getByText('Loading users…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { admin: adminHandlers.error } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'user-admin-panel', 'error');
    await expect(within(panel).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};
