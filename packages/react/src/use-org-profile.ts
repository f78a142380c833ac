'use client';
import type { ClientError, MyOrg, OrgInput, Result } from '@catalyst/authkit';
import * as React from 'react';
import { orgMutations } from './data/org-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrg, type UseOrgResult } from './use-orgs.js';

export interface UseOrgProfileResult extends UseOrgResult {
  /**
   * Whether the caller may change the profile (`org:update`): from the session for the active
   * org, from `GET /me/effective` for another. The server checks either way.
   */
  canEdit: boolean;
  /** `PATCH /orgs/{orgId}` with a new name and/or profile (the profile is replaced whole). */
  save(patch: Pick<Partial<OrgInput>, 'name' | 'profile'>): Promise<Result<MyOrg>>;
  saving: boolean;
  /** The last save's failure: `invalid_request` names its `field` (`profile.website`). */
  saveError: ClientError | null;
  /** True after a save succeeded, until the next one starts. */
  saved: boolean;
}

/** An org's profile (the active org unless `orgId` is given), who may change it, and saving. */
export function useOrgProfile(orgId?: string | null): UseOrgProfileResult {
  const client = useAuthClient();
  const org = useOrg(orgId);
  const saving = useAction(orgMutations.orgs.update(client));
  const [saved, setSaved] = React.useState(false);
  const { run, reset } = saving;
  const id = org.orgId;
  const save = React.useCallback(
    async (patch: Pick<Partial<OrgInput>, 'name' | 'profile'>): Promise<Result<MyOrg>> => {
      setSaved(false);
      reset();
      if (id === null) {
        return {
          ok: false,
          error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
        };
      }
      const result = await run({ orgId: id, patch });
      if (result.ok) {
        setSaved(true);
        // The session's copy of the active org's name follows at once (no round trip).
        const current = client.session.getSnapshot().data;
        if (current?.org?.id === id && current.org.name !== result.data.name) {
          client.session.set({ ...current, org: { ...current.org, name: result.data.name } });
        }
      }
      return result;
    },
    [client, id, run, reset],
  );
  const canEdit = useOrgPermissions(org.orgId).can('org:update');
  return { ...org, canEdit, save, saving: saving.pending, saveError: saving.error, saved };
}
