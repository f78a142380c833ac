import { UserProfile } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import {
  authHandlers,
  keyHandlers,
  orgSwitcherWorld,
  passkeyHandlers,
  profileHandlers,
  sessionHandlers,
  stepUpHandlers,
} from '../handlers';
import { expectState } from '../play';
import { profileFields } from '../profile-fixtures';

/** Ada's account page: Profile, Security, API keys, Organizations. */
const meta = {
  title: 'Profile/UserProfile',
  component: UserProfile,
  args: { fields: profileFields },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(),
        profile: profileHandlers.populated(),
        mfa: stepUpHandlers.accepting(),
        passkeys: passkeyHandlers.populated(),
        sessions: sessionHandlers.populated,
        keys: keyHandlers.editable(),
        orgs: orgSwitcherWorld(),
      },
    },
  },
} satisfies Meta<typeof UserProfile>;

export default meta;
type Story = StoryObj<typeof meta>;

const tab = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement).getByRole('tab', { name });

/** Populated: the profile tab, with the avatar and the form. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile', 'ready');
    await expect(tab(canvasElement, 'Profile')).toHaveAttribute('aria-selected', 'true');
    const panel = within(canvasElement).getByRole('tabpanel', { name: 'Profile' });
    await expectState(panel, 'user-profile-form', 'ready');
    await expect(within(panel).getByRole('img', { name: 'Your avatar' })).toBeVisible();
    await expect(within(panel).getByLabelText('Company')).toBeVisible();
  },
};

/** The security tab, its code loaded on demand: password, authenticator app, passkeys, devices. */
export const Security: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile', 'ready');
    // Keyboard: arrow keys move between the tabs and open the one they land on.
    tab(canvasElement, 'Profile').focus();
    await userEvent.keyboard('{ArrowRight}');
    const panel = within(await within(canvasElement).findByRole('tabpanel', { name: 'Security' }));
    await expect(await panel.findByRole('form', { name: 'Change password' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Authenticator app' })).toBeVisible();
    await expect(
      await panel.findByRole('button', { name: 'Turn off the authenticator app' }),
    ).toBeVisible();
    await expectState(canvasElement, 'passkey-list', 'ready');
    await expectState(canvasElement, 'session-list', 'ready');
  },
};

/** The API keys tab: the caller's own keys. */
export const ApiKeys: Story = {
  args: { defaultSection: 'keys' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile', 'ready');
    await expect(tab(canvasElement, 'API keys')).toHaveAttribute('aria-selected', 'true');
    const manager = await expectState(canvasElement, 'key-manager', 'ready');
    await expect(manager).toHaveAttribute('data-owner', 'me');
  },
};

/** The organizations tab: the org switcher. */
export const Organizations: Story = {
  args: { defaultSection: 'orgs' },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile', 'loading');
    await expect(within(canvasElement).queryByRole('tablist')).toBeNull();
  },
};

/** The profile cannot be read: the tabs stay (the other sections work), the profile tab says why. */
export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { profile: profileHandlers.error } } },
  play: async ({ canvasElement }) => {
    const form = await expectState(canvasElement, 'user-profile-form', 'error');
    const panel = within(canvasElement).getByRole('tabpanel', { name: 'Profile' });
    await expect(within(form).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
    await expect(panel).toContainElement(form);
    await expect(tab(canvasElement, 'Security')).toBeEnabled();
  },
};

/** Forbidden: signed out; no tabs. */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedOut } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile', 'forbidden');
    await expect(within(canvasElement).getByText('Sign in to see your profile.')).toBeVisible();
    await expect(within(canvasElement).queryByRole('tablist')).toBeNull();
  },
};
