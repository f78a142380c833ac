import { WebhookManager } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, webhookHandlers } from '../handlers';
import { expectState } from '../play';
import { auditHook, billingHook, rotatedWebhookSecret, webhookSecret } from '../webhook-fixtures';

/** Acme's webhook endpoints, managed by its owner Ada. */
const meta = {
  title: 'Webhooks/WebhookManager',
  component: WebhookManager,
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        webhooks: webhookHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof WebhookManager>;

export default meta;
type Story = StoryObj<typeof meta>;

const urls = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="webhook-url"]')].map((n) => n.textContent);

const item = (canvasElement: HTMLElement, url: string) =>
  within(
    [...canvasElement.querySelectorAll<HTMLElement>('[data-catalyst="webhook"]')].find(
      (li) => li.querySelector('[data-catalyst="webhook-url"]')?.textContent === url,
    )!,
  );

/** The list: URL, status, description, events and the actions of each endpoint. */
export const Populated: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'webhook-manager', 'ready');
    await expect(manager).toHaveAttribute('data-owner', 'org');
    await expectState(canvasElement, 'webhook-list', 'ready');
    await expect(urls(canvasElement)).toEqual([billingHook.url, auditHook.url]);
    const billing = item(canvasElement, billingHook.url);
    await expect(billing.getByText('Seat counts for invoicing')).toBeVisible();
    await expect(billing.getByText('membership.*')).toBeVisible();
    await expect(billing.getByRole('button', { name: `Disable ${billingHook.url}` })).toBeVisible();
    await expect(item(canvasElement, auditHook.url).getByText('All events')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-manager', 'empty');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No webhook endpoints yet.')).toBeVisible();
    await expect(canvas.getByRole('form', { name: 'New webhook endpoint' })).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-manager', 'loading');
    await expect(within(canvasElement).getByText('Loading webhook endpoints…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { webhooks: webhookHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-manager', 'error');
    const list = await expectState(canvasElement, 'webhook-list', 'error');
    await expect(within(list).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
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
    const manager = await expectState(canvasElement, 'webhook-manager', 'forbidden');
    await expect(
      within(manager).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(manager).queryByRole('form')).toBeNull();
  },
};

/** The form's errors: no URL, no event, then the server refusing a private address on `url`. */
export const CreateValidation: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-manager', 'empty');
    const form = within(within(canvasElement).getByRole('form', { name: 'New webhook endpoint' }));
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await expect(await form.findByRole('alert')).toHaveTextContent(
      'Enter the URL of the endpoint.',
    );
    const url = form.getByLabelText('Endpoint URL');
    await expect(url).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(url, 'http://10.0.0.7/hooks');
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await expect(await form.findByText('Choose at least one event.')).toBeVisible();

    await userEvent.click(form.getByLabelText('All events in Memberships'));
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    await expect(form.getByRole('alert')).toHaveAttribute('data-code', 'webhook_target_forbidden');
  },
};

/** Registered: the signing secret once, focused, with copy and a warning; the list has it. */
export const SecretRevealed: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectState(canvasElement, 'webhook-manager', 'empty');
    const form = within(canvas.getByRole('form', { name: 'New webhook endpoint' }));
    await userEvent.type(form.getByLabelText('Endpoint URL'), 'https://hooks.acme.example/in');
    await userEvent.type(form.getByLabelText('Description (optional)'), 'Provisioning');
    await userEvent.click(form.getByLabelText('All events in Organizations'));
    await userEvent.click(form.getByLabelText('membership.added'));
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    const secret = await canvas.findByLabelText('Signing secret for https://hooks.acme.example/in');
    await expect(secret).toHaveValue(webhookSecret);
    await expect(secret).toHaveFocus();
    await expect(canvas.getByRole('group', { name: /You will not see it again/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Copy secret' })).toBeVisible();
    await waitFor(() => expect(urls(canvasElement)).toEqual(['https://hooks.acme.example/in']));
  },
};

/** Rotation asks first, explaining the overlap (both signatures) … */
export const RotationConfirm: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = item(canvasElement, billingHook.url);
    const name = `Rotate secret of ${billingHook.url}`;
    await userEvent.click(billing.getByRole('button', { name }));
    const confirm = billing.getByRole('group', { name });
    await expect(within(confirm).getByText(/two signatures/)).toBeVisible();
    await expect(within(confirm).getByRole('button', { name: 'Rotate secret' })).toHaveFocus();
  },
};

/** … then shows the new secret once, and until when the old one still signs. */
export const RotatedSecret: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = item(canvasElement, billingHook.url);
    await userEvent.click(
      billing.getByRole('button', { name: `Rotate secret of ${billingHook.url}` }),
    );
    await userEvent.click(billing.getByRole('button', { name: 'Rotate secret' }));
    const secret = await billing.findByLabelText(`New signing secret for ${billingHook.url}`);
    await expect(secret).toHaveValue(rotatedWebhookSecret);
    await expect(billing.getByText(/signed with both secrets until/)).toBeVisible();
  },
};

/** "Send test event": the ping appears pending in the deliveries, then delivered. */
export const TestEvent: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = item(canvasElement, billingHook.url);
    await userEvent.click(
      billing.getByRole('button', { name: `Send test event to ${billingHook.url}` }),
    );
    await expect(await billing.findByText('Test event queued.')).toBeVisible();
    const table = await billing.findByRole('table', { name: `Deliveries to ${billingHook.url}` });
    await waitFor(
      () =>
        expect(
          table.querySelector('[data-catalyst="webhook-delivery"]')?.getAttribute('data-status'),
        ).toBe('delivered'),
      { timeout: 8_000 },
    );
    await expect(within(table).getByText('webhook.test')).toBeVisible();
  },
};

/** Deliveries: pending, delivered and dead, the dead one's attempt log expanded. */
export const Deliveries: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.withDeliveries() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = item(canvasElement, billingHook.url);
    await userEvent.click(
      billing.getByRole('button', { name: `Deliveries to ${billingHook.url}` }),
    );
    const table = await billing.findByRole('table', { name: `Deliveries to ${billingHook.url}` });
    const rows = () => [...table.querySelectorAll('[data-catalyst="webhook-delivery"]')];
    await expect(rows().map((r) => r.getAttribute('data-status'))).toEqual([
      'pending',
      'delivered',
      'dead',
    ]);
    const dead = within(rows()[2] as HTMLElement);
    await userEvent.click(dead.getByRole('button', { name: /^Attempts of membership\.removed/ }));
    const log = await waitFor(() => {
      const found = rows()[2]!.querySelector<HTMLElement>(
        '[data-catalyst="webhook-attempts"][data-state="ready"]',
      );
      expect(found).not.toBeNull();
      return found!;
    });
    await expect(log.querySelectorAll('[data-catalyst="webhook-attempt"]')).toHaveLength(3);
    await expect(within(log).getByText('{"error":"database is down"}')).toBeVisible();
    await expect(within(log).getAllByText('connect ECONNREFUSED')[0]).toBeVisible();
    await expect(dead.getByRole('button', { name: /^Retry membership\.removed/ })).toBeVisible();
  },
};

/** Replay a range: the failed deliveries of the last day are queued again. */
export const ReplayQueued: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.withDeliveries() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const billing = item(canvasElement, billingHook.url);
    await userEvent.click(
      billing.getByRole('button', { name: `Deliveries to ${billingHook.url}` }),
    );
    await userEvent.click(
      await billing.findByRole('button', { name: `Replay events to ${billingHook.url}` }),
    );
    const form = within(billing.getByRole('form', { name: `Replay events to ${billingHook.url}` }));
    await expect(form.getByLabelText('From')).toHaveFocus();
    await userEvent.click(form.getByRole('button', { name: 'Replay range' }));
    await expect(await billing.findByText('Queued 3 for delivery.')).toBeVisible();
  },
};

/** Disabled endpoints say why: 410 Gone, or failing for days; one is failing but still on. */
export const DisabledEndpoints: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.disabled() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-list', 'ready');
    const status = (url: string) =>
      [...canvasElement.querySelectorAll('[data-catalyst="webhook"]')]
        .find((li) => li.querySelector('[data-catalyst="webhook-url"]')?.textContent === url)!
        .querySelector('[data-catalyst="webhook-status"]');
    await expect(status('https://old.acme.example/hooks')).toHaveTextContent(
      'Disabled: the receiver answered 410 Gone',
    );
    await expect(status('https://flaky.acme.example/hooks')).toHaveTextContent(
      /^Disabled: failing since /,
    );
    await expect(status('https://slow.acme.example/hooks')).toHaveTextContent('Enabled');
    await expect(
      item(canvasElement, 'https://slow.acme.example/hooks').getByText(/^Failing since /),
    ).toBeVisible();
    // Enabling one by hand clears its reason.
    const gone = item(canvasElement, 'https://old.acme.example/hooks');
    await userEvent.click(
      gone.getByRole('button', { name: 'Enable https://old.acme.example/hooks' }),
    );
    await waitFor(() =>
      expect(status('https://old.acme.example/hooks')).toHaveTextContent('Enabled'),
    );
  },
};
