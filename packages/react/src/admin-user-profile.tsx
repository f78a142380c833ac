'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { adminDrawer, adminPanel } from './admin-user-context.js';
import { makeImageUploader, type ImageUploaderProps } from './image-uploader.js';
import {
  useAdminAvatarUpload,
  useAdminProfile,
  type UseAdminAvatarUploadOptions,
} from './use-admin-profile.js';
import { UserProfileForm } from './user-profile-form.js';

export type AdminAvatarUploaderProps = ImageUploaderProps<UseAdminAvatarUploadOptions>;

/**
 * `<AdminAvatarUploader userId={…} />`: another user's avatar, for platform admins (upload,
 * remove); support staff see the image only. The parts are `AvatarUploader`'s.
 */
export const AdminAvatarUploader = makeImageUploader<UseAdminAvatarUploadOptions>(
  {
    component: 'AdminAvatarUploader',
    catalyst: 'avatar-uploader',
    image: 'userAvatar',
    none: 'noUserAvatar',
    choose: 'chooseAvatar',
    remove: 'removeAvatar',
    options: ['maxBytes', 'userId'],
  },
  useAdminAvatarUpload,
);

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/**
 * The drawer's profile details: the avatar and `<UserProfileForm>` over the user's profile
 * (name, language, time zone and the panel's `profileFields`). Admins edit; support reads.
 */
export function ProfileDetails(props: DivProps) {
  const ctx = adminDrawer.use('ProfileDetails');
  const { profileFields } = adminPanel.use('ProfileDetails');
  if (!ctx.user) return null;
  return (
    <Primitive.div data-catalyst="user-admin-profile-details" {...props}>
      <AdminAvatarUploader userId={ctx.user.id} />
      <EditProfile userId={ctx.user.id} fields={profileFields} readOnly={!ctx.canWrite} />
    </Primitive.div>
  );
}

function EditProfile({
  userId,
  ...props
}: { userId: string } & Pick<React.ComponentProps<typeof UserProfileForm>, 'fields' | 'readOnly'>) {
  const profile = useAdminProfile(userId);
  return <UserProfileForm profile={profile} {...props} />;
}
