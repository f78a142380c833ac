import { SsoSettings } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { acmeConnection, authHandlers, roleHandlers, ssoSettingsHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's own provider; Ada is signed in with Acme active, as its owner unless a story says. */
const meta = {
  title: 'Orgs/SsoSettings',
  component: SsoSettings,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        roles: roleHandlers.populated,
        sso: ssoSettingsHandlers.connected(),
      },
    },
  },
} satisfies Meta<typeof SsoSettings>;

export default meta;
type Story = StoryObj<typeof meta>;

const form = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('form', {
    name: /^(Provider settings|Connect an OpenID provider)$/,
  });

/** Connected: the provider at a glance, its redirect URI to copy, and its settings form. */
export const Connected: Story = {
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'ready');
    const canvas = within(root);
    const details = canvas.getByRole('group', { name: 'Connected provider' });
    await expect(within(details).getByText('Acme Okta')).toBeVisible();
    await expect(within(details).getByText('A client secret is set.')).toBeVisible();
    const redirect = canvas.getByRole('group', { name: 'Redirect URI' });
    await expect(within(redirect).getByText(acmeConnection.redirectUri)).toBeVisible();
    await expect(within(redirect).getByRole('button', { name: 'Copy redirect URI' })).toBeEnabled();
    const settings = within(form(canvasElement));
    await expect(settings.getByLabelText('Issuer URL')).toHaveValue(acmeConnection.issuer);
    await expect(settings.getByLabelText('Keep the current secret')).toBeChecked();
    await expect(settings.getByLabelText('Role of new members')).toHaveValue('member');
    await expect(settings.queryByRole('option', { name: 'Owner' })).toBeNull();
  },
};

/** Empty: nothing connected; "Connect a provider" opens the form, and saving connects it. */
export const EmptyThenConnect: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'empty');
    const canvas = within(root);
    await expect(canvas.getByText('No identity provider is connected.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Connect a provider' }));
    const connect = within(form(canvasElement));
    await userEvent.type(connect.getByLabelText('Button name'), 'Acme Keycloak');
    await userEvent.type(
      connect.getByLabelText('Issuer URL'),
      'https://id.acme.example/realms/acme',
    );
    await userEvent.type(connect.getByLabelText('Client ID'), 'catalyst');
    await userEvent.type(connect.getByLabelText('Client secret'), 'keycloak-secret');
    await userEvent.click(connect.getByRole('button', { name: 'Save provider' }));
    await expectState(canvasElement, 'sso-settings', 'ready');
    await expect(await canvas.findByText('Provider saved.')).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Redirect URI' })).toBeVisible();
  },
};

/** The server's field errors land on their inputs: a private issuer, scopes without openid. */
export const FieldErrors: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.connected() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'sso-settings', 'ready');
    const settings = within(form(canvasElement));
    const issuer = settings.getByLabelText('Issuer URL');
    await userEvent.clear(issuer);
    await userEvent.type(issuer, 'https://10.0.0.5/internal');
    await userEvent.click(settings.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(issuer).toHaveAttribute('aria-invalid', 'true'));
    await expect(settings.getByRole('alert')).toHaveAttribute('data-code', 'invalid_issuer');
    await userEvent.clear(issuer);
    await userEvent.type(issuer, 'https://acme.okta.example');
    const scopes = settings.getByLabelText('Scopes');
    await userEvent.clear(scopes);
    await userEvent.type(scopes, 'email profile');
    await userEvent.click(settings.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(scopes).toHaveAttribute('aria-invalid', 'true'));
    await expect(issuer).not.toHaveAttribute('aria-invalid');
  },
};

/** The write-only secret: replace needs a new one; remove makes a public client. */
export const ReplaceOrRemoveSecret: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.connected() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'ready');
    const settings = within(form(canvasElement));
    await userEvent.click(settings.getByLabelText('Replace it'));
    await userEvent.click(settings.getByRole('button', { name: 'Save provider' }));
    const secret = settings.getByLabelText('New client secret');
    await waitFor(() => expect(secret).toHaveAttribute('aria-invalid', 'true'));
    await userEvent.click(settings.getByLabelText('Remove it (public client)'));
    await userEvent.click(settings.getByRole('button', { name: 'Save provider' }));
    const details = within(root).getByRole('group', { name: 'Connected provider' });
    await expect(
      await within(details).findByText('No client secret is set (a public client).'),
    ).toBeVisible();
  },
};

/** Requiring the provider for the verified domains: the warning is tied to the toggle. */
export const RequireWarning: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'sso-settings', 'ready');
    const toggle = within(form(canvasElement)).getByLabelText(
      'Require single sign-on for our verified domains',
    );
    await userEvent.click(toggle);
    await expect(toggle).toBeChecked();
    await expect(toggle).toHaveAccessibleDescription(/^Warning: everyone with an address/);
    const warning = canvasElement.querySelector('[data-catalyst="sso-required-warning"]');
    await expect(warning).toHaveAttribute('data-active');
  },
};

/** Saving: the request is out; the form is busy and its button disabled. */
export const Saving: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.savePending() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'sso-settings', 'ready');
    const settings = form(canvasElement);
    await userEvent.click(within(settings).getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(settings).toHaveAttribute('data-state', 'pending'));
    await expect(within(settings).getByRole('button', { name: 'Save provider' })).toBeDisabled();
  },
};

/** Disconnecting asks first; then the empty state. */
export const Disconnect: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.connected() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'sso-settings', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect provider' }));
    const confirm = canvas.getByRole('group', { name: 'Disconnect provider' });
    await expect(within(confirm).getByRole('button', { name: 'Disconnect' })).toHaveFocus();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await expectState(canvasElement, 'sso-settings', 'empty');
    await expect(await canvas.findByText('Provider disconnected.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'sso-settings', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.error } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'error');
    await expect(within(root).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** An admin: no `sso:manage` (owners only), so nothing is even asked for. */
export const AdminForbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin),
        sso: [],
        roles: [],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'forbidden');
    await expect(
      within(root).getByText("Only the organization's owners can manage single sign-on."),
    ).toBeVisible();
    await expect(within(root).queryByRole('form')).toBeNull();
  },
};

/** The server refuses (403) although the session said owner. */
export const ServerForbidden: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'sso-settings', 'forbidden');
  },
};

/** No org is active. */
export const NoOrg: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), sso: [], roles: [] } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'empty');
    await expect(within(root).getByText('No organization selected.')).toBeVisible();
    await expect(within(root).queryByRole('button')).toBeNull();
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'sso-settings', 'ready');
    await expect(getComputedStyle(root).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
