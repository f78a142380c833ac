import { RoleManager } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, roleHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's roles: the built-ins and a custom `billing`; Ada is its owner unless a story says. */
const meta = {
  title: 'Orgs/RoleManager',
  component: RoleManager,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        roles: roleHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof RoleManager>;

export default meta;
type Story = StoryObj<typeof meta>;

const role = (canvasElement: HTMLElement, name: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-catalyst="role"][data-role="${name}"]`);
const permissionsOf = (element: HTMLElement) =>
  [...element.querySelectorAll('[data-catalyst="role-permission"]')].map((p) => p.textContent);

/** Built-in roles are read-only; the custom one can be edited or deleted. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'role-manager', 'ready');
    await expect(within(role(canvasElement, 'owner')!).getByText('All permissions')).toBeVisible();
    await expect(within(role(canvasElement, 'admin')!).queryByRole('button')).toBeNull();
    await expect(
      within(role(canvasElement, 'billing')!).getByRole('button', { name: 'Edit billing' }),
    ).toBeVisible();
  },
};

/** Create a role with permissions, then change them. */
export const CreateAndEdit: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    const form = within(canvas.getByRole('form', { name: 'New role' }));
    await userEvent.type(form.getByLabelText('Role name'), 'support');
    await userEvent.click(form.getByLabelText('members:read'));
    await userEvent.click(form.getByLabelText('audit:read'));
    await userEvent.click(form.getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(role(canvasElement, 'support')).not.toBeNull());
    await expect(permissionsOf(role(canvasElement, 'support')!)).toEqual([
      'audit:read',
      'members:read',
    ]);
    await userEvent.click(canvas.getByRole('button', { name: 'Edit support' }));
    const edit = within(canvas.getByRole('form', { name: 'Edit support' }));
    await userEvent.click(edit.getByLabelText('audit:read'));
    await userEvent.click(edit.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(permissionsOf(role(canvasElement, 'support')!)).toEqual(['members:read']),
    );
  },
};

/** Validation error: `409 role_exists` on the name field. */
export const RoleExists: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    const form = within(canvas.getByRole('form', { name: 'New role' }));
    await userEvent.type(form.getByLabelText('Role name'), 'billing');
    await userEvent.click(form.getByLabelText('audit:read'));
    await userEvent.click(form.getByRole('button', { name: 'Create role' }));
    await expect(await form.findByRole('alert')).toHaveAttribute('data-code', 'role_exists');
    await expect(form.getByLabelText('Role name')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Pending mutation: the create is out; the form is disabled. */
export const Creating: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.createPending } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    const formElement = canvas.getByRole('form', { name: 'New role' });
    const form = within(formElement);
    await userEvent.type(form.getByLabelText('Role name'), 'support');
    await userEvent.click(form.getByLabelText('audit:read'));
    await userEvent.click(form.getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(formElement).toHaveAttribute('data-state', 'pending'));
    await expect(form.getByRole('button', { name: 'Create role' })).toBeDisabled();
  },
};

/**
 * Permission-limited: an admin cannot grant `org:delete` or `org:transfer` (they do not hold
 * them): those boxes are disabled, and say why. Should the server still refuse (403), the form
 * shows its error.
 */
export const AdminLimited: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin),
        roles: roleHandlers.createRefused,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    const form = within(canvas.getByRole('form', { name: 'New role' }));
    await expect(form.getByLabelText('org:transfer')).toBeDisabled();
    await expect(form.getByLabelText('org:delete')).toBeDisabled();
    await expect(form.getByLabelText('org:delete')).toHaveAccessibleDescription(/do not hold/);
    await userEvent.type(form.getByLabelText('Role name'), 'auditor');
    await userEvent.click(form.getByLabelText('audit:read'));
    await userEvent.click(form.getByRole('button', { name: 'Create role' }));
    const alert = await form.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'forbidden');
    await expect(alert).toHaveTextContent('you cannot grant permissions you do not hold');
  },
};

/** Permission-limited: a member reads the roles; no forms, no buttons. */
export const MemberView: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'role-manager', 'ready');
    await expect(within(manager).queryByRole('form')).toBeNull();
    await expect(within(manager).queryAllByRole('button')).toHaveLength(0);
  },
};

/** A role still held by members cannot be deleted (`409 role_in_use`). */
export const DeleteInUse: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.deleteInUse } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete billing' }));
    await expect(await canvas.findByRole('alert')).toHaveAttribute('data-code', 'role_in_use');
    await expect(role(canvasElement, 'billing')).not.toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'role-manager', 'loading');
  },
};

/** Empty: no org is active. */
export const Empty: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'role-manager', 'empty');
    await expect(within(manager).getByText('No organization selected.')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { roles: roleHandlers.error } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'role-manager', 'error');
    await expect(within(manager).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: the server refuses the list (`401`). */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { roles: roleHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'role-manager', 'forbidden');
    await expect(
      within(manager).getByText('You cannot see the roles of this organization.'),
    ).toBeVisible();
  },
};

/** With `@catalyst/react/styles.css`, as an admin (disabled permissions): axe checks contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin) } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'role-manager', 'ready'));
    await expect(canvas.getByRole('form', { name: 'New role' })).toBeVisible();
  },
};
