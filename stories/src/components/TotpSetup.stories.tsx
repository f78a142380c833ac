import { TotpSetup } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { GOOD_CODE, recoveryCodes, totpSecret } from '../account-fixtures';
import { expectPart } from '../account-play';
import { authHandlers, mfaSignInHandlers, totpHandlers } from '../handlers';

/** Turning on an authenticator app: QR code, the first code, then the recovery codes once. */
const meta = {
  title: 'Account security/TotpSetup',
  component: TotpSetup,
  args: { onComplete: fn(), onError: fn(), disableRedirect: true },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), totp: totpHandlers.enrolling } },
  },
} satisfies Meta<typeof TotpSetup>;

export default meta;
type Story = StoryObj<typeof meta>;

const confirm = async (canvasElement: HTMLElement, code: string) => {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText('Code from the app'), code);
  await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }));
};

export const Loading: Story = {
  parameters: { msw: { handlers: { totp: totpHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'totp-setup', 'loading');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Preparing your authenticator app setup…',
    );
  },
};

/** The QR code (an <svg> of rects) and the key in groups of four; the code field has the focus. */
export const Scan: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectPart(canvasElement, 'totp-setup', 'scan');
    const qr = canvas.getByRole('img', { name: 'QR code for your authenticator app' });
    await waitFor(() => expect(qr).toHaveAttribute('data-state', 'ready'));
    await expect(qr.querySelectorAll('rect').length).toBeGreaterThan(50);
    await expect(canvas.getByLabelText('Setup key')).toHaveValue(
      totpSecret.replace(/(.{4})(?=.)/g, '$1 '),
    );
    await expect(canvas.getByLabelText('Code from the app')).toHaveFocus();
  },
};

export const WrongCode: Story = {
  play: async ({ canvasElement }) => {
    await confirm(canvasElement, '000000');
    const field = within(canvasElement).getByLabelText('Code from the app');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    await expect(within(canvasElement).getByRole('alert')).toHaveAttribute(
      'data-code',
      'invalid_code',
    );
    await expect(field).toHaveFocus();
  },
};

export const Confirming: Story = {
  parameters: { msw: { handlers: { totp: totpHandlers.confirming } } },
  play: async ({ canvasElement }) => {
    await confirm(canvasElement, GOOD_CODE);
    await expectPart(canvasElement, 'totp-setup-form', 'pending');
    await expect(within(canvasElement).getByRole('button', { name: 'Turn on' })).toBeDisabled();
  },
};

/** Turned on: the ten recovery codes, once, with copy and download; done completes. */
export const Done: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await confirm(canvasElement, GOOD_CODE);
    await expectPart(canvasElement, 'totp-setup', 'done');
    const shown = canvas.getByRole('group', { name: /Save these recovery codes/ });
    await expect(shown).toHaveFocus();
    await expect(
      within(shown)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(recoveryCodes);
    await expect(within(shown).getByRole('link', { name: 'Download' })).toHaveAttribute(
      'download',
      'recovery-codes.txt',
    );
    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    await expect(args.onComplete).toHaveBeenCalledWith(null);
  },
};

export const AlreadyEnabled: Story = {
  parameters: { msw: { handlers: { totp: totpHandlers.alreadyEnabled } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'totp-setup', 'enabled');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'An authenticator app is already set up for your account.',
    );
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { totp: totpHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectPart(canvasElement, 'totp-setup', 'error');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('the auth store is unavailable');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** During a sign-in an org holds until a second factor exists: confirming signs in. */
export const EnrolmentRequired: Story = {
  args: { pending: true },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, totp: mfaSignInHandlers.enrolment } },
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expectPart(canvasElement, 'totp-setup', 'scan');
    await expect(canvas.getByText(/Your organization requires two-factor/)).toBeVisible();
    await confirm(canvasElement, GOOD_CODE);
    const shown = await canvas.findByRole('group', { name: /Save these recovery codes/ });
    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    await expect(args.onComplete).toHaveBeenCalledWith(
      expect.objectContaining({ user: expect.objectContaining({ email: 'ada@example.com' }) }),
    );
  },
};
