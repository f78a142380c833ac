import { AvatarUploader } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { authHandlers, profileHandlers } from '../handlers';
import { expectState } from '../play';
import { adaWithoutAvatar, pngFile, svgFile } from '../profile-fixtures';

/** Ada's avatar: upload a PNG, JPEG or WebP (checked before and by the server), or remove it. */
const meta = {
  title: 'Profile/AvatarUploader',
  component: AvatarUploader,
  args: { onUploaded: fn(), onError: fn() },
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(), profile: profileHandlers.editable() } },
  },
} satisfies Meta<typeof AvatarUploader>;

export default meta;
type Story = StoryObj<typeof meta>;

// The file input offers images only; a person can still choose "All files", as this does.
const user = () => userEvent.setup({ applyAccept: false });
const input = (canvasElement: HTMLElement) =>
  within(canvasElement).getByLabelText('Upload a new avatar');

/** Populated: the avatar, the drop zone with its hint, and remove (fresh handlers: it changes them). */
export const Populated: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const root = within(await expectState(canvasElement, 'avatar-uploader', 'ready'));
    await expect(root.getByRole('img', { name: 'Your avatar' })).toBeVisible();
    await expect(root.getByText(/PNG, JPEG or WebP, up to 2 MiB/)).toBeVisible();
    await expect(input(canvasElement)).toHaveAccessibleDescription(/PNG, JPEG or WebP/);
    await userEvent.click(root.getByRole('button', { name: 'Remove avatar' }));
    await expectState(canvasElement, 'avatar-uploader', 'empty');
    await expect(root.getByRole('status')).toHaveTextContent('Image removed.');
  },
};

/** Empty: no avatar yet; uploading a PNG shows it. */
export const Empty: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.editable(adaWithoutAvatar) } } },
  play: async ({ canvasElement, args }) => {
    const root = within(await expectState(canvasElement, 'avatar-uploader', 'empty'));
    await expect(root.getByText('No avatar yet.')).toBeVisible();
    await expect(root.queryByRole('button', { name: 'Remove avatar' })).toBeNull();
    await user().upload(input(canvasElement), pngFile());
    await expectState(canvasElement, 'avatar-uploader', 'ready');
    await expect(root.getByRole('img', { name: 'Your avatar' })).toHaveAttribute(
      'src',
      '/api/auth/files/file_upload_1',
    );
    await expect(root.getByRole('status')).toHaveTextContent('Image updated.');
    await expect(args.onUploaded).toHaveBeenCalled();
  },
};

/** Uploading: the chosen file shows as a preview while the request is out. */
export const Uploading: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.uploadPending(adaWithoutAvatar) } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'avatar-uploader', 'empty');
    await user().upload(input(canvasElement), pngFile());
    await waitFor(() => expect(root).toHaveAttribute('data-pending', 'upload'));
    const preview = within(root).getByRole('img', { name: 'Your avatar' });
    await expect(preview).toHaveAttribute('data-preview');
    await expect(preview.getAttribute('src')).toMatch(/^blob:/);
    await expect(within(root).getByRole('status')).toHaveTextContent('Uploading…');
    await expect(input(canvasElement)).toBeDisabled();
  },
};

/** Refused in the browser: an SVG never leaves it (no handler for a PUT would fail the story). */
export const RefusedType: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.populated(adaWithoutAvatar) } } },
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'avatar-uploader', 'empty');
    await user().upload(input(canvasElement), svgFile());
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('Choose a PNG, JPEG or WebP image.');
    await expect(alert).toHaveAttribute('data-code', 'unsupported_image');
    await expect(input(canvasElement)).toHaveAttribute('aria-invalid', 'true');
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'unsupported_image', field: 'file' }),
    );
  },
};

/** Refused by the server: `413 file_too_large` (its limit), shown on the input the same way. */
export const RefusedBySize: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.uploadTooLarge() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'ready');
    await user().upload(input(canvasElement), pngFile());
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'file_too_large');
    await expect(alert).toHaveTextContent('the file is larger than 2097152 bytes');
    await expect(input(canvasElement)).toHaveAccessibleDescription(/larger than/);
    // The avatar stays the one the server has.
    await expect(within(canvasElement).getByRole('img')).not.toHaveAttribute('data-preview');
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { profile: profileHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'loading');
    await expect(within(canvasElement).getByText('Loading…')).toBeVisible();
    await expect(within(canvasElement).queryByLabelText('Upload a new avatar')).toBeNull();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { profile: profileHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: signed out; nothing is asked of the server. */
export const Forbidden: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedOut, profile: [] } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'forbidden');
    await expect(within(canvasElement).getByText('You cannot change this image.')).toBeVisible();
    await expect(within(canvasElement).queryByLabelText('Upload a new avatar')).toBeNull();
  },
};
