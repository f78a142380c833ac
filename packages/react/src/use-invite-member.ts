'use client';
import type { ClientError, CreatedInviteLink, Invitation, Result, Role } from '@catalyst/authkit';
import { useQuery } from '@tanstack/react-query';
import * as React from 'react';
import { useCatalystQueryClient } from './data/query-client.js';
import type { DataState } from './data/core.js';
import { orgMutations, orgQueries } from './data/org-resources.js';
import { useAction } from './data/use-resource.js';
import { useAuthClient } from './hooks.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrgScope } from './use-orgs.js';

export interface InviteLinkInput {
  roles?: string[];
  /** Null or absent: unlimited. */
  maxUses?: number | null;
  /** ISO 8601; null or absent: never expires. */
  expiresAt?: string | null;
}

export interface UseInviteMemberResult {
  /** `loading` until the caller's permissions are known, `forbidden` without `invitations:manage`. */
  state: DataState;
  orgId: string | null;
  /** Roles an invitation may carry: the org's roles, `owner` only for those who may transfer. */
  roles: Role[];
  /** Sends an email invitation (`POST /orgs/{orgId}/invitations`). */
  invite(input: { email: string; roles?: string[] }): Promise<Result<Invitation>>;
  inviting: boolean;
  inviteError: ClientError | null;
  /** The last invitation sent, until the next attempt. */
  invited: Invitation | null;
  /** Creates a shareable link; its URL is in `link`, and only there: it is never readable again. */
  createLink(input: InviteLinkInput): Promise<Result<CreatedInviteLink>>;
  creatingLink: boolean;
  linkError: ClientError | null;
  link: CreatedInviteLink | null;
  /** Forgets the created link (after it was copied). */
  dismissLink(): void;
}

const BUILT_IN: Role[] = ['admin', 'member'].map((name) => ({
  name,
  description: null,
  permissions: [],
  builtIn: true,
}));

const noOrg = (): { ok: false; error: ClientError } => ({
  ok: false,
  error: { code: 'invalid_request', status: 400, message: 'no organization selected' },
});

/** Inviting people to an org (the active org unless `orgId`): by email, or with a link. */
export function useInviteMember(orgId?: string | null): UseInviteMemberResult {
  const client = useAuthClient();
  const scope = useOrgScope(orgId);
  const queryClient = useCatalystQueryClient();
  const permissions = useOrgPermissions(scope.orgId);
  const canInvite = permissions.can('invitations:manage');
  const roles = useQuery(
    {
      ...orgQueries.roles.list(client, scope),
      enabled: scope.ready && scope.orgId !== null && canInvite,
    },
    queryClient,
  );
  const inviting = useAction(orgMutations.invitations.create(client));
  const linking = useAction(orgMutations.inviteLinks.create(client));
  const [invited, setInvited] = React.useState<Invitation | null>(null);
  const [link, setLink] = React.useState<CreatedInviteLink | null>(null);
  const id = scope.orgId;
  const { run: runInvite, reset: resetInvite } = inviting;
  const { run: runLink, reset: resetLink } = linking;
  const canTransfer = permissions.can('org:transfer');
  return {
    state: !scope.ready
      ? 'loading'
      : id === null
        ? 'empty'
        : !permissions.known
          ? 'loading'
          : canInvite
            ? 'ready'
            : 'forbidden',
    orgId: id,
    roles: (roles.data ?? BUILT_IN).filter((role) => role.name !== 'owner' || canTransfer),
    invite: React.useCallback(
      async (input) => {
        setInvited(null);
        resetInvite();
        if (id === null) return noOrg();
        const result = await runInvite({ orgId: id, invitation: input });
        if (result.ok) setInvited(result.data);
        return result;
      },
      [id, runInvite, resetInvite],
    ),
    inviting: inviting.pending,
    inviteError: inviting.error,
    invited,
    createLink: React.useCallback(
      async (input) => {
        setLink(null);
        resetLink();
        if (id === null) return noOrg();
        const result = await runLink({ orgId: id, link: input });
        if (result.ok) setLink(result.data);
        return result;
      },
      [id, runLink, resetLink],
    ),
    creatingLink: linking.pending,
    linkError: linking.error,
    link,
    dismissLink: React.useCallback(() => setLink(null), []),
  };
}
