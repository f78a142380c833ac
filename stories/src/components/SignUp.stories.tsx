import { SignUp } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { signUpHandlers } from '../handlers';

const meta = {
  title: 'Auth/SignUp',
  component: SignUp,
  args: { disableRedirect: true, onSuccess: fn(), onError: fn() },
  parameters: { msw: { handlers: { signUp: signUpHandlers.success } } },
} satisfies Meta<typeof SignUp>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A field error lands on its field: `aria-invalid` and the message next to it. */
export const WeakPassword: Story = {
  parameters: { msw: { handlers: { signUp: signUpHandlers.weakPassword } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'password');
    await userEvent.click(canvas.getByRole('button', { name: /sign up|create/i }));

    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'this password is too easy to guess',
    );
    await expect(canvas.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  },
};
