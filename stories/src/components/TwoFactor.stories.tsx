import { TwoFactor } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  challenge,
  GOOD_CODE,
  GOOD_RECOVERY_CODE,
  mfaStatus,
  passkeyChallenge,
} from '../account-fixtures';
import { expectPart } from '../account-play';
import { authHandlers, secondFactorHandlers, stepUpHandlers } from '../handlers';
import { fakePasskeyPrompt } from '../webauthn-fake';

/** The second factor after a password or a magic link, and the step-up before a sensitive change. */
const meta = {
  title: 'Account security/TwoFactor',
  component: TwoFactor,
  args: { challenge, disableRedirect: true, onComplete: fn(), onError: fn() },
  parameters: { msw: { handlers: { twoFactor: secondFactorHandlers.accepting } } },
} satisfies Meta<typeof TwoFactor>;

export default meta;
type Story = StoryObj<typeof meta>;

const verify = async (canvasElement: HTMLElement, code: string) => {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Authentication code'), code);
  await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
};

/** Waiting for a code: the field has the focus, a recovery code is one click away. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectPart(canvasElement, 'two-factor', 'idle');
    await expect(canvas.getByRole('form', { name: 'Two-factor authentication' })).toBeVisible();
    await expect(canvas.getByLabelText('Authentication code')).toHaveFocus();
    await expect(canvas.getByRole('button', { name: 'Use a recovery code' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Use a passkey' })).toBeNull();
  },
};

export const EmptyCode: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Enter the code.');
    await expect(canvas.getByLabelText('Authentication code')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  },
};

/** A wrong (or replayed) code: on the field, which is cleared and focused again. */
export const WrongCode: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await verify(canvasElement, '000000');
    await expectPart(canvasElement, 'two-factor', 'error');
    const field = canvas.getByLabelText('Authentication code');
    await expect(canvas.getByRole('alert')).toHaveAttribute('data-code', 'invalid_code');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue('');
    await expect(field).toHaveFocus();
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid_code' }),
    );
  },
};

export const Pending: Story = {
  parameters: { msw: { handlers: { twoFactor: secondFactorHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await verify(canvasElement, GOOD_CODE);
    await expectPart(canvasElement, 'two-factor', 'pending');
    await expect(within(canvasElement).getByRole('button', { name: 'Verify' })).toBeDisabled();
  },
};

export const RateLimited: Story = {
  parameters: { msw: { handlers: { twoFactor: secondFactorHandlers.rateLimited } } },
  play: async ({ canvasElement }) => {
    await verify(canvasElement, GOOD_CODE);
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /too many attempts/,
    );
  },
};

/** The pending sign-in ran out (10 minutes): sign in again. */
export const Expired: Story = {
  parameters: { msw: { handlers: { twoFactor: secondFactorHandlers.expired } } },
  play: async ({ canvasElement }) => {
    await verify(canvasElement, GOOD_CODE);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'unauthenticated');
    await expect(alert).toHaveTextContent('the sign-in has expired; sign in again');
  },
};

export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    await verify(canvasElement, GOOD_CODE);
    await expectPart(canvasElement, 'two-factor', 'success');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Verified.');
    await expect(args.onComplete).toHaveBeenCalledWith(
      expect.objectContaining({ session: expect.objectContaining({ amr: ['pwd', 'otp', 'mfa'] }) }),
    );
  },
};

/** A recovery code instead: the label and the hint change, the focus stays in the field. */
export const RecoveryCode: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Use a recovery code' }));
    const field = canvas.getByLabelText('Recovery code');
    await expect(field).toHaveFocus();
    await expect(canvas.getByText(/Each code works once/)).toBeVisible();
    await userEvent.type(field, GOOD_RECOVERY_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

/** The account has a passkey: the browser's prompt answers, the server accepts. */
export const Passkey: Story = {
  args: { challenge: passkeyChallenge },
  beforeEach: () => fakePasskeyPrompt('accept'),
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Use a passkey' }));
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

/** The passkey prompt was dismissed (or timed out). */
export const PasskeyDismissed: Story = {
  args: { challenge: passkeyChallenge },
  beforeEach: () => fakePasskeyPrompt('dismiss'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Use a passkey' }));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'passkey_cancelled');
    await expect(alert).toHaveTextContent('The passkey request was cancelled or timed out.');
  },
};

const stepUp = {
  mode: 'step-up' as const,
  challenge: undefined,
  onCancel: fn(),
};

/** Step-up: which factors the account has is being asked. */
export const StepUpLoading: Story = {
  args: stepUp,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), twoFactor: stepUpHandlers.loading } },
  },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'two-factor', 'loading');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading…');
    await expect(within(canvasElement).queryByRole('textbox')).toBeNull();
  },
};

export const StepUp: Story = {
  args: stepUp,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), twoFactor: stepUpHandlers.accepting() } },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('form', { name: 'Confirm it’s you' })).toBeVisible();
    await userEvent.type(await canvas.findByLabelText('Authentication code'), GOOD_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

/** Step-up of an account without a second factor: the password proves it. */
export const StepUpWithPassword: Story = {
  args: stepUp,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(),
        twoFactor: stepUpHandlers.accepting(
          mfaStatus({
            totp: { enabled: false, confirmedAt: null },
            recoveryCodes: { remaining: 0 },
            methods: [],
          }),
        ),
      },
    },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const field = await canvas.findByLabelText('Password');
    await expect(field).toHaveAttribute('type', 'password');
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await expect(args.onCancel).toHaveBeenCalled();
  },
};

export const StepUpError: Story = {
  args: stepUp,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), twoFactor: stepUpHandlers.error } },
  },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'two-factor', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};
