import { SignOutButton } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { authHandlers } from '../handlers';

const meta = {
  title: 'Auth/SignOutButton',
  component: SignOutButton,
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
} satisfies Meta<typeof SignOutButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Sign out' });
    await expect(button).toHaveAttribute('data-state', 'idle');
    await expect(button).toBeEnabled();
  },
};

/** While the request is out the button is disabled and says so in `data-state`. */
export const Pending: Story = {
  parameters: { msw: { handlers: { signOut: authHandlers.signOutPending } } },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Sign out' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('data-state', 'pending');
    await expect(button).toBeDisabled();
  },
};

/** `asChild` renders your element; an empty child gets the default words. */
export const AsChild: Story = {
  args: { asChild: true, children: <a href="#signed-out" /> },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByText('Sign out');
    await expect(link.tagName).toBe('A');
    await expect(link).toHaveAttribute('data-catalyst', 'sign-out');
  },
};
