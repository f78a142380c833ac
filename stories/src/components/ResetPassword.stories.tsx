import { ResetPassword } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { EXPIRED_TOKEN, GOOD_TOKEN } from '../account-fixtures';
import { expectPart } from '../account-play';
import { passwordResetHandlers } from '../handlers';

/** The page the reset email opens: the new password twice, then a link to sign in. */
const meta = {
  title: 'Account security/ResetPassword',
  component: ResetPassword,
  args: { token: GOOD_TOKEN, onReset: fn(), onError: fn() },
  parameters: { msw: { handlers: { reset: passwordResetHandlers.accepting } } },
} satisfies Meta<typeof ResetPassword>;

export default meta;
type Story = StoryObj<typeof meta>;

const submit = async (canvasElement: HTMLElement, password: string, confirm = password) => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('New password'), password);
  await userEvent.type(canvas.getByLabelText('Confirm new password'), confirm);
  await userEvent.click(canvas.getByRole('button', { name: 'Change password' }));
};

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'reset-password', 'idle');
    await expect(within(canvasElement).getByLabelText('New password')).toHaveFocus();
  },
};

export const Mismatch: Story = {
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'a long new passphrase', 'another passphrase');
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('Confirm new password')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(canvas.getByRole('alert')).toHaveTextContent('The passwords do not match.');
  },
};

export const WeakPassword: Story = {
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'password');
    await waitFor(() =>
      expect(within(canvasElement).getByLabelText('New password')).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
  },
};

export const Pending: Story = {
  parameters: { msw: { handlers: { reset: passwordResetHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'a long new passphrase');
    await expectPart(canvasElement, 'reset-password', 'pending');
  },
};

export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    await submit(canvasElement, 'a long new passphrase');
    await expectPart(canvasElement, 'reset-password', 'success');
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Your password was changed/)).toHaveFocus();
    await expect(canvas.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    await expect(args.onReset).toHaveBeenCalled();
  },
};

export const Invalid: Story = {
  args: { token: 'used-already' },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'a long new passphrase');
    await expectPart(canvasElement, 'reset-password', 'invalid');
    await expect(
      within(canvasElement).getByRole('link', { name: 'Request a new link' }),
    ).toHaveAttribute('href', '/forgot-password');
  },
};

export const Expired: Story = {
  args: { token: EXPIRED_TOKEN },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'a long new passphrase');
    await expectPart(canvasElement, 'reset-password', 'expired');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'This reset link has expired.',
    );
  },
};

/** Opened without `?token=`. */
export const Missing: Story = {
  args: { token: '' },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'reset-password', 'missing');
    await expect(within(canvasElement).queryByLabelText('New password')).toBeNull();
  },
};
