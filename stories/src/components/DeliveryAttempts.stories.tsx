import { DeliveryAttempts } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, webhookHandlers } from '../handlers';
import { webhookStateHandlers } from '../handlers/webhook-states';
import { expectState } from '../play';
import { billingHook } from '../webhook-fixtures';

/** Every attempt of one delivery to Acme's billing endpoint, oldest first. */
const meta = {
  title: 'Webhooks/DeliveryAttempts',
  component: DeliveryAttempts,
  args: { orgId: acme.id, webhookId: billingHook.id, deliveryId: 'dlv_dead' },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        webhooks: webhookHandlers.withDeliveries(),
      },
    },
  },
} satisfies Meta<typeof DeliveryAttempts>;

export default meta;
type Story = StoryObj<typeof meta>;

const attempts = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>('[data-catalyst="webhook-attempt"]'),
];

/**
 * A dead delivery: two 500s with their response bodies (shown as text, never as markup), then no
 * response at all and the connection error.
 */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'ready');
    await expect(root).not.toHaveAttribute('aria-busy');
    const [first, second, third] = attempts(root);
    await expect(attempts(root)).toHaveLength(3);

    await expect(first).toHaveAttribute('data-status-code', '500');
    await expect(first).not.toHaveAttribute('data-ok');
    const one = within(first!);
    await expect(one.getByText('Attempted')).toBeVisible();
    await expect(one.getByText('500')).toBeVisible();
    await expect(one.getByText('312 ms')).toBeVisible();
    await expect(one.getByText('<html><body>Internal Server Error</body></html>')).toBeVisible();
    await expect(first!.querySelector('pre body, pre html')).toBeNull();
    await expect(first!.querySelector('[data-catalyst="webhook-attempt-error"]')).toBeNull();

    await expect(within(second!).getByText('{"error":"database is down"}')).toBeVisible();

    await expect(third).not.toHaveAttribute('data-status-code');
    const three = within(third!);
    await expect(three.getByText('No response')).toBeVisible();
    await expect(three.getByText('15000 ms')).toBeVisible();
    await expect(three.getByText('connect ECONNREFUSED')).toBeVisible();
    await expect(third!.querySelector('[data-catalyst="webhook-attempt-response"]')).toBeNull();
  },
};

/** A delivered one: its single attempt, answered 200 (`data-ok`). */
export const Delivered: Story = {
  args: { deliveryId: 'dlv_delivered' },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'ready');
    const [only] = attempts(root);
    await expect(attempts(root)).toHaveLength(1);
    await expect(only).toHaveAttribute('data-status-code', '200');
    await expect(only).toHaveAttribute('data-ok');
    await expect(within(only!).getByText('ok')).toBeVisible();
    await expect(within(only!).getByText('84 ms')).toBeVisible();
  },
};

/** Queued but not tried yet. */
export const Empty: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.attemptsEmpty } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'empty');
    await expect(within(root).getByText('No attempts yet.')).toBeVisible();
    await expect(attempts(root)).toHaveLength(0);
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.attemptsLoading } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'loading');
    await expect(root).toHaveAttribute('aria-busy', 'true');
    await expect(within(root).getByText('Loading attempts…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.attemptsError } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'error');
    const alert = within(root).getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'store_unavailable');
    await expect(alert).toHaveTextContent('the auth store is unavailable');
    await expect(attempts(root)).toHaveLength(0);
  },
};

/** A plain member of Acme (no `webhooks:manage`): nothing is asked of the server. */
export const Forbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        webhooks: webhookStateHandlers.attemptsForbidden,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'forbidden');
    await expect(
      within(root).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(root).queryByRole('alert')).toBeNull();
  },
};

/** The session says owner, the server answers 403: forbidden, not an error. */
export const ForbiddenByServer: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.attemptsForbidden } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-attempts', 'forbidden');
    await expect(
      within(root).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(root).queryByRole('alert')).toBeNull();
  },
};
