import { KeyManager } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession, issuedSecret } from '../fixtures';
import { authHandlers, keyHandlers } from '../handlers';
import { expectState } from '../play';

/** Ada's own API keys: issue one, see its secret once, find it in the list. */
const meta = {
  title: 'Keys/KeyManager',
  component: KeyManager,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession),
        keys: keyHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof KeyManager>;

export default meta;
type Story = StoryObj<typeof meta>;

const names = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="key-name"]')].map((n) => n.textContent);

export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'key-manager', 'ready');
    await expect(manager).toHaveAttribute('data-owner', 'me');
    await expect(within(manager).getByRole('form', { name: 'New API key' })).toBeVisible();
    await expectState(canvasElement, 'key-list', 'ready');
    await expect(names(canvasElement)).toEqual(['CI deploy', 'Reports export', 'Old laptop']);
  },
};

/** The interaction: issue a key, the secret once, Done; the new key is listed by its start. */
export const IssueThenList: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'key-manager', 'ready'));
    const form = within(canvas.getByRole('form', { name: 'New API key' }));
    await userEvent.type(form.getByLabelText('Key name'), 'Nightly');
    await userEvent.selectOptions(form.getByLabelText('Expires'), 'never');
    await userEvent.click(form.getByRole('button', { name: 'Create key' }));
    await expect(await canvas.findByLabelText('Your new API key')).toHaveValue(issuedSecret);
    await waitFor(() => expect(names(canvasElement)).toContain('Nightly'));
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(canvasElement.innerHTML).not.toContain(issuedSecret);
    await expect(canvas.getByText(`${issuedSecret.slice(0, 16)}…`)).toBeVisible();
  },
};

/** An org's keys, for its owner: org permissions are scopes too. */
export const OrgKeys: Story = {
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        keys: keyHandlers.orgEditable(),
      },
    },
  },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'key-manager', 'ready');
    await expect(manager).toHaveAttribute('data-owner', 'org');
    const scopes = within(manager).getByRole('group', { name: 'Scopes' });
    await waitFor(() => expect(scopes).toHaveAttribute('data-state', 'ready'));
    await expect(within(scopes).getByLabelText('members:read')).toBeVisible();
    await expect(within(scopes).queryByLabelText('org:transfer')).toBeNull();
  },
};

/** Forbidden: a plain member of Acme (no `keys:manage`); nothing is asked of the server. */
export const Forbidden: Story = {
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        keys: keyHandlers.orgForbidden,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'key-manager', 'forbidden');
    await expect(
      within(manager).getByText('You do not have permission to manage these API keys.'),
    ).toBeVisible();
    await expect(within(manager).queryByRole('form')).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'key-manager', 'empty');
    await expect(within(canvasElement).getByText('No API keys to show.')).toBeVisible();
    await expect(within(canvasElement).getByRole('form', { name: 'New API key' })).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'key-manager', 'loading');
    await expect(within(canvasElement).getByText('Loading API keys…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { keys: keyHandlers.error } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'key-manager', 'error');
    await expect(within(manager).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};
