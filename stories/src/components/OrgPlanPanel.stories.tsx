import { OrgPlanPanel } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession, grace } from '../fixtures';
import { authHandlers, planHandlers } from '../handlers';
import { freeEntitlements } from '../org-admin-fixtures';
import { expectState } from '../play';

/** Acme's plan and labels; Ada is signed in with Acme active, as its owner unless a story says. */
const meta = {
  title: 'Orgs/OrgPlanPanel',
  component: OrgPlanPanel,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        plan: planHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof OrgPlanPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const labels = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="org-plan-label"]')].map((l) =>
    l.getAttribute('data-label'),
  );

/** Populated: the plan, its features and limits, an override; the owner adds and removes labels. */
export const Populated: Story = {
  parameters: { msw: { handlers: { plan: planHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'ready');
    await expect(panel).toHaveAttribute('data-can-edit');
    const canvas = within(panel);
    await expect(
      within(canvas.getByRole('group', { name: 'Plan' })).getByText('pro'),
    ).toBeVisible();
    const features = within(canvas.getByRole('group', { name: 'Features' }));
    await expect(features.getAllByRole('listitem')).toHaveLength(2);
    await expect(canvasElement.querySelector('[data-limit="members"]')).toHaveTextContent('50');
    await expect(
      within(canvas.getByRole('group', { name: 'Member overrides' })).getByText(grace.id),
    ).toBeVisible();

    await userEvent.type(canvas.getByLabelText('New label'), 'tier:gold');
    await userEvent.click(canvas.getByRole('button', { name: 'Add label' }));
    await waitFor(() => expect(labels(canvasElement)).toEqual(['region:eu', 'tier:gold']));
    await expect(canvas.getByRole('status')).toHaveTextContent('Labels saved.');
    await userEvent.click(canvas.getByRole('button', { name: 'Remove region:eu' }));
    await waitFor(() => expect(labels(canvasElement)).toEqual(['tier:gold']));
  },
};

/** A malformed label: the server's 400 (`labels.1`) lands on the new-label field. */
export const InvalidLabel: Story = {
  parameters: { msw: { handlers: { plan: planHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'org-plan', 'ready'));
    await userEvent.type(canvas.getByLabelText('New label'), 'no colon here');
    await userEvent.click(canvas.getByRole('button', { name: 'Add label' }));
    const field = canvas.getByLabelText('New label');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByRole('alert')).toHaveTextContent('key:value');
    await expect(labels(canvasElement)).toEqual(['region:eu']);
  },
};

/** Permission-limited: a member reads the plan and labels; no editor, no overrides. */
export const MemberView: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        plan: planHandlers.memberView(),
      },
    },
  },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'ready');
    await expect(panel).not.toHaveAttribute('data-can-edit');
    const canvas = within(panel);
    await expect(labels(canvasElement)).toEqual(['region:eu']);
    await expect(canvas.queryByLabelText('New label')).toBeNull();
    await expect(canvas.queryAllByRole('button')).toHaveLength(0);
    await expect(canvas.queryByRole('group', { name: 'Member overrides' })).toBeNull();
  },
};

/** Empty entitlements: no plan, no features, no limits. */
export const NoPlan: Story = {
  parameters: { msw: { handlers: { plan: planHandlers.editable(freeEntitlements, []) } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'org-plan', 'ready'));
    await expect(canvas.getByText('No plan')).toBeVisible();
    await expect(canvas.getByText('No features.')).toBeVisible();
    await expect(canvas.getByText('No limits.')).toBeVisible();
    await expect(canvas.getByText('No labels.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { plan: planHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-plan', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { plan: planHandlers.error } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'error');
    await expect(within(panel).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** The server refuses (`403`). */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { plan: planHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'forbidden');
    await expect(
      within(panel).getByText('You cannot see the plan of this organization.'),
    ).toBeVisible();
  },
};

/** No org is active. */
export const NoOrg: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), plan: [] } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'empty');
    await expect(within(panel).getByText('No organization selected.')).toBeVisible();
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'org-plan', 'ready');
    await expect(getComputedStyle(panel).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
