import { WebhookForm } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, webhookHandlers } from '../handlers';
import { webhookStateHandlers } from '../handlers/webhook-states';
import { expectState } from '../play';
import { billingHook, webhookSecret } from '../webhook-fixtures';

/** Registering one of Acme's webhook endpoints (its secret shown once), or editing one. */
const meta = {
  title: 'Webhooks/WebhookForm',
  component: WebhookForm,
  args: { orgId: acme.id, onSaved: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        webhooks: webhookHandlers.empty(),
      },
    },
  },
} satisfies Meta<typeof WebhookForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const NEW_URL = 'https://hooks.acme.example/in';

const createForm = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('form', { name: 'New webhook endpoint' }));

/** Fills in a valid endpoint (URL, one family and one event) and submits it. */
const register = async (canvasElement: HTMLElement, url = NEW_URL) => {
  const form = createForm(canvasElement);
  await userEvent.type(form.getByLabelText('Endpoint URL'), url);
  await userEvent.click(form.getByLabelText('All events in Organizations'));
  await userEvent.click(form.getByLabelText('membership.added'));
  await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
};

/** Ready to register: URL (with its hint), description, events, ordering; no Cancel. */
export const Create: Story = {
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-form', 'ready');
    await expect(root).toHaveAttribute('data-mode', 'create');
    await expect(root).not.toHaveAttribute('data-created');
    const form = createForm(canvasElement);
    const url = form.getByLabelText('Endpoint URL');
    await expect(url).toHaveValue('');
    await expect(url).toHaveAccessibleDescription(
      'Catalyst sends each event there as a signed POST request.',
    );
    await expect(form.getByLabelText('Description (optional)')).toHaveValue('');
    await expect(form.getByLabelText('Deliver in order')).not.toBeChecked();
    await expect(form.getByLabelText('All events in Memberships')).not.toBeChecked();
    await expect(form.getByRole('button', { name: 'Add endpoint' })).toBeEnabled();
    await expect(form.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await expect(form.queryByRole('alert')).toBeNull();
  },
};

/** The session is not known yet: whether Ada may manage the endpoints is not either. */
export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-form', 'loading');
    await expect(root).toHaveAttribute('aria-busy', 'true');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Loading webhook endpoints…')).toBeVisible();
    await expect(canvas.queryByRole('form')).toBeNull();
  },
};

/** A plain member of Acme (no `webhooks:manage`): no form. */
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
    const root = await expectState(canvasElement, 'webhook-form', 'forbidden');
    await expect(
      within(root).getByText('You do not have permission to manage these webhooks.'),
    ).toBeVisible();
    await expect(within(root).queryByRole('form')).toBeNull();
  },
};

/** The session says owner, the server answers 403: the form goes away. */
export const ForbiddenByServer: Story = {
  parameters: { msw: { handlers: { webhooks: webhookHandlers.forbidden } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-form', 'forbidden');
    await expect(within(root).queryByRole('form')).toBeNull();
  },
};

/** No org given and none active: nothing to register an endpoint for. */
export const NoOrg: Story = {
  args: { orgId: null },
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'webhook-form', 'empty');
    await expect(within(root).queryByRole('form')).toBeNull();
    await expect(root).toBeEmptyDOMElement();
  },
};

/** The form's errors: no URL, no event, then the server refusing a private address on `url`. */
export const Validation: Story = {
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'webhook-form', 'ready');
    const form = createForm(canvasElement);
    const fields = canvasElement.querySelector('[data-catalyst="webhook-form-fields"]');
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await expect(form.getByRole('alert')).toHaveTextContent('Enter the URL of the endpoint.');
    await expect(fields).toHaveAttribute('data-state', 'error');
    const url = form.getByLabelText('Endpoint URL');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription('Enter the URL of the endpoint.');

    await userEvent.type(url, 'http://10.0.0.7/hooks');
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await expect(await form.findByText('Choose at least one event.')).toBeVisible();
    await expect(url).not.toHaveAttribute('aria-invalid');

    await userEvent.click(form.getByLabelText('All events in Memberships'));
    await userEvent.click(form.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    const alert = form.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'webhook_target_forbidden');
    await expect(alert).toHaveTextContent(/resolves to a private address/);
    await expect(args.onSaved).not.toHaveBeenCalled();
  },
};

/** Registering: the request is out; the form is busy and its buttons disabled. */
export const Pending: Story = {
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.createPending() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'webhook-form', 'ready');
    await register(canvasElement);
    const fields = canvasElement.querySelector('[data-catalyst="webhook-form-fields"]');
    await waitFor(() => expect(fields).toHaveAttribute('data-state', 'pending'));
    await expect(fields).toHaveAttribute('aria-busy', 'true');
    const form = createForm(canvasElement);
    await expect(form.getByRole('button', { name: 'Add endpoint' })).toBeDisabled();
    await expect(form.getByLabelText('Endpoint URL')).toBeDisabled();
    await expect(form.getByLabelText('Deliver in order')).toBeDisabled();
  },
};

/** Registered: the signing secret once, focused, with copy; Done brings back an empty form. */
export const SecretRevealed: Story = {
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'webhook-form', 'ready');
    await register(canvasElement);
    const canvas = within(canvasElement);
    const secret = await canvas.findByLabelText(`Signing secret for ${NEW_URL}`);
    const root = canvasElement.querySelector('[data-catalyst="webhook-form"]');
    await expect(root).toHaveAttribute('data-created');
    await expect(secret).toHaveValue(webhookSecret);
    await expect(secret).toHaveFocus();
    await expect(canvas.getByRole('group', { name: /You will not see it again/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Copy secret' })).toBeVisible();
    await expect(canvas.queryByRole('form')).toBeNull();
    // `onSaved` gets the endpoint without its secret.
    await expect(args.onSaved).toHaveBeenCalledWith(expect.objectContaining({ url: NEW_URL }));
    await expect(args.onSaved).not.toHaveBeenCalledWith(
      expect.objectContaining({ secret: expect.anything() }),
    );

    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(root).not.toHaveAttribute('data-created');
    await expect(canvas.queryByLabelText(`Signing secret for ${NEW_URL}`)).toBeNull();
    await expect(createForm(canvasElement).getByLabelText('Endpoint URL')).toHaveValue('');
  },
};

/** Editing Billing: its values filled in, "Save changes", and Cancel (with `onCancel`). */
export const Edit: Story = {
  args: { webhook: billingHook, onCancel: fn() },
  parameters: { msw: { handlers: { webhooks: webhookHandlers.editable() } } },
  play: async ({ canvasElement, args }) => {
    const root = await expectState(canvasElement, 'webhook-form', 'ready');
    await expect(root).toHaveAttribute('data-mode', 'edit');
    const form = within(
      within(canvasElement).getByRole('form', { name: `Edit ${billingHook.url}` }),
    );
    await expect(form.getByLabelText('Endpoint URL')).toHaveValue(billingHook.url);
    await expect(form.getByLabelText('Description (optional)')).toHaveValue(
      billingHook.description,
    );
    await expect(form.getByLabelText('All events in Memberships')).toBeChecked();
    await expect(form.getByLabelText('Deliver in order')).not.toBeChecked();

    await userEvent.click(form.getByLabelText('Deliver in order'));
    await userEvent.click(form.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(args.onSaved).toHaveBeenCalledWith(
        expect.objectContaining({ id: billingHook.id, url: billingHook.url, ordered: true }),
      ),
    );
    await userEvent.click(form.getByRole('button', { name: 'Cancel' }));
    await expect(args.onCancel).toHaveBeenCalled();
  },
};

/** An edit to a private address: the server refuses it on `url`; nothing is saved. */
export const EditRefused: Story = {
  args: { webhook: billingHook, onCancel: fn() },
  parameters: { msw: { handlers: { webhooks: webhookStateHandlers.editRefused() } } },
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'webhook-form', 'ready');
    const form = within(
      within(canvasElement).getByRole('form', { name: `Edit ${billingHook.url}` }),
    );
    const url = form.getByLabelText('Endpoint URL');
    await userEvent.clear(url);
    await userEvent.type(url, 'http://192.168.1.20/hooks');
    await userEvent.click(form.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    await expect(form.getByRole('alert')).toHaveAttribute('data-code', 'webhook_target_forbidden');
    await expect(
      canvasElement.querySelector('[data-catalyst="webhook-form-fields"]'),
    ).toHaveAttribute('data-state', 'error');
    await expect(args.onSaved).not.toHaveBeenCalled();
  },
};
