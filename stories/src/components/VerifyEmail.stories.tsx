import { EmailVerificationBanner, VerifyEmail } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { EXPIRED_TOKEN, GOOD_TOKEN } from '../account-fixtures';
import { expectPart } from '../account-play';
import { ada, currentSession } from '../fixtures';
import { authHandlers, emailVerificationHandlers } from '../handlers';

/** The page the verification email opens, and the banner for an unverified user. */
const meta = {
  title: 'Account security/VerifyEmail',
  component: VerifyEmail,
  args: { token: GOOD_TOKEN, onVerified: fn(), onError: fn() },
  parameters: { msw: { handlers: { email: emailVerificationHandlers.accepting } } },
} satisfies Meta<typeof VerifyEmail>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Verifying: Story = {
  parameters: { msw: { handlers: { email: emailVerificationHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'verify-email', 'loading');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Verifying your email address…',
    );
  },
};

export const Verified: Story = {
  play: async ({ canvasElement, args }) => {
    await expectPart(canvasElement, 'verify-email', 'verified');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'ada@example.com is verified.',
    );
    await waitFor(() => expect(args.onVerified).toHaveBeenCalledWith('ada@example.com'));
  },
};

/** Invalid or used: a new link for a typed address (signed out). */
export const Invalid: Story = {
  args: { token: 'used-already' },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'verify-email', 'invalid');
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send a new link' }));
    await expect(
      await canvas.findByText('If the address needs verifying, a new link is on its way.'),
    ).toBeVisible();
  },
};

/** Expired, signed in: the new link goes to the account's address, no field. */
export const Expired: Story = {
  args: { token: EXPIRED_TOKEN },
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'verify-email', 'expired');
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.queryByLabelText('Email')).toBeNull());
    await expect(canvas.getByRole('button', { name: 'Send a new link' })).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { email: emailVerificationHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'verify-email', 'error');
  },
};

export const Missing: Story = {
  args: { token: '' },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'verify-email', 'missing');
  },
};

/** `<EmailVerificationBanner>` for a signed-in user whose address is not verified. */
export const Banner: Story = {
  render: () => <EmailVerificationBanner />,
  parameters: {
    msw: {
      handlers: { auth: authHandlers.signedIn({ ...ada, emailVerified: false }, currentSession) },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const banner = await canvas.findByRole('region', {
      name: /Please verify your email address, ada@example.com/,
    });
    await userEvent.click(within(banner).getByRole('button', { name: 'Send a new link' }));
    await expectPart(canvasElement, 'email-verification-banner', 'sent');
    await expect(within(banner).getByRole('status')).toHaveTextContent(
      'We sent a new verification link to ada@example.com.',
    );
  },
};

export const BannerPending: Story = {
  render: () => <EmailVerificationBanner />,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn({ ...ada, emailVerified: false }, currentSession),
        email: emailVerificationHandlers.pending,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Send a new link' }));
    await expectPart(canvasElement, 'email-verification-banner', 'pending');
  },
};
