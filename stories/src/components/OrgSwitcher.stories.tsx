import { OrgSwitcher } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession, myInvitations, orgSuggestions } from '../fixtures';
import { authHandlers, meHandlers, orgHandlers, orgSwitcherWorld } from '../handlers';
import { expectState } from '../play';

/** Ada, signed in with Acme active; she also belongs to Globex. */
const meta = {
  title: 'Orgs/OrgSwitcher',
  component: OrgSwitcher,
  args: { onSwitch: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        orgs: orgSwitcherWorld(),
      },
    },
  },
} satisfies Meta<typeof OrgSwitcher>;

export default meta;
type Story = StoryObj<typeof meta>;

const trigger = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('button', { expanded: false });

async function open(canvasElement: HTMLElement) {
  await userEvent.click(trigger(canvasElement));
  return within(canvasElement).getByRole('menu');
}

/** My orgs, the active one checked; focus starts on it. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    await expect(trigger(canvasElement)).toHaveTextContent('Acme Inc');
    const menu = await open(canvasElement);
    const active = within(menu).getByRole('menuitemradio', { checked: true });
    await expect(active).toHaveTextContent('Acme Inc');
    await expect(active).toHaveFocus();
    await expect(within(menu).getByRole('menuitemradio', { name: 'Globex' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect(within(canvasElement).queryByRole('menu')).toBeNull();
  },
};

/** Choosing another org switches the session at once. */
export const Switches: Story = {
  parameters: { msw: { handlers: { orgs: orgSwitcherWorld() } } },
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    const menu = await open(canvasElement);
    await userEvent.click(within(menu).getByRole('menuitemradio', { name: 'Globex' }));
    await waitFor(() => expect(trigger(canvasElement)).toHaveTextContent('Globex'));
    await expect(args.onSwitch).toHaveBeenCalledWith(expect.objectContaining({ slug: 'globex' }));
  },
};

/** Pending mutation: the switch is out; the switcher says so. */
export const Switching: Story = {
  parameters: { msw: { handlers: { orgs: orgSwitcherWorld({ switching: 'pending' }) } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    const menu = await open(canvasElement);
    await userEvent.click(within(menu).getByRole('menuitemradio', { name: 'Globex' }));
    const root = canvasElement.querySelector('[data-catalyst="org-switcher"]')!;
    await waitFor(() => expect(root).toHaveAttribute('data-pending'));
    await expect(trigger(canvasElement)).toHaveAttribute('aria-busy', 'true');
  },
};

/** A failed switch shows the server's error; the active org stays. */
export const SwitchFails: Story = {
  parameters: { msw: { handlers: { orgs: orgSwitcherWorld({ switching: 'fail' }) } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    const menu = await open(canvasElement);
    await userEvent.click(within(menu).getByRole('menuitemradio', { name: 'Globex' }));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'not_found');
    await expect(trigger(canvasElement)).toHaveTextContent('Acme Inc');
  },
};

/** Pending invitations (accept or decline) and orgs suggested by my email domain. */
export const InvitationsAndSuggestions: Story = {
  parameters: {
    msw: {
      handlers: {
        orgs: orgSwitcherWorld({ invitations: myInvitations, suggestions: orgSuggestions }),
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    let menu = await open(canvasElement);
    const invitations = await within(menu).findByRole('group', { name: 'Invitations' });
    await userEvent.click(within(invitations).getByRole('menuitem', { name: 'Join Initech' }));
    menu = await open(canvasElement);
    await expect(await within(menu).findByRole('menuitemradio', { name: 'Initech' })).toBeVisible();
    await expect(within(menu).queryByRole('group', { name: 'Invitations' })).toBeNull();
    const suggested = within(menu).getByRole('group', { name: 'Suggested for you' });
    await userEvent.click(within(suggested).getByRole('menuitem', { name: 'Ask to join Hooli' }));
    menu = await open(canvasElement);
    await expect(
      await within(menu).findByRole('menuitem', { name: 'Asked to join Hooli' }),
    ).toHaveAttribute('aria-disabled', 'true');
  },
};

/** "Create organization" opens an inline `<CreateOrg>`; the new org becomes active. */
export const CreateOrgInline: Story = {
  parameters: { msw: { handlers: { orgs: orgSwitcherWorld() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectState(canvasElement, 'org-switcher', 'ready');
    const menu = await open(canvasElement);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Create organization' }));
    const panel = canvas.getByRole('group', { name: 'New organization' });
    await expect(within(panel).getByLabelText('Organization name')).toHaveFocus();
    await userEvent.type(within(panel).getByLabelText('Organization name'), 'Babbage Labs');
    await userEvent.click(within(panel).getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(trigger(canvasElement)).toHaveTextContent('Babbage Labs'));
    await expect(canvas.queryByRole('group', { name: 'New organization' })).toBeNull();
  },
};

/** Empty: in no org yet; the create entry is still there. */
export const Empty: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), orgs: orgSwitcherWorld({ orgs: [] }) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'empty');
    await expect(trigger(canvasElement)).toHaveTextContent('No organization');
    const menu = await open(canvasElement);
    await expect(
      within(menu).getByRole('menuitem', { name: 'You are not in any organization yet.' }),
    ).toHaveAttribute('aria-disabled', 'true');
    await expect(within(menu).getByRole('menuitem', { name: 'Create organization' })).toBeVisible();
  },
};

/** Loading: the trigger already names the active org (from the session); the list is on its way. */
export const Loading: Story = {
  parameters: {
    msw: {
      handlers: {
        orgs: [
          ...orgHandlers.mineLoading,
          ...meHandlers.noInvitations,
          ...meHandlers.noSuggestions,
        ],
      },
    },
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(trigger(canvasElement)).toHaveTextContent('Acme Inc'));
    await expectState(canvasElement, 'org-switcher', 'loading');
    const menu = await open(canvasElement);
    await expect(
      within(menu).getByRole('menuitem', { name: 'Loading organizations…' }),
    ).toHaveAttribute('aria-disabled', 'true');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        orgs: [...orgHandlers.mineError, ...meHandlers.noInvitations, ...meHandlers.noSuggestions],
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: nobody is signed in; the trigger is disabled. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, orgs: orgHandlers.mineForbidden } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'forbidden');
    await expect(
      within(canvasElement).getByText('Sign in to see your organizations.'),
    ).toBeVisible();
    await expect(within(canvasElement).getByRole('button')).toBeDisabled();
  },
};

/** With `@catalyst/react/styles.css`, menu open: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  parameters: {
    msw: {
      handlers: {
        orgs: orgSwitcherWorld({ invitations: myInvitations, suggestions: orgSuggestions }),
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-switcher', 'ready');
    const menu = await open(canvasElement);
    await within(menu).findByRole('group', { name: 'Invitations' });
    await expect(getComputedStyle(menu).position).toBe('absolute');
  },
};
