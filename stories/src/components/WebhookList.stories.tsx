import { WebhookList } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, webhookHandlers } from '../handlers';
import { webhookStateHandlers } from '../handlers/webhook-states';
import { expectState } from '../play';
import { auditHook, billingHook, failingHook, flakyHook, goneHook } from '../webhook-fixtures';

/** Acme's webhook endpoints as a list alone (no registration form), managed by its owner Ada. */
const meta = {
  title: 'Webhooks/WebhookList',
  component: WebhookList,
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        webhooks: webhookHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof WebhookList>;

export default meta;
type Story = StoryObj<typeof meta>;

const urls = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="webhook-url"]')].map((n) => n.textContent);

const row = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-catalyst="webhook"][data-webhook-id="${id}"]`)!;

/** Ready: URL, status, description, events and every action of each endpoint. */
export const Populated: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'webhook-list', 'ready');
    await expect(list).toHaveAttribute('data-can-manage');
    await expect(list).not.toHaveAttribute('aria-busy');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: 'Webhook endpoints' })).toBeVisible();
    await expect(urls(canvasElement)).toEqual([billingHook.url, auditHook.url]);

    const billing = row(canvasElement, billingHook.id);
    await expect(billing).toHaveAttribute('data-enabled');
    const item = within(billing);
    await expect(item.getByText('Enabled')).toBeVisible();
    await expect(item.getByText('Seat counts for invoicing')).toBeVisible();
    await expect(item.getByText('membership.*')).toBeVisible();
    await expect(item.getByText('org.updated')).toBeVisible();
    for (const name of [
      `Send test event to ${billingHook.url}`,
      `Deliveries to ${billingHook.url}`,
      `Disable ${billingHook.url}`,
      `Edit ${billingHook.url}`,
      `Rotate secret of ${billingHook.url}`,
      `Delete ${billingHook.url}`,
    ]) {
      await expect(item.getByRole('button', { name })).toBeVisible();
    }
    const audit = within(row(canvasElement, auditHook.id));
    await expect(audit.getByText('No description')).toBeVisible();
    await expect(audit.getByText('All events')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Show more' })).toBeNull();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'empty');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No webhook endpoints yet.')).toBeVisible();
    await expect(canvas.queryByRole('list', { name: 'Webhook endpoints' })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.loading } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'webhook-list', 'loading');
    await expect(list).toHaveAttribute('aria-busy', 'true');
    await expect(within(canvasElement).getByText('Loading webhook endpoints…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { webhooks: webhookHandlers.error } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'webhook-list', 'error');
    const alert = within(list).getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'store_unavailable');
    await expect(alert).toHaveTextContent('the auth store is unavailable');
    await expect(within(list).queryByRole('list')).toBeNull();
  },
};

/** A plain member of Acme (no `webhooks:manage`): nothing is asked of the server. */
export const Forbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        webhooks: webhookHandlers.forbidden,
      },
    },
  },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'webhook-list', 'forbidden');
    await expect(list).not.toHaveAttribute('data-can-manage');
    await expect(
      within(list).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(list).queryByRole('alert')).toBeNull();
  },
};

/** The session says owner, the server says 403: forbidden too, without an error alert. */
export const ForbiddenByServer: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const list = await expectState(canvasElement, 'webhook-list', 'forbidden');
    await expect(
      within(list).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(list).queryByRole('alert')).toBeNull();
    await expect(within(list).queryByRole('list')).toBeNull();
  },
};

/** Disabled endpoints say why (410 Gone, failing for days); one is failing but still enabled. */
export const DisabledEndpoints: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.disabled() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const gone = row(canvasElement, goneHook.id);
    await expect(gone).not.toHaveAttribute('data-enabled');
    await expect(gone).toHaveAttribute('data-reason', 'gone');
    await expect(within(gone).getByText('Disabled: the receiver answered 410 Gone')).toBeVisible();
    await expect(
      within(gone).getByRole('button', { name: `Enable ${goneHook.url}` }),
    ).toBeVisible();

    const failing = row(canvasElement, failingHook.id);
    await expect(failing).toHaveAttribute('data-reason', 'failing');
    await expect(failing).toHaveAttribute('data-failing');
    await expect(failing.querySelector('[data-catalyst="webhook-status"]')).toHaveTextContent(
      /^Disabled: failing since /,
    );
    await expect(failing.querySelector('[data-catalyst="webhook-failing-since"]')).toBeNull();

    const flaky = row(canvasElement, flakyHook.id);
    await expect(flaky).toHaveAttribute('data-enabled');
    await expect(flaky).not.toHaveAttribute('data-reason');
    await expect(flaky).toHaveAttribute('data-failing');
    await expect(within(flaky).getByText(/^Failing since /)).toBeVisible();
  },
};

/** Disabling by hand: the endpoint says `Disabled` with the reason `manual`. */
export const DisableByHand: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = row(canvasElement, billingHook.id);
    await userEvent.click(
      within(billing).getByRole('button', { name: `Disable ${billingHook.url}` }),
    );
    await waitFor(() => expect(billing).toHaveAttribute('data-reason', 'manual'));
    await expect(billing).not.toHaveAttribute('data-enabled');
    await expect(billing.querySelector('[data-catalyst="webhook-status"]')).toHaveTextContent(
      'Disabled',
    );
    await expect(
      within(billing).getByRole('button', { name: `Enable ${billingHook.url}` }),
    ).toBeVisible();
  },
};

/** Edit opens the form in place of the row (URL focused); saving closes it, focus returns. */
export const Editing: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = row(canvasElement, billingHook.id);
    const item = within(billing);
    await userEvent.click(item.getByRole('button', { name: `Edit ${billingHook.url}` }));
    await expect(billing).toHaveAttribute('data-editing');
    const form = within(item.getByRole('form', { name: `Edit ${billingHook.url}` }));
    await expect(form.getByLabelText('Endpoint URL')).toHaveFocus();
    await expect(form.getByLabelText('Endpoint URL')).toHaveValue(billingHook.url);
    // The row's other parts wait until the form closes.
    await expect(billing.querySelector('[data-catalyst="webhook-url"]')).toBeNull();
    await expect(item.queryByRole('button', { name: `Delete ${billingHook.url}` })).toBeNull();

    const description = form.getByLabelText('Description (optional)');
    await userEvent.clear(description);
    await userEvent.type(description, 'Seats and plan changes');
    await userEvent.click(form.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(billing).not.toHaveAttribute('data-editing'));
    await expect(item.getByRole('button', { name: `Edit ${billingHook.url}` })).toHaveFocus();
    await expect(await item.findByText('Seats and plan changes')).toBeVisible();
  },
};

/** Cancel discards the draft; Escape closes the form too. Focus goes back to Edit each time. */
export const EditCancelled: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = row(canvasElement, billingHook.id);
    const item = within(billing);
    const edit = () => item.getByRole('button', { name: `Edit ${billingHook.url}` });
    await userEvent.click(edit());
    await userEvent.type(item.getByLabelText('Description (optional)'), ' (draft)');
    await userEvent.click(item.getByRole('button', { name: 'Cancel' }));
    await expect(billing).not.toHaveAttribute('data-editing');
    await expect(edit()).toHaveFocus();
    await expect(item.getByText('Seat counts for invoicing')).toBeVisible();

    await userEvent.click(edit());
    await expect(item.getByLabelText('Description (optional)')).toHaveValue(
      'Seat counts for invoicing',
    );
    await userEvent.keyboard('{Escape}');
    await expect(billing).not.toHaveAttribute('data-editing');
    await expect(edit()).toHaveFocus();
  },
};

/** Delete asks first (the history goes too), then the endpoint leaves the list. */
export const Deleting: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const item = within(row(canvasElement, auditHook.id));
    const name = `Delete ${auditHook.url}`;
    await userEvent.click(item.getByRole('button', { name }));
    const confirm = within(item.getByRole('group', { name }));
    await expect(confirm.getByText(/delivery history are deleted/)).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Delete endpoint' })).toHaveFocus();
    await userEvent.click(confirm.getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(urls(canvasElement)).toEqual([billingHook.url]));
  },
};

/** More endpoints than a page: "Show more" loads the rest, then goes away. */
export const LoadMore: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.paged() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    await expect(urls(canvasElement)).toEqual([billingHook.url, auditHook.url]);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }));
    await waitFor(() =>
      expect(urls(canvasElement)).toEqual([billingHook.url, auditHook.url, goneHook.url]),
    );
    await expect(canvas.queryByRole('button', { name: 'Show more' })).toBeNull();
  },
};

/** The next page is on its way: the button is pending and disabled. */
export const LoadingMore: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.pagedPending() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const more = within(canvasElement).getByRole('button', { name: 'Show more' });
    await userEvent.click(more);
    await waitFor(() => expect(more).toHaveAttribute('data-state', 'pending'));
    await expect(more).toBeDisabled();
    await expect(urls(canvasElement)).toEqual([billingHook.url, auditHook.url]);
  },
};
