import { AdminAvatarUploader } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { http } from 'msw';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { adaAdmin, edsgerUser } from '../admin-fixtures';
import { adminHandlers, adminSession, hang, problem, route, unavailable } from '../handlers';
import { expectState } from '../play';
import { pngFile, svgFile } from '../profile-fixtures';

const AVATAR = route('/admin/users/{userId}/avatar');

/**
 * Another user's avatar in the admin drawer: a platform admin uploads or removes it; support staff
 * see the image and nothing to change. Ada (admin) has an avatar, Edsger has none.
 */
const meta = {
  title: 'Admin/AdminAvatarUploader',
  component: AdminAvatarUploader,
  args: { userId: adaAdmin.id, onUploaded: fn(), onError: fn() },
  parameters: {
    msw: { handlers: { auth: [adminSession(['admin'])], admin: adminHandlers.populated() } },
  },
} satisfies Meta<typeof AdminAvatarUploader>;

export default meta;
type Story = StoryObj<typeof meta>;

const user = () => userEvent.setup({ applyAccept: false });
const input = (canvasElement: HTMLElement) =>
  within(canvasElement).getByLabelText('Upload a new avatar');

/** Populated: the user's avatar, named as theirs, and remove. */
export const Populated: Story = {
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement }) => {
    const root = within(await expectState(canvasElement, 'avatar-uploader', 'ready'));
    await expect(root.getByRole('img', { name: "This user's avatar" })).toBeVisible();
    await userEvent.click(root.getByRole('button', { name: 'Remove avatar' }));
    await expectState(canvasElement, 'avatar-uploader', 'empty');
    await expect(root.getByText('No avatar.')).toBeVisible();
    await expect(root.getByRole('status')).toHaveTextContent('Image removed.');
  },
};

/** Empty: Edsger has no avatar; the admin uploads one for him. */
export const Empty: Story = {
  args: { userId: edsgerUser.id },
  parameters: { msw: { handlers: { admin: adminHandlers.populated() } } },
  play: async ({ canvasElement, args }) => {
    const root = within(await expectState(canvasElement, 'avatar-uploader', 'empty'));
    await user().upload(input(canvasElement), pngFile());
    await expectState(canvasElement, 'avatar-uploader', 'ready');
    await expect(root.getByRole('img', { name: "This user's avatar" })).toHaveAttribute(
      'src',
      `/api/auth/files/file_new_${edsgerUser.id}`,
    );
    await expect(args.onUploaded).toHaveBeenCalled();
  },
};

/** Uploading: the preview shows while the request is out, and the input waits. */
export const Uploading: Story = {
  args: { userId: edsgerUser.id },
  parameters: {
    // The story's handler first: it must win over the world's PUT.
    msw: { handlers: { admin: [http.put(AVATAR, hang), ...adminHandlers.populated()] } },
  },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'avatar-uploader', 'empty');
    await user().upload(input(canvasElement), pngFile());
    await waitFor(() => expect(root).toHaveAttribute('data-pending', 'upload'));
    await expect(within(root).getByRole('img')).toHaveAttribute('data-preview');
    await expect(input(canvasElement)).toBeDisabled();
  },
};

/** Refused: an SVG never leaves the browser; a server refusal shows on the input the same way. */
export const Refused: Story = {
  parameters: {
    msw: {
      handlers: {
        admin: [
          http.put(AVATAR, () =>
            problem(413, 'file_too_large', 'the file is larger than 2097152 bytes', {
              field: 'file',
            }),
          ),
          ...adminHandlers.populated(),
        ],
      },
    },
  },
  play: async ({ canvasElement, args }) => {
    await expectState(canvasElement, 'avatar-uploader', 'ready');
    await user().upload(input(canvasElement), svgFile());
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'unsupported_image');
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'unsupported_image' }),
    );
    await user().upload(input(canvasElement), pngFile());
    await waitFor(() =>
      expect(within(canvasElement).getByRole('alert')).toHaveAttribute(
        'data-code',
        'file_too_large',
      ),
    );
    await expect(input(canvasElement)).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Read-only: support staff see the avatar; there is nothing to upload or remove. */
export const ReadOnly: Story = {
  name: 'Read-only (support)',
  parameters: { msw: { handlers: { auth: [adminSession(['support'])] } } },
  play: async ({ canvasElement }) => {
    const root = within(await expectState(canvasElement, 'avatar-uploader', 'ready'));
    await expect(root.getByRole('img', { name: "This user's avatar" })).toBeVisible();
    await expect(root.queryByLabelText('Upload a new avatar')).toBeNull();
    await expect(root.queryByRole('button', { name: 'Remove avatar' })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: {
    msw: { handlers: { admin: [http.get(route('/admin/users/{userId}/profile'), hang)] } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'loading');
    await expect(within(canvasElement).getByText('Loading…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: { handlers: { admin: [http.get(route('/admin/users/{userId}/profile'), unavailable)] } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** Forbidden: the server refuses (no platform role); nothing to show or change. */
export const Forbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: [adminSession([])],
        admin: [
          http.get(route('/admin/users/{userId}/profile'), () =>
            problem(403, 'forbidden', 'requires a platform role'),
          ),
        ],
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'avatar-uploader', 'forbidden');
    await expect(within(canvasElement).queryByLabelText('Upload a new avatar')).toBeNull();
  },
};
