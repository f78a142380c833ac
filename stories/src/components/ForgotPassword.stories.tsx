import { ForgotPassword } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { expectPart } from '../account-play';
import { passwordResetHandlers } from '../handlers';

/** Asking for a reset link: the same answer whether or not the address has an account. */
const meta = {
  title: 'Account security/ForgotPassword',
  component: ForgotPassword,
  args: { signInUrl: '/sign-in', onSent: fn(), onError: fn() },
  parameters: { msw: { handlers: { reset: passwordResetHandlers.accepting } } },
} satisfies Meta<typeof ForgotPassword>;

export default meta;
type Story = StoryObj<typeof meta>;

const send = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
  await userEvent.click(canvas.getByRole('button', { name: 'Send reset link' }));
};

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'forgot-password', 'idle');
    await expect(
      within(canvasElement).getByRole('form', { name: 'Reset your password' }),
    ).toBeVisible();
  },
};

export const Pending: Story = {
  parameters: { msw: { handlers: { reset: passwordResetHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await expectPart(canvasElement, 'forgot-password', 'pending');
  },
};

export const Sent: Story = {
  play: async ({ canvasElement, args }) => {
    await send(canvasElement);
    await expectPart(canvasElement, 'forgot-password', 'sent');
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/If an account exists for ada@example.com/)).toHaveFocus();
    await expect(canvas.queryByLabelText('Email')).toBeNull();
    await expect(args.onSent).toHaveBeenCalledWith('ada@example.com');
  },
};

export const RateLimited: Story = {
  parameters: { msw: { handlers: { reset: passwordResetHandlers.rateLimited } } },
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await expectPart(canvasElement, 'forgot-password', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(/too many attempts/);
  },
};
