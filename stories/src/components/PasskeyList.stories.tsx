import { PasskeyList } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { GOOD_CODE, keyPasskey, laptopPasskey } from '../account-fixtures';
import { authHandlers, passkeyHandlers } from '../handlers';
import { expectState } from '../play';

/** Ada's passkeys: renamed inline, removed after a confirmation (and a step-up when asked). */
const meta = {
  title: 'Account security/PasskeyList',
  component: PasskeyList,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), passkeys: passkeyHandlers.populated() } },
  },
} satisfies Meta<typeof PasskeyList>;

export default meta;
type Story = StoryObj<typeof meta>;

const names = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="passkey-name"]')].map((n) => n.textContent);

const remove = async (canvasElement: HTMLElement, name: string) => {
  const canvas = within(canvasElement);
  await expectState(canvasElement, 'passkey-list', 'ready');
  await userEvent.click(canvas.getByRole('button', { name: `Remove ${name}` }));
  const confirm = canvas.getByRole('group', { name: `Remove ${name}` });
  await userEvent.click(within(confirm).getByRole('button', { name: 'Remove passkey' }));
  return confirm;
};

export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'passkey-list', 'ready');
    const list = within(canvasElement).getByRole('list', { name: 'Your passkeys' });
    await expect(names(canvasElement)).toEqual([laptopPasskey.name, keyPasskey.name]);
    await expect(within(list).getByText('Synced')).toBeVisible();
    await expect(within(list).getByText('This device only')).toBeVisible();
    await expect(within(list).getByText('Never used')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'passkey-list', 'empty');
    await expect(within(canvasElement).getByText('No passkeys yet.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'passkey-list', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.error } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'passkey-list', 'error');
    await expect(within(list).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, passkeys: passkeyHandlers.forbidden } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'passkey-list', 'forbidden');
  },
};

/** Rename inline: the field takes the focus, Enter saves, the focus returns to the button. */
export const Rename: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectState(canvasElement, 'passkey-list', 'ready');
    await userEvent.click(canvas.getByRole('button', { name: `Rename ${laptopPasskey.name}` }));
    const input = canvas.getByLabelText(`New name for ${laptopPasskey.name}`);
    await expect(input).toHaveFocus();
    await userEvent.clear(input);
    await userEvent.type(input, 'Personal laptop{Enter}');
    await waitFor(() => expect(names(canvasElement)).toContain('Personal laptop'));
    await expect(canvas.getByRole('button', { name: 'Rename Personal laptop' })).toHaveFocus();
  },
};

export const Remove: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    await remove(canvasElement, keyPasskey.name);
    await waitFor(() => expect(names(canvasElement)).toEqual([laptopPasskey.name]));
  },
};

/** The sign-in is old: a step-up first, then the passkey goes. */
export const RemoveWithStepUp: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.stale() } } },
  play: async ({ canvasElement }) => {
    await remove(canvasElement, keyPasskey.name);
    const prompt = await within(canvasElement).findByRole('form', { name: 'Confirm it’s you' });
    await userEvent.type(await within(prompt).findByLabelText('Authentication code'), GOOD_CODE);
    await userEvent.click(within(prompt).getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(names(canvasElement)).toEqual([laptopPasskey.name]));
  },
};

/** The only way into the account cannot be removed. */
export const LastSignInMethod: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.lastWayIn() } } },
  play: async ({ canvasElement }) => {
    const confirm = await remove(canvasElement, laptopPasskey.name);
    const alert = await within(confirm).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'last_sign_in_method');
    await expect(names(canvasElement)).toEqual([laptopPasskey.name]);
  },
};
