'use client';
import { makeImageUploader, type ImageUploaderProps } from './image-uploader.js';
import { useAvatarUpload, type UseAvatarUploadOptions } from './use-profile.js';

export type AvatarUploaderProps = ImageUploaderProps<UseAvatarUploadOptions>;

/**
 * `<AvatarUploader />`: your avatar, a file input (and drop zone) that uploads a PNG, JPEG or
 * WebP at once, and remove. A file of another type or over `maxBytes` is refused before any
 * request; the server's own refusals (`413 file_too_large`, `415 unsupported_image`) show the
 * same way, on the input. Compose your own from `AvatarUploader.Root`, `.Image`, `.Loading`,
 * `.Forbidden`, `.Empty`, `.Dropzone`, `.Label`, `.Input`, `.Hint`, `.Remove`, `.Error` and
 * `.Status`.
 */
export const AvatarUploader = makeImageUploader<UseAvatarUploadOptions>(
  {
    component: 'AvatarUploader',
    catalyst: 'avatar-uploader',
    image: 'avatar',
    none: 'noAvatar',
    choose: 'chooseAvatar',
    remove: 'removeAvatar',
    options: ['maxBytes'],
  },
  useAvatarUpload,
);
