import { RecoveryCodes } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { GOOD_CODE, newRecoveryCodes } from '../account-fixtures';
import { expectPart } from '../account-play';
import { authHandlers, recoveryCodeHandlers } from '../handlers';
import { expectState } from '../play';

/** How many recovery codes are left, and a new set (after a step-up when the sign-in is old). */
const meta = {
  title: 'Account security/RecoveryCodes',
  component: RecoveryCodes,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), codes: recoveryCodeHandlers.ready() } },
  },
} satisfies Meta<typeof RecoveryCodes>;

export default meta;
type Story = StoryObj<typeof meta>;

const regenerate = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await expectState(canvasElement, 'recovery-codes', 'ready');
  await userEvent.click(canvas.getByRole('button', { name: 'Generate new codes' }));
  const confirm = canvas.getByRole('group', { name: 'Generate new codes' });
  await userEvent.click(within(confirm).getByRole('button', { name: 'Generate new codes' }));
  return confirm;
};

export const Ready: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'recovery-codes', 'ready');
    await expect(within(canvasElement).getByText('7 recovery codes left.')).toBeVisible();
  },
};

export const NoneLeft: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.ready(0) } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'recovery-codes', 'ready');
    await expect(within(canvasElement).getByText(/no recovery codes left/)).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'recovery-codes', 'loading');
  },
};

/** No second factor: no codes to have. */
export const Empty: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.empty } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'recovery-codes', 'empty');
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.error } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'recovery-codes', 'error');
    await expect(within(root).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, codes: recoveryCodeHandlers.forbidden } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'recovery-codes', 'forbidden');
    await expect(
      within(canvasElement).getByText('Sign in to manage your recovery codes.'),
    ).toBeVisible();
  },
};

/** The new codes, once; the count is back to ten. */
export const Regenerated: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.ready() } } },
  play: async ({ canvasElement }) => {
    await regenerate(canvasElement);
    const canvas = within(canvasElement);
    const shown = await canvas.findByRole('group', { name: /Save these recovery codes/ });
    await expect(
      within(shown)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(newRecoveryCodes);
    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    await expect(await canvas.findByText('10 recovery codes left.')).toBeVisible();
  },
};

/** The sign-in is old: the server asks for a step-up, then the codes are regenerated. */
export const StepUpRequired: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.stale() } } },
  play: async ({ canvasElement }) => {
    await regenerate(canvasElement);
    const canvas = within(canvasElement);
    const prompt = await canvas.findByRole('form', { name: 'Confirm it’s you' });
    await userEvent.type(await within(prompt).findByLabelText('Authentication code'), GOOD_CODE);
    await userEvent.click(within(prompt).getByRole('button', { name: 'Verify' }));
    await expect(
      await canvas.findByRole('group', { name: /Save these recovery codes/ }),
    ).toBeVisible();
  },
};

/** Cancelling the step-up: nothing changes, and the confirmation says why. */
export const StepUpCancelled: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.stale() } } },
  play: async ({ canvasElement }) => {
    const confirm = await regenerate(canvasElement);
    const prompt = await within(canvasElement).findByRole('form', { name: 'Confirm it’s you' });
    await userEvent.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    await expect(await within(confirm).findByRole('alert')).toHaveAttribute(
      'data-code',
      'step_up_required',
    );
  },
};

export const RegenerateFails: Story = {
  parameters: { msw: { handlers: { codes: recoveryCodeHandlers.regenerateFails } } },
  play: async ({ canvasElement }) => {
    const confirm = await regenerate(canvasElement);
    await expectPart(canvasElement, 'recovery-codes-confirm', 'error');
    await expect(within(confirm).getByRole('alert')).toHaveTextContent(/too many attempts/);
  },
};
