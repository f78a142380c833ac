import { UserButton } from '@catalyst/react';
import { http } from 'msw';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import {
  authHandlers,
  hang,
  impersonationWorld,
  orgSwitcherWorld,
  profileHandlers,
  route,
} from '../handlers';
import { adaWithoutAvatar } from '../profile-fixtures';

/** Ada's account menu, Acme active; her profile has an avatar unless a story says. */
const meta = {
  title: 'Account/UserButton',
  component: UserButton,
  args: { profileUrl: '/dashboard/profile' },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        profile: profileHandlers.populated(),
        orgs: orgSwitcherWorld(),
      },
    },
  },
} satisfies Meta<typeof UserButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-catalyst="user-button"]')!;
const trigger = (canvasElement: HTMLElement, name = 'Ada Lovelace') =>
  within(canvasElement).findByRole('button', { name });

/** Populated: the avatar opens the menu: who, profile, my orgs (Acme checked), sign out. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const button = await trigger(canvasElement);
    await waitFor(() =>
      expect(button.querySelector('[data-catalyst="user-button-avatar-image"]')).not.toBeNull(),
    );
    await userEvent.click(button);
    const menu = within(within(canvasElement).getByRole('menu'));
    await expect(menu.getByText(ada.email)).toBeVisible();
    const profile = menu.getByRole('menuitem', { name: 'Profile' });
    await expect(profile).toHaveFocus();
    await expect(profile).toHaveAttribute('href', '/dashboard/profile');
    await expect(await menu.findByRole('menuitemradio', { name: acme.name })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
    await expect(menu.queryByRole('menuitem', { name: 'Stop impersonating' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    await expect(within(canvasElement).queryByRole('menu')).toBeNull();
    await expect(button).toHaveFocus();
  },
};

/** Empty: no avatar, so the initials. */
export const Initials: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.populated(adaWithoutAvatar) } } },
  play: async ({ canvasElement }) => {
    const button = await trigger(canvasElement);
    await expect(button.querySelector('[data-catalyst="user-button-avatar"]')).toHaveTextContent(
      'AL',
    );
  },
};

/** Impersonating: Grace (an admin) acts as Ada; the banner says so, and the menu stops it. */
export const Impersonating: Story = {
  parameters: { msw: { handlers: { auth: impersonationWorld() } } },
  play: async ({ canvasElement }) => {
    const button = await trigger(canvasElement);
    await expect(root(canvasElement)).toHaveAttribute('data-impersonating');
    const banner = canvasElement.querySelector('[data-catalyst="user-button-impersonation"]');
    await expect(banner).toHaveTextContent('Impersonating Ada Lovelace as Grace Hopper');
    await userEvent.click(button);
    await userEvent.click(
      within(canvasElement).getByRole('menuitem', { name: 'Stop impersonating' }),
    );
    await trigger(canvasElement, 'Grace Hopper');
    await expect(root(canvasElement)).not.toHaveAttribute('data-impersonating');
    await expect(
      canvasElement.querySelector('[data-catalyst="user-button-impersonation"]'),
    ).toBeNull();
  },
};

/** Stopping fails: the menu closes and an alert says why; the impersonation goes on. */
export const StopFails: Story = {
  parameters: { msw: { handlers: { auth: impersonationWorld({ stop: 'fail' }) } } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await trigger(canvasElement));
    await userEvent.click(
      within(canvasElement).getByRole('menuitem', { name: 'Stop impersonating' }),
    );
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
    await expect(root(canvasElement)).toHaveAttribute('data-impersonating');
  },
};

/** What the sign-out handler saw (the story resets it). */
const asked = { signOut: false };

/** Signing out: the request goes out (it never answers here, so the preview stays). */
export const SigningOut: Story = {
  parameters: {
    msw: {
      handlers: {
        signOut: [
          http.post(route('/sign-out'), () => {
            asked.signOut = true;
            return hang();
          }),
        ],
      },
    },
  },
  play: async ({ canvasElement }) => {
    asked.signOut = false;
    await userEvent.click(await trigger(canvasElement));
    await userEvent.click(within(canvasElement).getByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(asked.signOut).toBe(true));
  },
};
export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'loading');
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

/** Forbidden: signed out; no button at all. */
export const SignedOut: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedOut, profile: [], orgs: [] } } },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'forbidden'));
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};
