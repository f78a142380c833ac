import { createSsoClient } from '@catalyst/authkit';
import { SignIn, useAuthClient, type SignInProps } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import * as React from 'react';
import { http } from 'msw';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { enrolmentChallenge } from '../account-fixtures';
import { mfaSignInHandlers, pendingSignInHandlers, signInHandlers, ssoHandlers } from '../handlers';
import { route } from '../handlers/api';
import { ssoRequiredProblem } from '../handlers/sso';

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

/** `<SignIn sso={createSsoClient(client)}>`, as an app writes it (the story's client). */
function SignInWithSso(props: SignInProps) {
  const client = useAuthClient();
  const sso = React.useMemo(() => createSsoClient(client), [client]);
  return <SignIn {...props} sso={sso} />;
}

const withSso = (handlers: ReturnType<typeof ssoHandlers.world> = ssoHandlers.world()) => ({
  render: (args: SignInProps) => <SignInWithSso {...args} />,
  parameters: { msw: { handlers: { signIn: signInHandlers.success, sso: handlers } } },
});

const providerLink = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement).findByRole('link', { name: `Continue with ${name}` });

const passwordField = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-catalyst="field"][data-name="password"]')!;

/** The instance's provider as "Continue with …": a link to its start URL (a full page load). */
export const WithProviders: Story = {
  ...withSso(
    ssoHandlers.world([
      { id: 'oidc', name: 'Single sign-on' },
      { id: 'github', name: 'GitHub' },
    ]),
  ),
  play: async ({ canvasElement }) => {
    const link = await providerLink(canvasElement, 'Single sign-on');
    await expect(link.getAttribute('href')).toMatch(/^\/api\/auth\/sso\/oidc\/start\?returnTo=/);
    await expect(await providerLink(canvasElement, 'GitHub')).toBeVisible();
    await expect(within(canvasElement).getByLabelText('Password')).toBeVisible();
  },
};

/** An address at a domain whose org has its own provider: "Continue with Acme Okta" is offered. */
export const OrgRouteFound: Story = {
  ...withSso(ssoHandlers.world(undefined, { required: false })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'grace@acme.test');
    const link = await providerLink(canvasElement, 'Acme Okta');
    await expect(link.getAttribute('href')).toContain('loginHint=grace%40acme.test');
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'Your organization signs in with Acme Okta.',
    );
    // Offered, not required: the password still works.
    await expect(canvas.getByLabelText('Password')).toBeVisible();
  },
};

/** The org requires its provider: no password field, and the form says why. */
export const SsoRequired: Story = {
  ...withSso(ssoHandlers.world(undefined, { required: true })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'grace@acme.test');
    await providerLink(canvasElement, 'Acme Okta');
    await expect(canvas.getByRole('status')).toHaveTextContent(
      /requires signing in with Acme Okta: passwords are turned off/,
    );
    await waitFor(() => expect(passwordField(canvasElement)).not.toBeVisible());
    await expect(canvas.queryByRole('button', { name: 'Sign in' })).toBeNull();
  },
};

/** The server refuses the password (`sso_required`): the form asks for the org's provider. */
export const PasswordRefusedSsoRequired: Story = {
  ...withSso(ssoHandlers.world(undefined, { required: false })),
  parameters: {
    msw: {
      handlers: {
        signIn: [http.post(route('/sign-in'), ssoRequiredProblem)],
        sso: ssoHandlers.world(undefined, { required: false }),
      },
    },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'grace@acme.test');
    await userEvent.type(canvas.getByLabelText('Password'), 'correct horse battery staple');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(/requires signing in with Acme Okta/),
    );
    await expect(await providerLink(canvasElement, 'Acme Okta')).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'sso_required', status: 403 }),
    );
  },
};

/** The provider list cannot be loaded: said once; the password form still works. */
export const ProvidersFailing: Story = {
  ...withSso(ssoHandlers.providersFailing),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Single sign-on is unavailable right now',
    );
    await expect(canvas.queryByRole('link')).toBeNull();
    await expect(canvas.getByLabelText('Password')).toBeVisible();
  },
};

/** Back from a failed provider sign-in: `?error=<code>` (here the `ssoError` prop) in words. */
const errorStory = (code: string, text: string | RegExp): Story => ({
  ...withSso(),
  args: { ssoError: code },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(text);
    await expect(alert).toHaveAttribute('data-code', code);
  },
});

export const ErrorSsoFailed = errorStory(
  'sso_failed',
  'Signing in with your provider did not work',
);
export const ErrorIdpUnavailable = errorStory('idp_unavailable', /did not answer/);
export const ErrorLinkConfirmationRequired = errorStory(
  'link_confirmation_required',
  /An account with this email already exists. Sign in to it first/,
);
export const ErrorRateLimited = errorStory('rate_limited', /Too many attempts/);
export const ErrorSsoRequired = errorStory(
  'sso_required',
  /requires signing in through its provider/,
);
export const ErrorUserBanned = errorStory('user_banned', 'This account has been suspended.');

/** `?mfa=required` on the page, as a provider's callback redirect leaves it (story `beforeEach`). */
const backFromProvider = () => {
  const before = window.location.href;
  const url = new URL(before);
  url.searchParams.set('mfa', 'required');
  window.history.replaceState(window.history.state, '', url);
  return () => window.history.replaceState(window.history.state, '', before);
};

const afterProvider = (pending: ReturnType<typeof pendingSignInHandlers.challenge>) => ({
  render: (args: SignInProps) => <SignInWithSso {...args} />,
  beforeEach: backFromProvider,
  parameters: {
    msw: {
      handlers: {
        signIn: signInHandlers.success,
        sso: ssoHandlers.world(),
        enrolment: mfaSignInHandlers.enrolment,
        pending,
      },
    },
  },
});

/** Back from a provider with a second factor due: the pending sign-in's own factors are asked. */
export const BackFromProviderSecondFactor: Story = {
  ...afterProvider(pendingSignInHandlers.challenge()),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-catalyst="two-factor"]')).not.toBeNull(),
    );
    await expect(canvasElement.querySelector('[data-catalyst="sign-in"]')).toBeNull();
  },
};

/** Back from a provider, and an org demands a factor this user has none of: enrol TOTP. */
export const BackFromProviderEnrolment: Story = {
  ...afterProvider(pendingSignInHandlers.challenge(enrolmentChallenge)),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-catalyst="totp-setup"]')).not.toBeNull(),
    );
    await expect(canvasElement.querySelector('[data-catalyst="two-factor"]')).toBeNull();
  },
};

/** Back from a provider after the pending sign-in ran out: start again. */
export const BackFromProviderExpired: Story = {
  ...afterProvider(pendingSignInHandlers.expired),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'sso_failed');
    await expect(within(canvasElement).getByLabelText('Password')).toBeVisible();
  },
};
