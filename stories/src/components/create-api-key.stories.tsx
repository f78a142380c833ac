import { CreateApiKey } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession, issuedSecret } from '../fixtures';
import { authHandlers, keyHandlers } from '../handlers';
import { expectState } from '../play';

/** Ada issues one of her own API keys; the secret appears once. */
const meta = {
  title: 'Keys/CreateApiKey',
  component: CreateApiKey,
  args: { onCreated: fn(), onError: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession),
        keys: keyHandlers.empty(),
      },
    },
  },
} satisfies Meta<typeof CreateApiKey>;

export default meta;
type Story = StoryObj<typeof meta>;

const form = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('form', { name: 'New API key' });

async function scopes(canvasElement: HTMLElement) {
  const group = within(form(canvasElement)).getByRole('group', { name: 'Scopes' });
  await waitFor(() => expect(group).toHaveAttribute('data-state', 'ready'));
  return group;
}

/** Ready: only the scopes Ada holds are offered (`billing:read` needs a label she lacks). */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'ready');
    const group = within(await scopes(canvasElement));
    await expect(group.getByLabelText('reports:read')).not.toBeChecked();
    await expect(group.getByLabelText('reports:write')).toBeVisible();
    await expect(group.queryByLabelText('billing:read')).toBeNull();
    await expect(within(form(canvasElement)).getByLabelText('Expires')).toHaveValue('30d');
  },
};

/**
 * The interaction: name, a scope, an expiry; the secret is shown once with a copy button and a
 * warning; Done forgets it and brings the form back.
 */
export const SecretShownOnce: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.empty() } } },
  play: async ({ canvasElement, args }) => {
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await expectState(canvasElement, 'create-api-key', 'ready');
    const canvas = within(canvasElement);
    const fields = within(form(canvasElement));
    await userEvent.type(fields.getByLabelText('Key name'), 'CI deploy');
    await userEvent.click(within(await scopes(canvasElement)).getByLabelText('reports:read'));
    await userEvent.selectOptions(fields.getByLabelText('Expires'), '90d');
    await userEvent.click(fields.getByRole('button', { name: 'Create key' }));

    const secret = await canvas.findByLabelText('Your new API key');
    await expect(secret).toHaveValue(issuedSecret);
    await expect(secret).toHaveFocus();
    await expect(canvas.getByText('Copy this key now. You will not see it again.')).toBeVisible();
    await expect(args.onCreated).toHaveBeenCalledWith(
      expect.not.objectContaining({ secret: expect.anything() }),
    );
    await expect(args.onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'CI deploy', scopes: ['reports:read'] }),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Copy key' }));
    await expect(await canvas.findByText('Copied.')).toBeVisible();
    await expect(writeText).toHaveBeenCalledWith(issuedSecret);
    writeText.mockRestore();

    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(canvas.queryByLabelText('Your new API key')).toBeNull();
    await expect(canvasElement.innerHTML).not.toContain(issuedSecret);
    await expect(within(form(canvasElement)).getByLabelText('Key name')).toHaveValue('');
  },
};

/** Validation error: an expiry date in the past, refused by the server on `expiresAt`. */
export const ExpiryInThePast: Story = {
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'create-api-key', 'ready');
    const fields = within(form(canvasElement));
    await userEvent.type(fields.getByLabelText('Key name'), 'Old');
    await userEvent.selectOptions(fields.getByLabelText('Expires'), 'custom');
    await userEvent.type(fields.getByLabelText('Expiry date'), '2020-01-01');
    await userEvent.click(fields.getByRole('button', { name: 'Create key' }));
    const alert = await fields.findByRole('alert');
    await expect(alert).toHaveTextContent('must be in the future');
    await expect(fields.getByLabelText('Expiry date')).toHaveAttribute('aria-invalid', 'true');
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid_request', field: 'expiresAt' }),
    );
  },
};

/** Pending mutation: the key is being issued; the form is disabled. */
export const Creating: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.createPending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'ready');
    const fields = within(form(canvasElement));
    await userEvent.type(fields.getByLabelText('Key name'), 'CI');
    await userEvent.click(fields.getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(form(canvasElement)).toHaveAttribute('data-state', 'pending'));
    await expect(fields.getByRole('button', { name: 'Create key' })).toBeDisabled();
  },
};

/** Empty: the caller holds no scope a key could carry. */
export const NoScopes: Story = {
  parameters: { msw: { handlers: { keys: keyHandlers.noScopes() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'ready');
    await expect(
      await within(canvasElement).findByText(/There are no scopes you can grant/),
    ).toBeVisible();
  },
};

/** Error: the scopes cannot be loaded; the form says so. */
export const ScopesUnavailable: Story = {
  name: 'Error (scopes unavailable)',
  parameters: { msw: { handlers: { keys: keyHandlers.scopesError } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'ready');
    const group = within(form(canvasElement)).getByRole('group', { name: 'Scopes' });
    await waitFor(() => expect(group).toHaveAttribute('data-state', 'error'), { timeout: 10_000 });
    await expect(within(group).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Loading: the session is not known yet. */
export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'loading');
  },
};

/** Forbidden: an org key, for a plain member of Acme (no `keys:manage`). */
export const Forbidden: Story = {
  args: { orgId: acme.id },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'create-api-key', 'forbidden');
    await expect(within(canvasElement).getByText('You cannot create API keys here.')).toBeVisible();
    await expect(within(canvasElement).queryByRole('form')).toBeNull();
  },
};
