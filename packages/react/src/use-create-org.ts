'use client';
import type { ClientError, MyOrg, OrgInput, Result } from '@catalyst/authkit';
import * as React from 'react';
import { orgMutations } from './data/org-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import type { FormState } from './credentials-form.js';

export interface UseCreateOrgResult {
  state: FormState;
  pending: boolean;
  /** The last failure: `slug_taken` and `invalid_request` name their `field`. */
  error: ClientError | null;
  /**
   * Creates the org (the caller becomes its owner). With `activate` (the default) it then becomes
   * the session's active org; a failure to switch lands in `error`, the org stays created.
   */
  create(input: OrgInput, options?: { activate?: boolean }): Promise<Result<MyOrg>>;
}

/** `Acme, Inc.` → `acme-inc`: lower-case letters, digits and inner hyphens, at most 40. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The create-org request with its pending and error state: the hook under `<CreateOrg>`. */
export function useCreateOrg(): UseCreateOrgResult {
  const client = useAuthClient();
  const creating = useAction(orgMutations.orgs.create(client));
  const activating = useAction(orgMutations.orgs.setActive(client));
  const [error, setError] = React.useState<ClientError | null>(null);
  const { run: runCreate } = creating;
  const { run: runActivate } = activating;
  const create = React.useCallback(
    async (input: OrgInput, options: { activate?: boolean } = {}) => {
      setError(null);
      const created = await runCreate(input);
      if (!created.ok) {
        setError(created.error);
        return created;
      }
      if (options.activate !== false) {
        const switched = await runActivate(created.data.id);
        if (!switched.ok) setError(switched.error);
      }
      return created;
    },
    [runCreate, runActivate],
  );
  const pending = creating.pending || activating.pending;
  return { state: pending ? 'pending' : error ? 'error' : 'idle', pending, error, create };
}
