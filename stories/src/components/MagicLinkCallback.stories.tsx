import { MagicLinkCallback } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { challenge, EXPIRED_TOKEN, GOOD_TOKEN, OTHER_BROWSER_TOKEN } from '../account-fixtures';
import { expectPart } from '../account-play';
import { magicLinkHandlers, secondFactorHandlers } from '../handlers';

/** The page the emailed link opens: the token is checked once, then the redirect. */
const meta = {
  title: 'Account security/MagicLinkCallback',
  component: MagicLinkCallback,
  args: { token: GOOD_TOKEN, disableRedirect: true, onComplete: fn(), onError: fn() },
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.accepting() } } },
} satisfies Meta<typeof MagicLinkCallback>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Verifying: Story = {
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'loading');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Signing you in…');
  },
};

export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'success');
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
  },
};

export const SecondFactor: Story = {
  parameters: {
    msw: {
      handlers: {
        magicLink: magicLinkHandlers.accepting(challenge),
        twoFactor: secondFactorHandlers.accepting,
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'second-factor');
    await expect(await within(canvasElement).findByLabelText('Authentication code')).toHaveFocus();
  },
};

/** Opened in another browser than the one that asked: use the code there. */
export const OtherBrowser: Story = {
  args: { token: OTHER_BROWSER_TOKEN },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'mismatch');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent(/opened in another browser/);
    await expect(canvas.getByRole('link', { name: 'Request a new link' })).toHaveAttribute(
      'href',
      '/sign-in',
    );
  },
};

export const Expired: Story = {
  args: { token: EXPIRED_TOKEN },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'expired');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'This sign-in link has expired.',
    );
  },
};

export const Invalid: Story = {
  args: { token: 'used-already' },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'invalid');
  },
};

/** No `?token=` in the URL. */
export const Missing: Story = {
  args: { token: '' },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'magic-link-callback', 'missing');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(/incomplete/);
  },
};
