import { InviteMember } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession, inviteLink } from '../fixtures';
import { authHandlers, invitationHandlers, roleHandlers } from '../handlers';
import { expectState } from '../play';

/** Ada, an owner of the active org Acme, invites people. */
const meta = {
  title: 'Orgs/InviteMember',
  component: InviteMember,
  args: { onInvited: fn(), onLinkCreated: fn(), onError: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        roles: roleHandlers.populated,
        invitations: invitationHandlers.success,
      },
    },
  },
} satisfies Meta<typeof InviteMember>;

export default meta;
type Story = StoryObj<typeof meta>;

const emailForm = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('form', { name: 'Invite by email' });
const linkForm = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('form', { name: 'Invite link' });

async function invite(canvasElement: HTMLElement, email: string) {
  const form = within(emailForm(canvasElement));
  await userEvent.type(form.getByLabelText('Email address'), email);
  await userEvent.click(form.getByRole('button', { name: 'Send invitation' }));
  return form;
}

/** Ready: both forms; the org's roles to choose from (`member` preselected). */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = within(emailForm(canvasElement));
    await expect(await form.findByLabelText('billing')).not.toBeChecked();
    await expect(form.getByLabelText('Member')).toBeChecked();
    await expect(linkForm(canvasElement)).toBeVisible();
  },
};

export const SendsInvitation: Story = {
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = await invite(canvasElement, 'charles@example.com');
    await expect(await form.findByText('Invitation sent to charles@example.com.')).toBeVisible();
    await expect(args.onInvited).toHaveBeenCalledWith(
      expect.objectContaining({ email: 'charles@example.com', roles: ['member'] }),
    );
  },
};

/** Validation error: the address is refused, on its field. */
export const InvalidEmail: Story = {
  parameters: { msw: { handlers: { invitations: invitationHandlers.invalidEmail } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = await invite(canvasElement, 'not-an-email');
    const alert = await form.findByRole('alert');
    await expect(alert).toHaveTextContent('must be a valid email address');
    await expect(form.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** `409 already_invited`, on the email field. */
export const AlreadyInvited: Story = {
  parameters: { msw: { handlers: { invitations: invitationHandlers.alreadyInvited } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = await invite(canvasElement, 'grace@example.com');
    await expect(await form.findByRole('alert')).toHaveAttribute('data-code', 'already_invited');
  },
};

/** Pending mutation: the invitation is on its way; the form is disabled. */
export const Sending: Story = {
  parameters: { msw: { handlers: { invitations: invitationHandlers.pending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = await invite(canvasElement, 'charles@example.com');
    await waitFor(() => expect(emailForm(canvasElement)).toHaveAttribute('data-state', 'pending'));
    await expect(form.getByRole('button', { name: 'Send invitation' })).toBeDisabled();
  },
};

/** An invite link with a use limit and expiry: its URL shown once, with a copy button. */
export const CreatesLink: Story = {
  play: async ({ canvasElement, args }) => {
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = within(linkForm(canvasElement));
    await userEvent.type(form.getByLabelText('Maximum uses (empty: unlimited)'), '10');
    await userEvent.selectOptions(form.getByLabelText('Expires after'), '30d');
    await userEvent.click(form.getByRole('button', { name: 'Create invite link' }));
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Link to share')).toHaveValue(inviteLink.url);
    await expect(args.onLinkCreated).toHaveBeenCalledWith(
      expect.objectContaining({ maxUses: 10, url: inviteLink.url }),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Copy link' }));
    await expect(await canvas.findByText('Copied.')).toBeVisible();
    await expect(writeText).toHaveBeenCalledWith(inviteLink.url);
    writeText.mockRestore();
    await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
    await expect(canvas.queryByLabelText('Link to share')).toBeNull();
  },
};

/** Forbidden: a member without `invitations:manage`; no forms. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'forbidden');
    await expect(within(canvasElement).getByText(/invitations:manage/)).toBeVisible();
    await expect(within(canvasElement).queryByRole('form')).toBeNull();
  },
};

/** Loading: the session is not known yet. */
export const Loading: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.sessionPending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'loading');
  },
};

/** Empty: no org is active. */
export const Empty: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'empty');
    await expect(within(canvasElement).getByText('No organization selected.')).toBeVisible();
  },
};

/** Error: the roles cannot be loaded; the forms fall back to the built-in roles. */
export const RolesUnavailable: Story = {
  name: 'Error (roles unavailable)',
  parameters: { msw: { handlers: { roles: roleHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'invite-member', 'ready');
    const form = within(emailForm(canvasElement));
    await expect(form.getByLabelText('Admin')).toBeVisible();
    await expect(form.queryByLabelText('billing')).toBeNull();
  },
};
