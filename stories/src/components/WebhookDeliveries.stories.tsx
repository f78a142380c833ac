import { WebhookDeliveries } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, webhookHandlers } from '../handlers';
import { expectState } from '../play';
import { billingHook } from '../webhook-fixtures';

/** One endpoint's deliveries (Acme's billing endpoint), on their own. */
const meta = {
  title: 'Webhooks/WebhookDeliveries',
  component: WebhookDeliveries,
  args: { orgId: acme.id, webhook: billingHook },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        webhooks: webhookHandlers.withDeliveries(),
      },
    },
  },
} satisfies Meta<typeof WebhookDeliveries>;

export default meta;
type Story = StoryObj<typeof meta>;

const statuses = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="webhook-delivery"]')].map((r) =>
    r.getAttribute('data-status'),
  );

/** Event, status, attempts, last response and time; the pending one says when it is tried next. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'webhook-deliveries', 'ready');
    await expect(panel).toHaveAttribute('data-underway');
    await expect(statuses(canvasElement)).toEqual(['pending', 'delivered', 'dead']);
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('table', { name: `Deliveries to ${billingHook.url}` }),
    ).toBeVisible();
    await expect(canvas.getByText(/^Next attempt /)).toBeVisible();
    await userEvent.selectOptions(canvas.getByLabelText('Status'), 'dead');
    await waitFor(() => expect(statuses(canvasElement)).toEqual(['dead']));
  },
};

/** A delivery's attempts expanded: status codes, durations, response excerpts (as text), errors. */
export const AttemptLog: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-deliveries', 'ready');
    const canvas = within(canvasElement);
    const toggle = canvas.getByRole('button', { name: /^Attempts of membership\.removed/ });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const log = await waitFor(() => {
      const found = canvasElement.querySelector<HTMLElement>(
        '[data-catalyst="webhook-attempts"][data-state="ready"]',
      );
      expect(found).not.toBeNull();
      return found!;
    });
    // Markup in a response body stays text.
    await expect(
      within(log).getByText('<html><body>Internal Server Error</body></html>'),
    ).toBeVisible();
    await expect(within(log).getAllByText('500')).toHaveLength(2);
    await expect(within(log).getByText('No response')).toBeVisible();
  },
};

/** Older deliveries behind "Show more". */
export const Paged: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.deliveriesPaged } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-deliveries', 'ready');
    await expect(statuses(canvasElement)).toEqual(['pending', 'delivered']);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(statuses(canvasElement)).toEqual(['pending', 'delivered', 'dead']));
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.deliveriesEmpty } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-deliveries', 'empty');
    await expect(within(canvasElement).getByText('No deliveries yet.')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.deliveriesLoading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-deliveries', 'loading');
    await expect(within(canvasElement).getByText('Loading deliveries…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { webhooks: webhookHandlers.deliveriesError } } },
  play: async ({ canvasElement }) => {
    const panel = await expectState(canvasElement, 'webhook-deliveries', 'error');
    await expect(within(panel).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};
