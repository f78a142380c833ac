import { ChangePassword } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { expectPart } from '../account-play';
import { otherSessions } from '../fixtures';
import { authHandlers } from '../handlers';
import { changePasswordHandlers, currentPassword } from '../handlers/change-password';

/** Ada changes her password: the current one and a new one; her other devices are signed out. */
const meta = {
  title: 'Profile/ChangePassword',
  component: ChangePassword,
  args: { onChanged: fn(), onError: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(),
        password: changePasswordHandlers.accepting,
      },
    },
  },
} satisfies Meta<typeof ChangePassword>;

export default meta;
type Story = StoryObj<typeof meta>;

const NEW_PASSWORD = 'a much longer passphrase';

const submit = async (canvasElement: HTMLElement, current: string, next: string) => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Current password'), current);
  await userEvent.type(canvas.getByLabelText('New password'), next);
  await userEvent.click(canvas.getByRole('button', { name: 'Change password' }));
};

/** Idle: two empty password fields (with their autocomplete hints) and the submit button. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const form = await expectPart(canvasElement, 'change-password', 'idle');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('form', { name: 'Change password' })).toBe(form);
    const current = canvas.getByLabelText('Current password');
    const next = canvas.getByLabelText('New password');
    await expect(current).toHaveAttribute('type', 'password');
    await expect(current).toHaveAttribute('autocomplete', 'current-password');
    await expect(next).toHaveAttribute('autocomplete', 'new-password');
    await expect(current).toHaveValue('');
    await expect(canvas.getByRole('button', { name: 'Change password' })).toBeEnabled();
    await expect(canvas.getByRole('status')).toBeEmptyDOMElement();
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** Pending: the request is out; the fields and the button are disabled. */
export const Pending: Story = {
  parameters: { msw: { handlers: { password: changePasswordHandlers.pending } } },
  play: async ({ canvasElement, args }) => {
    await submit(canvasElement, currentPassword, NEW_PASSWORD);
    await expectPart(canvasElement, 'change-password', 'pending');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Change password' })).toBeDisabled();
    await expect(canvas.getByLabelText('Current password')).toBeDisabled();
    await expect(canvas.getByLabelText('New password')).toBeDisabled();
    await expect(args.onChanged).not.toHaveBeenCalled();
  },
};

/** The server refuses the current password: the error sits on that field. */
export const WrongCurrentPassword: Story = {
  play: async ({ canvasElement, args }) => {
    await submit(canvasElement, 'not my password', NEW_PASSWORD);
    await expectPart(canvasElement, 'change-password', 'error');
    const canvas = within(canvasElement);
    const current = canvas.getByLabelText('Current password');
    await expect(current).toHaveAttribute('aria-invalid', 'true');
    await expect(current).toHaveAccessibleDescription('current password is incorrect');
    await expect(canvas.getByLabelText('New password')).not.toHaveAttribute('aria-invalid');
    await expect(canvas.getByRole('alert')).toHaveAttribute('data-code', 'invalid_credentials');
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid_credentials', field: 'currentPassword' }),
    );
    await expect(args.onChanged).not.toHaveBeenCalled();
  },
};

/** The server refuses a weak new password: the error sits on the new password. */
export const WeakPassword: Story = {
  play: async ({ canvasElement }) => {
    await submit(canvasElement, currentPassword, 'password');
    await expectPart(canvasElement, 'change-password', 'error');
    const canvas = within(canvasElement);
    const next = canvas.getByLabelText('New password');
    await expect(next).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('alert')).toHaveAttribute('data-code', 'weak_password');
    await expect(canvas.getByRole('alert')).toHaveTextContent('this password is too easy to guess');
    await expect(canvas.getByLabelText('Current password')).not.toHaveAttribute('aria-invalid');
  },
};

/** An error of no field (too many attempts) shows under the form. */
export const RateLimited: Story = {
  parameters: { msw: { handlers: { password: changePasswordHandlers.rateLimited } } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, currentPassword, NEW_PASSWORD);
    await expectPart(canvasElement, 'change-password', 'error');
    const canvas = within(canvasElement);
    const alert = canvas.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'rate_limited');
    await expect(alert).toHaveTextContent('too many password change attempts; try again later');
    await expect(canvas.getByLabelText('Current password')).not.toHaveAttribute('aria-invalid');
  },
};

/** Changed: says how many other devices were signed out; the fields are emptied. */
export const Changed: Story = {
  play: async ({ canvasElement, args }) => {
    await submit(canvasElement, currentPassword, NEW_PASSWORD);
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        `Password changed. Other devices signed out: ${otherSessions.length}.`,
      ),
    );
    await expectPart(canvasElement, 'change-password', 'idle');
    await expect(canvas.getByLabelText('Current password')).toHaveValue('');
    await expect(canvas.getByLabelText('New password')).toHaveValue('');
    await expect(args.onChanged).toHaveBeenCalledWith({ revokedSessions: otherSessions.length });
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
