import { UserProfileForm } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { authHandlers, profileHandlers } from '../handlers';
import { expectState } from '../play';
import { adaProfile, profileFields } from '../profile-fixtures';

/** Ada's profile, with the app's custom fields (company, newsletter, plan). */
const meta = {
  title: 'Profile/UserProfileForm',
  component: UserProfileForm,
  args: { fields: profileFields, onSaved: fn(), onError: fn() },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), profile: profileHandlers.populated() } },
  },
} satisfies Meta<typeof UserProfileForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const save = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('button', { name: 'Save profile' });

/** Populated: every field from the profile; the email is read-only. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'user-profile-form', 'ready'));
    await expect(canvas.getByLabelText('Name')).toHaveValue(adaProfile.name);
    await expect(canvas.getByLabelText('Email')).toHaveAttribute('readonly');
    await expect(canvas.getByLabelText('Time zone')).toHaveValue('Europe/London');
    await expect(canvas.getByLabelText('Time zone')).toHaveAccessibleDescription(
      'A time zone name such as Europe/Paris.',
    );
    await expect(canvas.getByLabelText('Company')).toHaveValue('Analytical Engines Ltd');
    await expect(canvas.getByLabelText('Send me the newsletter')).toBeChecked();
    await expect(canvas.getByLabelText('Plan')).toHaveValue('team');
  },
};

/** The interaction: change the name and a custom field, save, "Saved." is announced. */
export const Saves: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.editable() } } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(await expectState(canvasElement, 'user-profile-form', 'ready'));
    const name = canvas.getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Augusta Ada King');
    await userEvent.click(canvas.getByLabelText('Send me the newsletter'));
    await userEvent.click(save(canvasElement));
    await expect(await canvas.findByText('Saved.')).toBeVisible();
    await expect(args.onSaved).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Augusta Ada King',
        fields: expect.objectContaining({ newsletter: false }),
      }),
    );
  },
};

/** Validation error: the server refuses the time zone; the message sits on that field. */
export const ValidationError: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.editable() } } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(await expectState(canvasElement, 'user-profile-form', 'ready'));
    const zone = canvas.getByLabelText('Time zone');
    await userEvent.clear(zone);
    await userEvent.type(zone, '+01:00');
    await userEvent.click(save(canvasElement));
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('timezone: must be an IANA time zone');
    await expect(zone).toHaveAttribute('aria-invalid', 'true');
    await expect(zone).toHaveAccessibleDescription(/IANA time zone/);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ field: 'timezone' }));
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile-form', 'loading');
    await expect(within(canvasElement).getByText('Loading your profile…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { profile: profileHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile-form', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
    await expect(within(canvasElement).queryByLabelText('Name')).toBeNull();
  },
};

/** Forbidden: signed out; nothing is asked of the server. */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedOut, profile: [] } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'user-profile-form', 'forbidden');
    await expect(within(canvasElement).getByText('Sign in to see your profile.')).toBeVisible();
  },
};
