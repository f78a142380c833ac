import { MagicLink } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { challenge, GOOD_CODE } from '../account-fixtures';
import { expectPart } from '../account-play';
import { magicLinkHandlers, secondFactorHandlers } from '../handlers';

/** Signing in with an emailed link, or the code in the same email. */
const meta = {
  title: 'Account security/MagicLink',
  component: MagicLink,
  args: { disableRedirect: true, onComplete: fn(), onError: fn() },
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.accepting() } } },
} satisfies Meta<typeof MagicLink>;

export default meta;
type Story = StoryObj<typeof meta>;

const request = async (canvasElement: HTMLElement, email = 'ada@example.com') => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Email'), email);
  await userEvent.click(canvas.getByRole('button', { name: 'Email me a link' }));
};

const enterCode = async (canvasElement: HTMLElement, code: string) => {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText('Code'), code);
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
};

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link', 'idle');
    await expect(
      within(canvasElement).getByRole('form', { name: 'Sign in with a link' }),
    ).toBeVisible();
  },
};

export const Pending: Story = {
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await request(canvasElement);
    await expectPart(canvasElement, 'magic-link', 'pending');
    await expect(
      within(canvasElement).getByRole('button', { name: 'Email me a link' }),
    ).toBeDisabled();
  },
};

export const RateLimited: Story = {
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.rateLimited } } },
  play: async ({ canvasElement }) => {
    await request(canvasElement);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /too many attempts/,
    );
  },
};

/** Sent: "check your email", and the code field takes the focus. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    await request(canvasElement);
    const canvas = within(canvasElement);
    const code = await canvas.findByLabelText('Code');
    await expect(code).toHaveFocus();
    await expect(
      canvas.getByText('Check your email: we sent a sign-in link and a code to ada@example.com.'),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Send again' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Use another email' })).toBeVisible();
  },
};

export const WrongCode: Story = {
  play: async ({ canvasElement }) => {
    await request(canvasElement);
    await enterCode(canvasElement, '000000');
    const code = within(canvasElement).getByLabelText('Code');
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
  },
};

export const SignedIn: Story = {
  play: async ({ canvasElement, args }) => {
    await request(canvasElement);
    await enterCode(canvasElement, GOOD_CODE);
    await expectPart(canvasElement, 'magic-link', 'success');
    await expect(args.onComplete).toHaveBeenCalled();
    await expect(within(canvasElement).getByText('Signed in.')).toHaveFocus();
  },
};

/** The account has a second factor: the code leads to `<TwoFactor>`. */
export const SecondFactor: Story = {
  parameters: {
    msw: {
      handlers: {
        magicLink: magicLinkHandlers.accepting(challenge),
        twoFactor: secondFactorHandlers.accepting,
      },
    },
  },
  play: async ({ canvasElement, args }) => {
    await request(canvasElement);
    await enterCode(canvasElement, GOOD_CODE);
    const canvas = within(canvasElement);
    const field = await canvas.findByLabelText('Authentication code');
    await expect(field).toHaveFocus();
    await userEvent.type(field, GOOD_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};
