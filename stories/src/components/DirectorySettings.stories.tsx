import { DirectorySettings } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { acmeDirectory, authHandlers, directoryHandlers, roleHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's directory sync; Ada is signed in with Acme active, as its owner unless a story says. */
const meta = {
  title: 'Orgs/DirectorySettings',
  component: DirectorySettings,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        roles: roleHandlers.populated,
        directory: directoryHandlers.connected(),
      },
    },
  },
} satisfies Meta<typeof DirectorySettings>;

export default meta;
type Story = StoryObj<typeof meta>;

const form = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('form', {
    name: /^(Directory settings|Connect a directory)$/,
  });
const status = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('group', { name: 'Sync status' }));

/** Not connected: the connect form (Authentik by default); connecting shows the status. */
export const NotConnected: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'empty');
    const canvas = within(root);
    await expect(canvas.getByText('No directory is connected.')).toBeVisible();
    const connect = within(form(canvasElement));
    await expect(connect.queryByLabelText('Enabled')).toBeNull();
    await expect(
      connect.getByLabelText('Remove members the directory drops or disables'),
    ).toBeChecked();
    await expect(connect.getByLabelText('Sync schedule')).toHaveValue('');
    await userEvent.type(connect.getByLabelText('Base URL'), 'https://auth.acme.example');
    await userEvent.type(connect.getByLabelText('API token'), 'ak-token');
    await userEvent.selectOptions(connect.getByLabelText('Sync schedule'), 'Every day');
    await userEvent.click(connect.getByRole('button', { name: 'Connect directory' }));
    await expectState(canvasElement, 'directory-settings', 'ready');
    await expect(await canvas.findByText('Directory connected.')).toBeVisible();
    await expect(status(canvasElement).getByText('Not synced yet.')).toBeVisible();
    await expect(within(form(canvasElement)).getByLabelText('Sync schedule')).toHaveValue('1440');
  },
};

/** Connected: the last (scheduled) run and what it did; "Sync now" runs one more. */
export const Connected: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.connected() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'ready');
    const run = status(canvasElement);
    await expect(run.getByText('Succeeded (scheduled)')).toBeVisible();
    await expect(
      run.getByText('12 joined, 1 removed, 3 skipped · groups: 4 created'),
    ).toBeVisible();
    await expect(run.getByRole('list', { name: 'Skipped' })).toHaveTextContent(
      'Disabled in the directory: 2',
    );
    const settings = within(form(canvasElement));
    await expect(settings.getByLabelText('Base URL')).toHaveValue(acmeDirectory.baseUrl);
    await expect(settings.getByLabelText('API token')).toHaveAccessibleDescription(
      'Set. Leave blank to keep it.',
    );
    await expect(settings.getByLabelText('Sync schedule')).toHaveValue('60');
    await expect(settings.queryByRole('option', { name: 'Owner' })).toBeNull();
    await userEvent.click(within(root).getByRole('button', { name: 'Sync now' }));
    await expect(await within(root).findByText('Sync finished.')).toBeVisible();
    await expect(run.getByText('Succeeded (on demand)')).toBeVisible();
  },
};

/** The last run failed: its error and code; syncing again fails the same way (502). */
export const LastRunFailed: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.failed() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'ready');
    const run = canvasElement.querySelector('[data-catalyst="directory-last-run"]');
    await expect(run).toHaveAttribute('data-status', 'failed');
    await expect(
      status(canvasElement).getByText('authentik answered HTTP 401 (idp_unavailable)'),
    ).toBeVisible();
    await userEvent.click(within(root).getByRole('button', { name: 'Sync now' }));
    const alert = await within(root).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'idp_unavailable');
    await expect(alert).toHaveTextContent(
      'The directory could not be read: authentik answered HTTP 401',
    );
  },
};

/** A slow sync: "Sync now" is busy until the run ends, then its result. */
export const Syncing: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.slowSync() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'ready');
    await userEvent.click(within(root).getByRole('button', { name: 'Sync now' }));
    const busy = await within(root).findByRole('button', { name: 'Syncing…' });
    await expect(busy).toBeDisabled();
    await expect(busy).toHaveAttribute('data-state', 'pending');
    await expect(root).toHaveAttribute('data-syncing');
    await waitFor(() => expect(within(root).getByText('Sync finished.')).toBeVisible(), {
      timeout: 5000,
    });
    await expect(within(root).getByRole('button', { name: 'Sync now' })).toBeEnabled();
  },
};

/** Keycloak: its realm and client, the credential called a client secret; on demand only. */
export const Keycloak: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.keycloak() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'ready');
    await expect(root).toHaveAttribute('data-provider', 'keycloak');
    const settings = within(form(canvasElement));
    await expect(settings.getByLabelText('Realm')).toHaveValue('acme');
    await expect(settings.getByLabelText('Client ID')).toHaveValue('catalyst-sync');
    await expect(settings.getByLabelText('Client secret')).toHaveValue('');
    await expect(status(canvasElement).getByText('Not synced yet.')).toBeVisible();
    await expect(status(canvasElement).getByText('Not scheduled: on demand only.')).toBeVisible();
    // Another realm is another directory: the secret is needed again.
    const realm = settings.getByLabelText('Realm');
    await userEvent.clear(realm);
    await userEvent.type(realm, 'acme-staff');
    await userEvent.click(settings.getByRole('button', { name: 'Save' }));
    const secret = settings.getByLabelText('Client secret');
    await waitFor(() => expect(secret).toHaveAttribute('aria-invalid', 'true'));
    await userEvent.type(secret, 'kc-secret');
    await userEvent.click(settings.getByRole('button', { name: 'Save' }));
    await expect(await within(root).findByText('Directory saved.')).toBeVisible();
  },
};

/** Field errors land on their inputs: the server's on a private base URL, then a missing realm. */
export const FieldErrors: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'directory-settings', 'empty');
    const connect = within(form(canvasElement));
    const base = connect.getByLabelText('Base URL');
    await userEvent.type(base, 'https://10.0.0.5');
    await userEvent.type(connect.getByLabelText('API token'), 'ak-token');
    await userEvent.click(connect.getByRole('button', { name: 'Connect directory' }));
    await waitFor(() => expect(base).toHaveAttribute('aria-invalid', 'true'));
    await expect(connect.getByRole('alert')).toHaveAttribute('data-code', 'invalid_issuer');
    await userEvent.selectOptions(connect.getByLabelText('Directory'), 'Keycloak');
    await userEvent.clear(base);
    await userEvent.type(base, 'https://id.acme.example');
    await userEvent.click(connect.getByRole('button', { name: 'Connect directory' }));
    const realm = connect.getByLabelText('Realm');
    await waitFor(() => expect(realm).toHaveAttribute('aria-invalid', 'true'));
    await expect(base).not.toHaveAttribute('aria-invalid');
  },
};

/** Disconnecting asks first; then the connect form again. */
export const Disconnect: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.connected() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'directory-settings', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect directory' }));
    const confirm = canvas.getByRole('group', { name: 'Disconnect directory' });
    await expect(within(confirm).getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await expectState(canvasElement, 'directory-settings', 'empty');
    await expect(await canvas.findByText('Directory disconnected.')).toBeVisible();
    await expect(form(canvasElement)).toHaveAccessibleName('Connect a directory');
  },
};

/** An admin: no `directory:manage` (owners only), so nothing is even asked for. */
export const Forbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin),
        directory: [],
        roles: [],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'forbidden');
    await expect(
      within(root).getByText("Only the organization's owners can manage directory sync."),
    ).toBeVisible();
    await expect(within(root).queryByRole('form')).toBeNull();
    await expect(within(root).queryByRole('button')).toBeNull();
  },
};

/** The server refuses (403) although the session said owner. */
export const ServerForbidden: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'directory-settings', 'forbidden');
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'directory-settings', 'loading');
  },
};

/** Loading failed (the store is down); "Try again" loads it once the store is back. */
export const LoadError: Story = {
  parameters: { msw: { handlers: { directory: directoryHandlers.errorThenReady() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'error');
    await expect(within(root).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
    await userEvent.click(within(root).getByRole('button', { name: 'Try again' }));
    await expectState(canvasElement, 'directory-settings', 'ready');
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'directory-settings', 'ready');
    await expect(getComputedStyle(root).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
