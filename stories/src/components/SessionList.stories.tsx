import { AuthProvider, SessionList, useAuthClient } from '@catalyst/react';
import type * as React from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { authHandlers, sessionHandlers } from '../handlers';
import { expectState } from '../play';

const meta = {
  title: 'Account/SessionList',
  component: SessionList,
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), sessions: sessionHandlers.populated } },
  },
} satisfies Meta<typeof SessionList>;

export default meta;

/** A nested provider reusing the story's client, with French words. */
function LocalizedProvider({ children }: { children: React.ReactNode }) {
  return (
    <AuthProvider client={useAuthClient()} localization={FRENCH}>
      {children}
    </AuthProvider>
  );
}

const FRENCH = {
  locale: 'fr-FR',
  sessionList: { thisDevice: 'Cet appareil', revoke: 'Révoquer', revokeLabel: 'Révoquer {device}' },
};
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'ready');
    const canvas = within(list);
    await expect(canvas.getByText('Firefox on macOS')).toBeVisible();
    await expect(canvas.getByText('Unknown device')).toBeVisible();
    // A revoke button for each other device, none for this one.
    await expect(canvas.getAllByRole('button', { name: /^Revoke/ })).toHaveLength(2);
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { sessions: sessionHandlers.empty } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'empty');
    await expect(within(list).queryAllByRole('listitem')).toHaveLength(0);
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { sessions: sessionHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'session-list', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { sessions: sessionHandlers.error } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'error');
    await expect(within(list).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, sessions: sessionHandlers.forbidden } },
  },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'forbidden');
    await expect(within(list).getByText('Sign in to see your sessions.')).toBeVisible();
    await expect(within(list).queryByRole('button')).toBeNull();
  },
};

/** Revoking another device removes it from the list (the list query is invalidated and reloads). */
export const Revoke: Story = {
  parameters: { msw: { handlers: { sessions: sessionHandlers.revocable() } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'ready');
    const canvas = within(list);
    const items = () => list.querySelectorAll('[data-catalyst="session"]');
    const before = items().length;
    const [first] = canvas.getAllByRole('button', { name: /^Revoke/ });
    await userEvent.click(first!);
    await waitFor(() => expect(items()).toHaveLength(before - 1));
    await expect(canvas.getByText('This device')).toBeVisible();
  },
};

/** Words from the provider's `localization`, dates through Intl for its `locale`. */
export const Localized: Story = {
  render: () => <SessionList />,
  decorators: [
    (Story) => (
      <LocalizedProvider>
        <Story />
      </LocalizedProvider>
    ),
  ],
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'session-list', 'ready');
    await expect(within(list).getByText('Cet appareil')).toBeVisible();
    await expect(within(list).getAllByRole('button', { name: /^Révoquer/ })).toHaveLength(2);
  },
};
