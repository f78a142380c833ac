'use client';
import type { ClientError, Profile, ProfilePatch, Result } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { asClientError, dataState, type DataState } from './data/core.js';
import { profileMutations, profileQueries } from './data/profile-resources.js';
import { useCatalystQueryClient } from './data/query-client.js';
import { useAction, type Action } from './data/use-resource.js';
import { useAuthClient, useSession } from './hooks.js';
import { useImageUpload, type UseImageUploadResult } from './use-image-upload.js';

export interface UseProfileResult {
  /** `loading`, `ready`, `error`, or `forbidden` when not signed in. */
  state: DataState;
  profile: Profile | null;
  /** Loading the profile failed. */
  error: ClientError | null;
  reload(): Promise<void>;
  /** `PATCH /me/profile`: absent keys stay, null clears one. */
  save(patch: ProfilePatch): Promise<Result<Profile>>;
  saving: boolean;
  /** The last save's failure: `invalid_request` names its `field` (`timezone`, `fields.company`). */
  saveError: ClientError | null;
  /** True after a save succeeded, until the next one starts. */
  saved: boolean;
}

/** The signed-in user's profile (`GET /me/profile`), and saving changes to it. */
export function useProfile(): UseProfileResult {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const userId = session.data?.user.id ?? null;
  const signedOut = session.status === 'unauthenticated';
  const get = profileQueries.profile.get(client, { userId });
  const query = useQuery({ ...get, enabled: session.status === 'authenticated' }, queryClient);
  const saving = useAction(profileMutations.profile.update(client));
  const error = asClientError(query.error);
  const { refetch } = query;
  // The session's copy of the name follows at once (the button in the header shows it).
  const followName = React.useCallback(
    (saved: Profile) => {
      const current = client.session.getSnapshot().data;
      if (current && current.user.name !== saved.name) {
        client.session.set({ ...current, user: { ...current.user, name: saved.name } });
      }
    },
    [client],
  );
  const { save, saved } = useSaveFlow(saving, followName);

  return {
    state: signedOut ? 'forbidden' : dataState(query.isPending, error, 1),
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

/** The save every profile form shares: clears the last outcome, runs, marks `saved` on success. */
export function useSaveFlow(
  saving: Action<ProfilePatch, Profile>,
  after?: (profile: Profile) => void,
): { save(patch: ProfilePatch): Promise<Result<Profile>>; saved: boolean } {
  const [saved, setSaved] = React.useState(false);
  const { run, reset } = saving;
  const save = React.useCallback(
    async (patch: ProfilePatch) => {
      setSaved(false);
      reset();
      const result = await run(patch);
      if (!result.ok) return result;
      setSaved(true);
      after?.(result.data);
      return result;
    },
    [run, reset, after],
  );
  return { save, saved };
}

/** An avatar's upload flow over a loaded profile and its upload and remove writes. */
export function useAvatarFlow(
  profile: UseProfileResult,
  writes: { upload: Action<Blob, Profile>; remove: Action<void, null> },
  options: { canEdit: boolean; maxBytes: number | undefined },
): UseImageUploadResult {
  const url = profile.profile?.avatarUrl ?? null;
  const { run: drop } = writes.remove;
  return useImageUpload({
    state: profile.state === 'ready' && url === null ? 'empty' : profile.state,
    url,
    loadError: profile.error,
    canEdit: options.canEdit,
    maxBytes: options.maxBytes,
    send: writes.upload.run,
    drop: React.useCallback(() => drop(undefined), [drop]),
  });
}

export interface UseAvatarUploadOptions {
  /** The largest file to send, checked before the request (the server's own limit still holds). */
  maxBytes?: number;
}

/** Your avatar: its URL from the profile, uploading a new one (checked first), removing it. */
export function useAvatarUpload(options: UseAvatarUploadOptions = {}): UseImageUploadResult {
  const client = useAuthClient();
  const profile = useProfile();
  const upload = useAction(profileMutations.profile.uploadAvatar(client));
  const remove = useAction(profileMutations.profile.deleteAvatar(client));
  return useAvatarFlow(
    profile,
    { upload, remove },
    { canEdit: profile.state !== 'forbidden', maxBytes: options.maxBytes },
  );
}
