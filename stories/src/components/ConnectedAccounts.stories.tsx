import { ConnectedAccounts } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { authHandlers, identityHandlers, ssoHandlers } from '../handlers';
import { githubProvider, instanceProvider, linkedIdentity } from '../handlers/sso';
import { expectState } from '../play';

/**
 * Ada's identities at upstream providers: disconnect one (never the last way in), connect a
 * provider not linked yet. `onRedirect` stands in for the navigation to the provider.
 */
const meta = {
  title: 'Account security/ConnectedAccounts',
  component: ConnectedAccounts,
  args: { onRedirect: fn(), returnTo: '/account/security' },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(),
        sso: ssoHandlers.world([instanceProvider, githubProvider]),
        identities: identityHandlers.linked(),
      },
    },
  },
} satisfies Meta<typeof ConnectedAccounts>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Linked: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'ready');
    const canvas = within(canvasElement);
    const list = canvas.getByRole('list', { name: 'Connected accounts' });
    await expect(within(list).getByText(linkedIdentity.provider)).toBeVisible();
    await expect(within(list).getByText(linkedIdentity.email!)).toBeVisible();
    // Only the provider not linked yet has a connect button.
    await expect(canvas.getByRole('button', { name: 'Connect GitHub' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Connect Single sign-on' })).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { identities: identityHandlers.linked([]) } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'empty');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No connected accounts.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Connect Single sign-on' })).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { identities: identityHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'loading');
    await expect(within(canvasElement).getByText('Loading connected accounts…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { identities: identityHandlers.error } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'connected-accounts', 'error');
    await expect(within(root).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, identities: identityHandlers.forbidden } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'forbidden');
  },
};

/** Connect: the server answers the provider's URL, and the browser would go there. */
export const LinkRedirect: Story = {
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'connected-accounts', 'ready');
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Connect GitHub' }));
    await waitFor(() =>
      expect(args.onRedirect).toHaveBeenCalledWith(
        'https://idp.example.test/authorize?client=github',
      ),
    );
  },
};

/** Disconnect after a confirmation: the list empties. */
export const Unlink: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'ready');
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect Single sign-on' }));
    const confirm = canvas.getByRole('group', { name: 'Disconnect Single sign-on' });
    await expect(confirm).toHaveTextContent(
      'You will no longer be able to sign in with Single sign-on.',
    );
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await expectState(canvasElement, 'connected-accounts', 'empty');
  },
};

/** The last way in: the server refuses (`last_sign_in_method`), the item stays, and says why. */
export const UnlinkRefused: Story = {
  parameters: {
    msw: {
      // The override first: MSW answers with the first handler that matches.
      handlers: { identities: [...identityHandlers.unlinkRefused, ...identityHandlers.linked()] },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'connected-accounts', 'ready');
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect Single sign-on' }));
    const confirm = canvas.getByRole('group', { name: 'Disconnect Single sign-on' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    const alert = await within(confirm).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'last_sign_in_method');
    await expect(alert).toHaveTextContent(/only way to sign in. Set a password or add a passkey/);
    await expect(canvas.getByRole('list', { name: 'Connected accounts' })).toBeVisible();
  },
};
