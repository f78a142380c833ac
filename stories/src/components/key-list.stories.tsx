import { KeyList } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ada, ciKey, currentSession, rolledSecret } from '../fixtures';
import { authHandlers, keyHandlers } from '../handlers';
import { expectState } from '../play';

/** Ada's API keys: CI deploy and Reports export (active), Old laptop (revoked). */
const meta = {
  title: 'Keys/KeyList',
  component: KeyList,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession),
        keys: keyHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof KeyList>;

export default meta;
type Story = StoryObj<typeof meta>;

const names = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="key-name"]')].map((n) => n.textContent);

const row = (canvasElement: HTMLElement, name: string) =>
  [...canvasElement.querySelectorAll<HTMLElement>('[data-catalyst="key"]')].find(
    (li) => li.querySelector('[data-catalyst="key-name"]')?.textContent === name,
  )!;

/** Populated: name, start, status, scopes, dates; revoke and reroll on active keys. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'key-list', 'ready');
    await expect(names(canvasElement)).toEqual(['CI deploy', 'Reports export', 'Old laptop']);
    const ci = within(row(canvasElement, 'CI deploy'));
    await expect(ci.getByText(`${ciKey.start}…`)).toBeVisible();
    await expect(ci.getByText('reports:read')).toBeVisible();
    await expect(ci.getByRole('button', { name: 'Revoke CI deploy' })).toBeVisible();
    await expect(within(row(canvasElement, 'Reports export')).getAllByText('Never')).toHaveLength(
      2,
    );
  },
};

/** Revoked rows: the status, the reason, and no actions. */
export const RevokedRows: Story = {
  args: { defaultStatus: 'revoked' },
  parameters: { msw: { handlers: { keys: keyHandlers.revoked } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'key-list', 'ready');
    const laptop = row(canvasElement, 'Old laptop');
    await expect(laptop).toHaveAttribute('data-status', 'revoked');
    await expect(within(laptop).getByText('Laptop was replaced')).toBeVisible();
    await expect(within(laptop).queryByRole('button')).toBeNull();
    await expect(within(canvasElement).getByLabelText('Show')).toHaveValue('revoked');
  },
};

/** The interaction: revoke with a reason; the key moves to the revoked ones. */
export const RevokeWithReason: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'key-list', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke CI deploy' }));
    const confirm = canvas.getByRole('form', { name: 'Revoke CI deploy' });
    await expect(within(confirm).getByLabelText('Reason (optional)')).toHaveFocus();
    await userEvent.type(within(confirm).getByLabelText('Reason (optional)'), 'Rotated');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() =>
      expect(row(canvasElement, 'CI deploy')).toHaveAttribute('data-status', 'revoked'),
    );
    await expect(within(row(canvasElement, 'CI deploy')).getByText('Rotated')).toBeVisible();
    await userEvent.selectOptions(canvas.getByLabelText('Show'), 'active');
    await waitFor(() => expect(names(canvasElement)).toEqual(['Reports export']));
  },
};

/** Reroll: the new secret is shown once, with the old one's grace period. */
export const RerollShowsNewSecret: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'key-list', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Reroll the secret of CI deploy' }));
    const confirm = canvas.getByRole('group', { name: 'Reroll the secret of CI deploy' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Reroll secret' }));
    const secret = await canvas.findByLabelText('New secret for CI deploy');
    await expect(secret).toHaveValue(rolledSecret);
    await expect(canvas.getByText(/The previous secret works until/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(canvas.queryByLabelText('New secret for CI deploy')).toBeNull();
    await expect(canvasElement.innerHTML).not.toContain(rolledSecret);
  },
};

/** Paged: "Show more" follows the cursor. */
export const Paged: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.paged } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'key-list', 'ready'));
    await expect(names(canvasElement)).toEqual(['CI deploy', 'Reports export']);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(names(canvasElement)).toHaveLength(3));
    await expect(canvas.queryByRole('button', { name: 'Show more' })).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'key-list', 'empty');
    await expect(within(list).getByText('No API keys to show.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'key-list', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { keys: keyHandlers.error } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'key-list', 'error');
    await expect(within(list).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: signed out, the server answers 401. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, keys: keyHandlers.unauthenticated } },
  },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'key-list', 'forbidden');
    await expect(within(list).getByText('You cannot see these API keys.')).toBeVisible();
  },
};
