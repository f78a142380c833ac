'use client';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { adminMutations, adminQueries } from './data/admin-resources.js';
import { asClientError, dataState } from './data/core.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useAdminAccess } from './use-admin-users.js';
import type { UseImageUploadResult } from './use-image-upload.js';
import { useAvatarFlow, useSaveFlow, type UseProfileResult } from './use-profile.js';

/**
 * Another user's profile as platform staff see it (`/admin/users/{id}/profile`), in the shape
 * `useProfile` gives, so `<UserProfileForm profile={…} />` edits it with the same parts.
 * `forbidden` without a platform role; saving needs `admin` (the server says so either way).
 */
export function useAdminProfile(userId: string): UseProfileResult {
  const client = useAuthClient();
  const queryClient = useCatalystQueryClient();
  const access = useAdminAccess();
  const query = useQuery(
    {
      ...adminQueries.users.profile(client, { userId: access.userId, targetId: userId }),
      enabled: access.canRead,
    },
    queryClient,
  );
  const saving = useAction(adminMutations.users.updateProfile(client, userId));
  const { save, saved } = useSaveFlow(saving);
  const error = asClientError(query.error);
  const { refetch } = query;
  return {
    state:
      access.access === 'loading'
        ? 'loading'
        : access.canRead
          ? dataState(query.isPending, error, 1)
          : 'forbidden',
    profile: query.data ?? null,
    error,
    reload: React.useCallback(async () => {
      await refetch();
    }, [refetch]),
    save,
    saving: saving.pending,
    saveError: saving.error,
    saved,
  };
}

export interface UseAdminAvatarUploadOptions {
  /** Whose avatar. */
  userId: string;
  /** The largest file to send, checked before the request (the server's own limit still holds). */
  maxBytes?: number;
}

/** Another user's avatar for platform admins: upload and remove; support staff only see it. */
export function useAdminAvatarUpload(options: UseAdminAvatarUploadOptions): UseImageUploadResult {
  const client = useAuthClient();
  const access = useAdminAccess();
  const profile = useAdminProfile(options.userId);
  const upload = useAction(adminMutations.users.uploadAvatar(client, options.userId));
  const remove = useAction(adminMutations.users.deleteAvatar(client, options.userId));
  return useAvatarFlow(
    profile,
    { upload, remove },
    { canEdit: access.canWrite, maxBytes: options.maxBytes },
  );
}
