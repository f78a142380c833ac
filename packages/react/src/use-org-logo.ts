'use client';
import type { Result } from '@catalyst/authkit';
import * as React from 'react';
import { profileMutations } from './data/profile-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useImageUpload, type UseImageUploadResult } from './use-image-upload.js';
import { useOrg } from './use-orgs.js';

export interface UseOrgLogoUploadOptions {
  /** The largest file to send, checked before the request (the server's own limit still holds). */
  maxBytes?: number;
}

const noOrg = {
  ok: false as const,
  error: { code: 'invalid_request' as const, status: 400, message: 'no organization selected' },
};

/**
 * An org's logo (the active org unless `orgId` is given): its URL, uploading and removing. The
 * state is `forbidden` for a caller without `org:update` there, once that is known.
 */
export function useOrgLogoUpload(
  orgId?: string | null,
  options: UseOrgLogoUploadOptions = {},
): UseImageUploadResult & { orgId: string | null } {
  const client = useAuthClient();
  const org = useOrg(orgId);
  const permissions = useOrgPermissions(org.orgId);
  const uploading = useAction(profileMutations.logos.upload(client));
  const removing = useAction(profileMutations.logos.remove(client));
  const id = org.orgId;
  const url = org.org?.profile.logoUrl ?? null;
  const denied = permissions.known && !permissions.can('org:update');
  const state =
    org.state === 'ready' && denied
      ? 'forbidden'
      : org.state === 'ready' && url === null
        ? 'empty'
        : org.state;
  const { run: send } = uploading;
  const { run: drop } = removing;
  const upload = useImageUpload({
    state,
    url,
    loadError: org.error,
    canEdit: permissions.can('org:update'),
    maxBytes: options.maxBytes,
    send: React.useCallback(
      (image: Blob): Promise<Result<unknown>> =>
        id === null ? Promise.resolve(noOrg) : send({ orgId: id, image }),
      [id, send],
    ),
    drop: React.useCallback(
      (): Promise<Result<null>> => (id === null ? Promise.resolve(noOrg) : drop(id)),
      [id, drop],
    ),
  });
  return { ...upload, orgId: id };
}
