import { OrgProfileForm } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, orgHandlers } from '../handlers';
import { expectState } from '../play';

/** Acme's profile; Ada is signed in with Acme active (as its owner unless a story says). */
const meta = {
  title: 'Orgs/OrgProfileForm',
  component: OrgProfileForm,
  args: { onSaved: fn(), onError: fn() },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        org: orgHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof OrgProfileForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const save = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('button', { name: 'Save changes' });

/** Populated: every field filled from the org, editable by its owner. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const form = await expectState(canvasElement, 'org-profile', 'ready');
    const canvas = within(form);
    await expect(await canvas.findByLabelText('Name')).toHaveValue(acme.name);
    await expect(canvas.getByLabelText('Website')).toHaveValue(acme.profile.website);
    await expect(canvas.getByLabelText('Link 1 URL')).toHaveValue('https://acme.example/blog');
    await expect(form).not.toHaveAttribute('data-readonly');
    await expect(save(canvasElement)).toBeEnabled();
  },
};

/** Saving: the PATCH lands, "Saved." is announced. */
export const Saves: Story = {
  parameters: { msw: { handlers: { org: orgHandlers.editable() } } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(await expectState(canvasElement, 'org-profile', 'ready'));
    const website = await canvas.findByLabelText('Website');
    await userEvent.clear(website);
    await userEvent.type(website, 'https://acme.example/home');
    await userEvent.click(canvas.getByRole('button', { name: 'Add link' }));
    await userEvent.type(canvas.getByLabelText('Link 2 text'), 'Docs');
    await userEvent.type(canvas.getByLabelText('Link 2 URL'), 'https://docs.acme.example');
    await userEvent.click(save(canvasElement));
    await expect(await canvas.findByText('Saved.')).toBeVisible();
    await expect(args.onSaved).toHaveBeenCalledWith(
      expect.objectContaining({
        profile: expect.objectContaining({
          website: 'https://acme.example/home',
          links: [
            { label: 'Blog', url: 'https://acme.example/blog' },
            { label: 'Docs', url: 'https://docs.acme.example' },
          ],
        }),
      }),
    );
  },
};

/** Validation error: the server refuses the website; the message sits on that field. */
export const ValidationError: Story = {
  parameters: { msw: { handlers: { org: orgHandlers.updateInvalid } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'org-profile', 'ready'));
    const website = await canvas.findByLabelText('Website');
    await userEvent.clear(website);
    await userEvent.type(website, 'ftp://acme.example');
    await userEvent.click(save(canvasElement));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('must be an http(s) URL');
    await expect(website).toHaveAttribute('aria-invalid', 'true');
    await expect(website).toHaveAttribute('aria-describedby', alert.id);
  },
};

/** Pending mutation: the save is out; every field and the button are disabled. */
export const Saving: Story = {
  parameters: { msw: { handlers: { org: orgHandlers.updatePending } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'org-profile', 'ready'));
    await canvas.findByLabelText('Name');
    await userEvent.click(save(canvasElement));
    await waitFor(() => expect(save(canvasElement)).toHaveAttribute('data-state', 'pending'));
    await expect(save(canvasElement)).toBeDisabled();
    await expect(canvas.getByLabelText('Name')).toBeDisabled();
  },
};

/** Permission-limited: a member without `org:update` sees the profile, disabled, and why. */
export const ReadOnly: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    const form = await expectState(canvasElement, 'org-profile', 'ready');
    await waitFor(() => expect(form).toHaveAttribute('data-readonly'));
    const canvas = within(form);
    await expect(await canvas.findByLabelText('Name')).toBeDisabled();
    await expect(canvas.getByText(/org:update/)).toBeVisible();
    await expect(save(canvasElement)).toBeDisabled();
    await expect(canvas.queryByRole('button', { name: 'Add link' })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { org: orgHandlers.getLoading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-profile', 'loading');
    await expect(within(canvasElement).getByText('Loading the organization…')).toBeVisible();
  },
};

/** Empty: no org is active, none given. */
export const Empty: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'org-profile', 'empty');
    await expect(within(canvasElement).getByText('No organization selected.')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { org: orgHandlers.getError } } },
  play: async ({ canvasElement }) => {
    const form = await expectState(canvasElement, 'org-profile', 'error');
    await expect(within(form).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: signed out, asking for an org by id. */
export const Forbidden: Story = {
  args: { orgId: acme.id },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedOut, org: orgHandlers.getForbidden } },
  },
  play: async ({ canvasElement }) => {
    const form = await expectState(canvasElement, 'org-profile', 'forbidden');
    await expect(within(form).getByText('You cannot see this organization.')).toBeVisible();
    await expect(within(form).queryByLabelText('Name')).toBeNull();
  },
};
