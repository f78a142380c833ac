import { CreateOrg } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { authHandlers, orgHandlers, orgSwitcherWorld } from '../handlers';

const meta = {
  title: 'Orgs/CreateOrg',
  component: CreateOrg,
  args: { onCreated: fn(), onError: fn() },
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), orgs: orgSwitcherWorld() } } },
} satisfies Meta<typeof CreateOrg>;

export default meta;
type Story = StoryObj<typeof meta>;

const form = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-catalyst="create-org"]')!;

async function fill(canvasElement: HTMLElement, name: string) {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText('Organization name'), name);
  await userEvent.click(canvas.getByRole('button', { name: 'Create organization' }));
}

/** The slug follows the name until you edit it. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Organization name'), 'Analytical Engines, Ltd.');
    await expect(canvas.getByLabelText('URL slug')).toHaveValue('analytical-engines-ltd');
    await expect(form(canvasElement)).toHaveAttribute('data-state', 'idle');
  },
};

/** Creates the org, calls `onCreated`, and switches the session to it. */
export const Creates: Story = {
  parameters: { msw: { handlers: { orgs: orgSwitcherWorld() } } },
  play: async ({ canvasElement, args }) => {
    await fill(canvasElement, 'Difference Engines');
    await waitFor(() =>
      expect(args.onCreated).toHaveBeenCalledWith(
        expect.objectContaining({ slug: 'difference-engines', roles: ['owner'] }),
      ),
    );
    await expect(form(canvasElement)).toHaveAttribute('data-state', 'idle');
    await expect(within(canvasElement).queryByRole('alert')).toBeNull();
  },
};

/** Validation error: the server's `409 slug_taken` lands on the slug field. */
export const SlugTaken: Story = {
  parameters: { msw: { handlers: { orgs: orgHandlers.createSlugTaken } } },
  play: async ({ canvasElement, args }) => {
    await fill(canvasElement, 'Acme');
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'slug_taken');
    const slug = within(canvasElement).getByLabelText('URL slug');
    await expect(slug).toHaveAttribute('aria-invalid', 'true');
    await expect(slug).toHaveAttribute('aria-describedby', alert.id);
    await expect(form(canvasElement)).toHaveAttribute('data-state', 'error');
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'slug_taken' }),
    );
  },
};

/** Validation error: a malformed slug (`400 invalid_request`, `field: 'slug'`). */
export const InvalidSlug: Story = {
  parameters: { msw: { handlers: { orgs: orgHandlers.createInvalid } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Organization name'), 'Ok');
    await userEvent.click(canvas.getByRole('button', { name: 'Create organization' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/lower-case letters/);
    await expect(canvas.getByLabelText('URL slug')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Pending: the request is out; fields and button are disabled. */
export const Pending: Story = {
  parameters: { msw: { handlers: { orgs: orgHandlers.createPending } } },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, 'Slow Org');
    await waitFor(() => expect(form(canvasElement)).toHaveAttribute('data-state', 'pending'));
    await expect(
      within(canvasElement).getByRole('button', { name: 'Create organization' }),
    ).toBeDisabled();
    await expect(within(canvasElement).getByLabelText('Organization name')).toBeDisabled();
  },
};

/** Forbidden: the caller owns as many orgs as allowed (`403 org_limit_reached`), a form error. */
export const OrgLimitReached: Story = {
  parameters: { msw: { handlers: { orgs: orgHandlers.createLimit } } },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, 'One Too Many');
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'org_limit_reached');
    await expect(within(canvasElement).getByLabelText('URL slug')).not.toHaveAttribute(
      'aria-invalid',
    );
  },
};
