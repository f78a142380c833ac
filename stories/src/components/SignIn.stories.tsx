import { SignIn } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { signInHandlers } from '../handlers';

const meta = {
  title: 'Auth/SignIn',
  component: SignIn,
  // Stay on the page after success: a story must not navigate the preview away.
  args: { disableRedirect: true, onSuccess: fn(), onError: fn() },
  parameters: { msw: { handlers: { signIn: signInHandlers.success } } },
} satisfies Meta<typeof SignIn>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WrongPassword: Story = {
  parameters: { msw: { handlers: { signIn: signInHandlers.wrongPassword } } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'not the password');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));

    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'email or password is incorrect',
    );
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid_credentials', status: 401 }),
    );
    await expect(args.onSuccess).not.toHaveBeenCalled();
  },
};

export const SignsIn: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct horse battery staple');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));

    await waitFor(() =>
      expect(args.onSuccess).toHaveBeenCalledWith(
        expect.objectContaining({ user: expect.objectContaining({ email: 'ada@example.com' }) }),
      ),
    );
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** The `theme` toolbar global set to `themed`: `@catalyst/react/styles.css` styles the form. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const wrapper = canvasElement.querySelector('[data-story-theme]');
    await expect(wrapper).toHaveAttribute('data-story-theme', 'themed');
    await expect(wrapper?.querySelector('style')?.textContent).toContain('--catalyst-');
    // The theme's variables reach the default composition.
    const form = canvasElement.querySelector('[data-catalyst="sign-in"]')!;
    await expect(getComputedStyle(form).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};

/** While the request is out: the form says `pending`, its fields and button are disabled. */
export const Pending: Story = {
  parameters: { msw: { handlers: { signIn: signInHandlers.pending } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct horse battery staple');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    const form = canvasElement.querySelector('[data-catalyst="sign-in"]')!;
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'pending'));
    await expect(canvas.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await expect(canvas.getByLabelText('Email')).toBeDisabled();
  },
};

/** Too many attempts: the server's 429 message is shown. */
export const RateLimited: Story = {
  parameters: { msw: { handlers: { signIn: signInHandlers.rateLimited } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'not the password');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/too many attempts/);
  },
};
