import { Gate, PlanGate, SignIn, SignedIn, SignedOut, SignOutButton } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
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

/** `require`: a role, checked against the session's active org (Ada is Acme's owner here). */
export const RequireRole: Story = {
  name: 'require: role',
  args: { require: { role: ['owner', 'admin'] } },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner) } },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Your account')).toBeVisible();
  },
};

/** `require`: a permission the caller lacks (a member cannot manage members): the fallback. */
export const RequirePermissionDenied: Story = {
  name: 'require: permission (denied)',
  args: {
    require: { permission: 'members:manage' },
    fallback: <p>Ask an admin to manage members.</p>,
  },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Ask an admin to manage members.')).toBeVisible();
    await expect(canvas.queryByText('Your account')).toBeNull();
  },
};

/** `require`: a label and an org, by slug. */
export const RequireLabelAndOrg: Story = {
  name: 'require: label + org',
  args: { require: { label: 'region:eu', org: 'acme' } },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Your account')).toBeVisible();
  },
};

/** `<PlanGate plan="pro">`: Acme is on pro; an enterprise-only block shows its fallback. */
export const PlanGates: Story = {
  name: 'PlanGate',
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  render: () => (
    <>
      <PlanGate plan="pro" fallback={<p>Upgrade to pro.</p>}>
        <p>Pro analytics</p>
      </PlanGate>
      <PlanGate plan="enterprise" fallback={<p>Talk to sales about enterprise.</p>}>
        <p>Enterprise SSO</p>
      </PlanGate>
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Pro analytics')).toBeVisible();
    await expect(canvas.getByText('Talk to sales about enterprise.')).toBeVisible();
    await expect(canvas.queryByText('Enterprise SSO')).toBeNull();
  },
};
