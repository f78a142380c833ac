import { GroupManager } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, groupHandlers, memberHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's groups (Engineering, Design); Ada is signed in as owner unless a story says. */
const meta = {
  title: 'Orgs/GroupManager',
  component: GroupManager,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        groups: groupHandlers.editable(),
        members: memberHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof GroupManager>;

export default meta;
type Story = StoryObj<typeof meta>;

const names = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="group-name"]')].map((n) => n.textContent);

export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'group-manager', 'ready');
    await expect(names(canvasElement)).toEqual(['Engineering', 'Design']);
    await expect(within(manager).getByRole('button', { name: 'Rename Design' })).toBeVisible();
    await expect(within(manager).getByLabelText('Group name')).toBeVisible();
  },
};

/** Create, rename (inline, Enter saves) and delete. */
export const CreateRenameDelete: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'group-manager', 'ready'));
    await userEvent.type(canvas.getByLabelText('Group name'), 'Research');
    await userEvent.click(canvas.getByRole('button', { name: 'Create group' }));
    await waitFor(() => expect(names(canvasElement)).toContain('Research'));
    await userEvent.click(canvas.getByRole('button', { name: 'Rename Research' }));
    const rename = canvas.getByLabelText('New name for Research');
    await expect(rename).toHaveFocus();
    await userEvent.clear(rename);
    await userEvent.type(rename, 'Analytics{Enter}');
    await waitFor(() => expect(names(canvasElement)).toContain('Analytics'));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete Analytics' }));
    await waitFor(() => expect(names(canvasElement)).toEqual(['Engineering', 'Design']));
  },
};

/** Validation error: `409 group_name_taken` on the name field. */
export const NameTaken: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'group-manager', 'ready'));
    await userEvent.type(canvas.getByLabelText('Group name'), 'Design');
    await userEvent.click(canvas.getByRole('button', { name: 'Create group' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'group_name_taken');
    await expect(canvas.getByLabelText('Group name')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Pending mutation: the create is out. */
export const Creating: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.createPending } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'group-manager', 'ready'));
    await userEvent.type(canvas.getByLabelText('Group name'), 'Research');
    await userEvent.click(canvas.getByRole('button', { name: 'Create group' }));
    const form = canvasElement.querySelector('[data-catalyst="group-create"]')!;
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'pending'));
    await expect(canvas.getByRole('button', { name: 'Create group' })).toBeDisabled();
  },
};

/** A group's members: add one of the org's members, remove one. */
export const ManageMembers: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'group-manager', 'ready'));
    const toggle = canvas.getByRole('button', { name: 'Members of Engineering' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = canvas.getByRole('group', { name: 'Members of Engineering' });
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'));
    const picker = await within(panel).findByLabelText('Add a member to Engineering');
    await userEvent.selectOptions(picker, 'usr_alan');
    await userEvent.click(within(panel).getByRole('button', { name: 'Add' }));
    await expect(
      await within(panel).findByRole('button', {
        name: 'Remove alan@example.com from Engineering',
      }),
    ).toBeVisible();
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Remove Grace Hopper from Engineering' }),
    );
    await waitFor(() =>
      expect(
        within(panel).queryByRole('button', { name: 'Remove Grace Hopper from Engineering' }),
      ).toBeNull(),
    );
  },
};

/** Permission-limited: a member without `groups:manage` sees groups and members, no controls. */
export const MemberView: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        groups: [...groupHandlers.populated, ...groupHandlers.members],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'group-manager', 'ready');
    const canvas = within(manager);
    await expect(manager).not.toHaveAttribute('data-can-manage');
    await expect(canvas.queryByLabelText('Group name')).toBeNull();
    await expect(canvas.queryByRole('button', { name: /^(Rename|Delete)/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Members of Engineering' }));
    const panel = canvas.getByRole('group', { name: 'Members of Engineering' });
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'));
    await expect(within(panel).queryByRole('button')).toBeNull();
  },
};

/** Empty: no groups yet; the create form is there. */
export const Empty: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'group-manager', 'empty');
    await expect(within(manager).getByText('No groups yet.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'group-manager', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { groups: groupHandlers.error } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'group-manager', 'error');
    await expect(within(manager).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

export const Forbidden: Story = {
  parameters: { msw: { handlers: { groups: groupHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'group-manager', 'forbidden');
    await expect(
      within(manager).getByText('You cannot see the groups of this organization.'),
    ).toBeVisible();
    await expect(within(manager).queryByLabelText('Group name')).toBeNull();
  },
};
