import { PasskeySetup } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { expectPart } from '../account-play';
import { authHandlers, passkeyHandlers } from '../handlers';
import { fakePasskeyPrompt } from '../webauthn-fake';

/** Adding a passkey: a name, the browser's prompt (answered by a stand-in here), the server. */
const meta = {
  title: 'Account security/PasskeySetup',
  component: PasskeySetup,
  args: { onAdded: fn(), onError: fn() },
  beforeEach: () => fakePasskeyPrompt('accept'),
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), passkeys: passkeyHandlers.empty() } },
  },
} satisfies Meta<typeof PasskeySetup>;

export default meta;
type Story = StoryObj<typeof meta>;

const add = async (canvasElement: HTMLElement, name = '') => {
  const canvas = within(canvasElement);
  if (name) await userEvent.type(canvas.getByLabelText('Passkey name'), name);
  await userEvent.click(canvas.getByRole('button', { name: 'Add passkey' }));
};

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'passkey-setup', 'idle');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('form', { name: 'Add a passkey' })).toBeVisible();
    await expect(canvas.getByLabelText('Passkey name')).toHaveAccessibleDescription(
      /tell your passkeys apart/,
    );
  },
};

export const Pending: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.registering } } },
  play: async ({ canvasElement }) => {
    await add(canvasElement, 'Work laptop');
    await expectPart(canvasElement, 'passkey-setup', 'pending');
    await expect(within(canvasElement).getByRole('button', { name: 'Add passkey' })).toBeDisabled();
  },
};

/** Added: announced, and the focus moves to the announcement. */
export const Success: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.empty() } } },
  play: async ({ canvasElement, args }) => {
    await add(canvasElement, 'Work laptop');
    await expectPart(canvasElement, 'passkey-setup', 'success');
    const status = within(canvasElement).getByText('Passkey “Work laptop” added.');
    await expect(status).toHaveFocus();
    await expect(args.onAdded).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Work laptop' }),
    );
  },
};

export const Dismissed: Story = {
  beforeEach: () => fakePasskeyPrompt('dismiss'),
  play: async ({ canvasElement }) => {
    await add(canvasElement);
    await expectPart(canvasElement, 'passkey-setup', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'The passkey request was cancelled or timed out.',
    );
  },
};

/** The server could not verify what the authenticator answered. */
export const Invalid: Story = {
  parameters: { msw: { handlers: { passkeys: passkeyHandlers.invalid } } },
  play: async ({ canvasElement, args }) => {
    await add(canvasElement);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('alert')).toHaveAttribute(
        'data-code',
        'invalid_passkey',
      ),
    );
    await expect(args.onError).toHaveBeenCalled();
  },
};

/** A browser without WebAuthn: said, and the button is disabled. */
export const Unsupported: Story = {
  beforeEach: () => fakePasskeyPrompt('unsupported'),
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'passkey-setup', 'unsupported');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('This browser does not support passkeys.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add passkey' })).toBeDisabled();
  },
};
