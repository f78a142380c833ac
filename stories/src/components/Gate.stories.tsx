import { Gate, SignIn, SignedIn, SignedOut, SignOutButton } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ada } from '../fixtures';
import { authHandlers, signInHandlers } from '../handlers';

/** `<Gate>`, `<SignedIn>` and `<SignedOut>` follow GET /api/auth/session. */
const meta = {
  title: 'Auth/Gate',
  component: Gate,
  args: {
    loading: <p>Checking your session…</p>,
    fallback: <p>Please sign in to see your account.</p>,
    children: (
      <>
        <p>Your account</p>
        <SignOutButton />
      </>
    ),
  },
} satisfies Meta<typeof Gate>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SignedInUser: Story = {
  name: 'Signed in',
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Your account')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  },
};

export const SignedOutUser: Story = {
  name: 'Signed out',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Please sign in to see your account.')).toBeVisible();
    await expect(canvas.queryByText('Your account')).toBeNull();
  },
};

/** `<SignedIn>` and `<SignedOut>` side by side: exactly one renders. */
export const SignedInAndSignedOut: Story = {
  name: 'SignedIn / SignedOut',
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  render: () => (
    <>
      <SignedIn>
        <p>Hello, {ada.name}</p>
      </SignedIn>
      <SignedOut>
        <p>Hello, stranger</p>
      </SignedOut>
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(`Hello, ${ada.name}`)).toBeVisible();
    await expect(canvas.queryByText('Hello, stranger')).toBeNull();
  },
};

/** The gate switches from its fallback to its content the moment the user signs in. */
export const SwitchesOnSignIn: Story = {
  name: 'Switches on sign-in',
  parameters: { msw: { handlers: { signIn: signInHandlers.success } } },
  render: (args) => (
    <Gate {...args} fallback={<SignIn disableRedirect />}>
      <p>Your account</p>
    </Gate>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email'), 'ada@example.com');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct horse battery staple');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await expect(await canvas.findByText('Your account')).toBeVisible();
    await expect(canvas.queryByLabelText('Email')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Checking your session…')).toBeVisible();
  },
};
