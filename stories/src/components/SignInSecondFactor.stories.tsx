import { SignIn } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { challenge, GOOD_CODE } from '../account-fixtures';
import { expectPart } from '../account-play';
import {
  magicLinkHandlers,
  mfaSignInHandlers,
  secondFactorHandlers,
  signInHandlers,
} from '../handlers';
import { fakePasskeyPrompt } from '../webauthn-fake';

/** SignIn's other ways in (issue 11): the second factor after the password, passkeys, links. */
const meta = {
  title: 'Auth/SignIn (second factor, passkey, link)',
  component: SignIn,
  args: { disableRedirect: true, onSuccess: fn(), onError: fn(), onMfaRequired: fn() },
  parameters: {
    msw: {
      handlers: {
        signIn: mfaSignInHandlers.challenge(challenge),
        twoFactor: secondFactorHandlers.accepting,
      },
    },
  },
} satisfies Meta<typeof SignIn>;

export default meta;
type Story = StoryObj<typeof meta>;

const signIn = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
  await userEvent.type(canvas.getByLabelText('Password'), 'correct horse battery staple');
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
};

/** The password needs a second factor: the form gives way to TwoFactor, then signs in. */
export const SecondFactor: Story = {
  play: async ({ canvasElement, args }) => {
    await signIn(canvasElement);
    const canvas = within(canvasElement);
    const field = await canvas.findByLabelText('Authentication code');
    await expect(field).toHaveFocus();
    await expect(args.onMfaRequired).toHaveBeenCalledWith(
      expect.objectContaining({ mfaRequired: true }),
    );
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await userEvent.type(field, GOOD_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalled());
  },
};

/** An org requires a second factor the account lacks: enrol during the sign-in. */
export const EnrolmentRequired: Story = {
  parameters: { msw: { handlers: { signIn: mfaSignInHandlers.enrolment } } },
  play: async ({ canvasElement, args }) => {
    await signIn(canvasElement);
    const canvas = within(canvasElement);
    await expectPart(canvasElement, 'totp-setup', 'scan');
    await userEvent.type(await canvas.findByLabelText('Code from the app'), GOOD_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }));
    const shown = await canvas.findByRole('group', { name: /Save these recovery codes/ });
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    await expect(args.onSuccess).toHaveBeenCalled();
  },
};

/** A discoverable passkey: no email typed. */
export const Passkey: Story = {
  beforeEach: () => fakePasskeyPrompt('accept'),
  parameters: { msw: { handlers: { signIn: mfaSignInHandlers.passkey } } },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(
      within(canvasElement).getByRole('button', { name: 'Sign in with a passkey' }),
    );
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalled());
  },
};

export const PasskeyDismissed: Story = {
  beforeEach: () => fakePasskeyPrompt('dismiss'),
  parameters: { msw: { handlers: { signIn: mfaSignInHandlers.passkey } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in with a passkey' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'The passkey request was cancelled or timed out.',
    );
  },
};

/** No WebAuthn in this browser: no passkey button. */
export const NoPasskeys: Story = {
  beforeEach: () => fakePasskeyPrompt('unsupported'),
  parameters: { msw: { handlers: { signIn: signInHandlers.success } } },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).queryByRole('button', { name: 'Sign in with a passkey' }),
    ).toBeNull();
  },
};

/** "Email me a link": the form gives way to MagicLink, the email carried over. */
export const MagicLinkStep: Story = {
  parameters: { msw: { handlers: { magicLink: magicLinkHandlers.accepting() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Email me a link' }));
    await expect(await canvas.findByLabelText('Email')).toHaveValue('ada@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Email me a link' }));
    await expect(await canvas.findByLabelText('Code')).toHaveFocus();
  },
};
