'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import * as React from 'react';
import type { DataState } from './data/core.js';
import { fillIn } from './account-parts.js';
import { useWords } from './localization.js';
import { IMAGE_UPLOAD_WORDS } from './profile-words.js';

/** What the server takes (it reads the type from the bytes; this is only the fast first check). */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/** The server's default limit (`uploads.avatarMaxBytes`, `uploads.logoMaxBytes`). */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export interface UseImageUploadResult {
  /** `empty` without an image; `forbidden` signed out or without the permission. */
  state: DataState;
  /** Where the server serves the image, or null. */
  url: string | null;
  /** An object URL of the file being uploaded, shown until the server's answer replaces it. */
  preview: string | null;
  /**
   * Checks the file's type and size first (a refused file costs no request), then uploads it.
   * A refusal, the browser's or the server's, is a failure with `field: 'file'`.
   */
  upload(file: Blob): Promise<Result<unknown>>;
  uploading: boolean;
  remove(): Promise<Result<null>>;
  removing: boolean;
  /** Loading failed (`state: 'error'`), or the last upload or removal did. */
  error: ClientError | null;
  /** What the last action did, for a status message; cleared when the next one starts. */
  done: 'uploaded' | 'removed' | null;
  /** Whether the caller may upload and remove (the server checks either way). */
  canEdit: boolean;
  maxBytes: number;
}

/** `2 MiB`, `512 KiB`: the limit as the hint and the refusal say it. */
export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;

interface UploadCore {
  state: DataState;
  url: string | null;
  loadError: ClientError | null;
  canEdit: boolean;
  maxBytes: number | undefined;
  send(file: Blob): Promise<Result<unknown>>;
  drop(): Promise<Result<null>>;
}

const createPreview = (file: Blob) =>
  typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;

/** The upload flow the avatar and the logo share: check, preview, send, status, errors. */
export function useImageUpload(core: UploadCore): UseImageUploadResult {
  const words = useWords('imageUpload', IMAGE_UPLOAD_WORDS);
  const maxBytes = core.maxBytes ?? DEFAULT_MAX_BYTES;
  const [pending, setPending] = React.useState<'upload' | 'remove' | null>(null);
  const [error, setError] = React.useState<ClientError | null>(null);
  const [done, setDone] = React.useState<'uploaded' | 'removed' | null>(null);
  const [preview, setPreview] = React.useState<string | null>(null);
  // An object URL holds the file in memory until revoked: free each one once it is replaced.
  React.useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  const { send, drop } = core;

  const upload = React.useCallback(
    async (file: Blob): Promise<Result<unknown>> => {
      setDone(null);
      const refused = !IMAGE_TYPES.includes(file.type)
        ? { code: 'unsupported_image' as const, status: 415, message: words.unsupported }
        : file.size > maxBytes
          ? {
              code: 'file_too_large' as const,
              status: 413,
              message: fillIn(words.tooLarge, { size: formatBytes(maxBytes) }),
            }
          : null;
      if (refused) {
        const failure: ClientError = { ...refused, field: 'file' };
        setError(failure);
        return { ok: false, error: failure };
      }
      setError(null);
      setPending('upload');
      setPreview(createPreview(file));
      const result = await send(file);
      setPending(null);
      setPreview(null);
      if (result.ok) setDone('uploaded');
      else setError(result.error);
      return result;
    },
    [send, maxBytes, words],
  );

  const remove = React.useCallback(async () => {
    setDone(null);
    setError(null);
    setPending('remove');
    const result = await drop();
    setPending(null);
    if (result.ok) setDone('removed');
    else setError(result.error);
    return result;
  }, [drop]);

  return {
    state: core.state,
    url: core.url,
    preview,
    upload,
    uploading: pending === 'upload',
    remove,
    removing: pending === 'remove',
    error: core.loadError ?? error,
    done,
    canEdit: core.canEdit,
    maxBytes,
  };
}
