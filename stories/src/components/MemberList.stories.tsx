import { MemberList } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, groupHandlers, memberHandlers, roleHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's members: Ada (owner, signed in), Grace (admin), Alan (member). */
const meta = {
  title: 'Orgs/MemberList',
  component: MemberList,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        members: memberHandlers.populated,
        groups: groupHandlers.populated,
        roles: roleHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof MemberList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rows = (canvasElement: HTMLElement) =>
  canvasElement.querySelectorAll('[data-catalyst="member"]');

/** An owner sees a role picker and a remove button on every row; groups by name. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'ready');
    const canvas = within(list);
    await expect(rows(canvasElement)).toHaveLength(3);
    await expect(canvas.getByText('You')).toBeVisible();
    await expect(await canvas.findAllByText('Engineering')).toHaveLength(2);
    await expect(canvas.getByRole('combobox', { name: 'Role of Grace Hopper' })).toHaveValue(
      'admin',
    );
    await expect(canvas.getByRole('button', { name: 'Remove alan@example.com' })).toBeEnabled();
  },
};

/** Changing a role sticks (the list reloads from the server). */
export const ChangeRole: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'member-list', 'ready'));
    const alan = canvas.getByRole('combobox', { name: 'Role of alan@example.com' });
    await userEvent.selectOptions(alan, 'admin');
    await waitFor(() => expect(alan).toHaveValue('admin'));
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

export const Remove: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'member-list', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove alan@example.com' }));
    await waitFor(() => expect(rows(canvasElement)).toHaveLength(2));
  },
};

/** Pending mutation: the removal is out; that row's button is disabled. */
export const Removing: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.changesPending } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'member-list', 'ready'));
    const remove = canvas.getByRole('button', { name: 'Remove alan@example.com' });
    await userEvent.click(remove);
    await waitFor(() => expect(remove).toHaveAttribute('data-state', 'pending'));
    await expect(remove).toBeDisabled();
  },
};

/** The last owner can neither leave nor step down: the server's `409 last_owner` is shown. */
export const LastOwner: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.soleOwner() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'member-list', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Leave' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'last_owner');
    await expect(alert).toHaveTextContent('transfer ownership first');
  },
};

/** Permission-limited: a member sees the list, no role pickers, and can only leave. */
export const MemberView: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'ready');
    await expect(list).not.toHaveAttribute('data-can-manage');
    const canvas = within(list);
    await expect(canvas.queryAllByRole('combobox')).toHaveLength(0);
    await expect(canvas.getAllByRole('button').map((b) => b.textContent)).toEqual(['Leave']);
    await expect(canvas.getByText('Owner')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'member-list', 'loading');
  },
};

/** Empty: no org is active. */
export const Empty: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'empty');
    await expect(within(list).getByText('No organization selected.')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { members: memberHandlers.error } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'error');
    await expect(within(list).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: the server refuses the list (`403`, no `members:read`). */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { members: memberHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'forbidden');
    await expect(
      within(list).getByText('You cannot see the members of this organization.'),
    ).toBeVisible();
    await expect(within(list).queryByRole('alert')).toBeNull();
  },
};

/** With `@catalyst/react/styles.css` (the `theme` toolbar): axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'member-list', 'ready');
    await expect(await within(list).findAllByText('Engineering')).toHaveLength(2);
    await expect(getComputedStyle(list).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
