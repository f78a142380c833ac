import type {
  AuthClient,
  CreatedInviteLink,
  EffectiveIdentity,
  Group,
  GroupMember,
  Invitation,
  Member,
  MembershipRequest,
  MyInvitation,
  MyOrg,
  OrgInput,
  OrgRole,
  OrgSuggestion,
  Page,
  Role,
  SessionPayload,
} from '@catalyst/authkit';
import { CatalystRequestError, retryRequest, unwrap, type ResourceScope } from './core.js';

/** Whose data, in which org: org-scoped keys carry both. */
export interface OrgScope extends ResourceScope {
  orgId: string | null;
}

/** One page of a cursor-paginated list, as the paged queries return it. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** How many rows a paged query asks for at a time. */
export const PAGE_SIZE = 50;

/** Org-scoped fetchers need an org; hooks keep them disabled until there is one. */
export function orgOf(scope: OrgScope): string {
  if (scope.orgId === null) {
    throw new CatalystRequestError({
      code: 'invalid_request',
      status: 400,
      message: 'no organization selected',
      field: 'orgId',
    });
  }
  return scope.orgId;
}

/**
 * A cursor-paginated list in the shape of TanStack's `infiniteQueryOptions` (`useInfiniteQuery`
 * with it; `fetchNextPage()` follows `nextCursor`).
 */
function paged<K extends readonly unknown[], T>(
  queryKey: K,
  fetchPage: (page: Page) => Promise<PageOf<T>>,
) {
  return {
    queryKey,
    queryFn: ({ pageParam }: { pageParam: string | null }) =>
      fetchPage(pageParam ? { cursor: pageParam, limit: PAGE_SIZE } : { limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: PageOf<T>): string | null => last.nextCursor,
    retry: retryRequest,
  };
}

const page = <T>(items: T[], nextCursor: string | null): PageOf<T> => ({ items, nextCursor });

/** The org resources: `catalystQueries.orgs`, `.members`, `.groups`, `.roles`, … */
export const orgQueries = {
  /** The caller's orgs (`GET /me/orgs`), with their roles in each; paged. */
  orgs: {
    all: ['catalyst', 'orgs'] as const,
    list: (client: AuthClient, scope: ResourceScope = { userId: null }) =>
      paged(['catalyst', 'orgs', 'list', scope.userId] as const, async (p) => {
        const data = unwrap(await client.orgs.list(p));
        return page(data.orgs, data.nextCursor);
      }),
    /** One org's full record (profile, settings, plan), with the caller's roles in it. */
    get: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'orgs', 'detail', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<MyOrg> => unwrap(await client.orgs.get(orgOf(scope))),
      retry: retryRequest,
    }),
  },
  members: {
    all: ['catalyst', 'members'] as const,
    list: (client: AuthClient, scope: OrgScope) =>
      paged(['catalyst', 'members', 'list', scope.userId, scope.orgId] as const, async (p) => {
        const data = unwrap(await client.orgs.listMembers(orgOf(scope), p));
        return page(data.members, data.nextCursor);
      }),
  },
  groups: {
    all: ['catalyst', 'groups'] as const,
    list: (client: AuthClient, scope: OrgScope) =>
      paged(['catalyst', 'groups', 'list', scope.userId, scope.orgId] as const, async (p) => {
        const data = unwrap(await client.groups.list(orgOf(scope), p));
        return page(data.groups, data.nextCursor);
      }),
    members: (client: AuthClient, scope: OrgScope & { groupId: string }) =>
      paged(
        ['catalyst', 'groups', 'members', scope.userId, scope.orgId, scope.groupId] as const,
        async (p) => {
          const data = unwrap(await client.groups.listMembers(orgOf(scope), scope.groupId, p));
          return page(data.members, data.nextCursor);
        },
      ),
  },
  roles: {
    all: ['catalyst', 'roles'] as const,
    /** Built-in roles first, then the org's custom roles (one request: an org has few). */
    list: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'roles', 'list', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<Role[]> => unwrap(await client.roles.list(orgOf(scope))).roles,
      retry: retryRequest,
    }),
  },
  invitations: {
    all: ['catalyst', 'invitations'] as const,
    /** The org's pending email invitations, as its admins see them. */
    list: (client: AuthClient, scope: OrgScope) =>
      paged(['catalyst', 'invitations', 'list', scope.userId, scope.orgId] as const, async (p) => {
        const data = unwrap(
          await client.invitations.list(orgOf(scope), { ...p, status: 'pending' }),
        );
        return page(data.invitations, data.nextCursor);
      }),
    /** Invitations addressed to the caller's verified email (`GET /me/invitations`). */
    mine: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'invitations', 'mine', scope.userId] as const,
      queryFn: async (): Promise<MyInvitation[]> =>
        unwrap(await client.invitations.listMine()).invitations,
      retry: retryRequest,
    }),
  },
  inviteLinks: {
    all: ['catalyst', 'invite-links'] as const,
    list: (client: AuthClient, scope: OrgScope) =>
      paged(['catalyst', 'invite-links', 'list', scope.userId, scope.orgId] as const, async (p) => {
        const data = unwrap(await client.invitations.listLinks(orgOf(scope), p));
        return page(data.inviteLinks, data.nextCursor);
      }),
  },
  /** Orgs whose verified domain matches the caller's verified email (`GET /me/org-suggestions`). */
  orgSuggestions: {
    all: ['catalyst', 'org-suggestions'] as const,
    mine: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'org-suggestions', 'mine', scope.userId] as const,
      queryFn: async (): Promise<OrgSuggestion[]> =>
        unwrap(await client.domains.suggestions()).suggestions,
      retry: retryRequest,
    }),
  },
  me: {
    all: ['catalyst', 'me'] as const,
    /** The caller's merged identity in `orgId` (`null`: outside any org), `GET /me/effective`. */
    effective: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'me', 'effective', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<EffectiveIdentity> =>
        unwrap(await client.me.effective({ org: scope.orgId })),
      retry: retryRequest,
    }),
  },
};

const q = orgQueries;

/** The org writes (`catalystMutations.orgs`, …), each with the keys it makes stale. */
export const orgMutations = {
  orgs: {
    create: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'orgs', 'create'] as const,
      mutationFn: async (input: OrgInput): Promise<MyOrg> =>
        unwrap(await client.orgs.create(input)),
      invalidates: [q.orgs.all],
    }),
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'orgs', 'update'] as const,
      mutationFn: async (input: {
        orgId: string;
        patch: Partial<Omit<OrgInput, 'slug'>>;
      }): Promise<MyOrg> => unwrap(await client.orgs.update(input.orgId, input.patch)),
      invalidates: [q.orgs.all],
    }),
    /** Switches the session's active org; the session store updates at once. */
    setActive: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'orgs', 'set-active'] as const,
      mutationFn: async (orgId: string | null): Promise<SessionPayload> =>
        unwrap(await client.setActiveOrg(orgId)),
      invalidates: [q.me.all],
    }),
  },
  members: {
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'members', 'update'] as const,
      mutationFn: async (input: {
        orgId: string;
        userId: string;
        patch: { roles?: OrgRole[]; labelsDelta?: string[]; groups?: string[] };
      }): Promise<Member> =>
        unwrap(await client.orgs.updateMember(input.orgId, input.userId, input.patch)),
      invalidates: [q.members.all, q.groups.all, q.me.all],
    }),
    /** Removes a member; the caller's own id leaves the org. */
    remove: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'members', 'remove'] as const,
      mutationFn: async (input: { orgId: string; userId: string }): Promise<null> =>
        unwrap(await client.orgs.removeMember(input.orgId, input.userId)),
      invalidates: [q.members.all, q.groups.all, q.orgs.all, q.me.all],
    }),
  },
  groups: {
    create: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'groups', 'create'] as const,
      mutationFn: async (input: {
        orgId: string;
        group: { name: string; description?: string; parentId?: string | null };
      }): Promise<Group> => unwrap(await client.groups.create(input.orgId, input.group)),
      invalidates: [q.groups.all],
    }),
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'groups', 'update'] as const,
      mutationFn: async (input: {
        orgId: string;
        groupId: string;
        patch: { name?: string; description?: string | null; parentId?: string | null };
      }): Promise<Group> =>
        unwrap(await client.groups.update(input.orgId, input.groupId, input.patch)),
      invalidates: [q.groups.all],
    }),
    delete: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'groups', 'delete'] as const,
      mutationFn: async (input: { orgId: string; groupId: string }): Promise<null> =>
        unwrap(await client.groups.delete(input.orgId, input.groupId)),
      invalidates: [q.groups.all, q.members.all, q.me.all],
    }),
    /** Adds a member to a group (or changes their role in it). */
    setMember: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'groups', 'set-member'] as const,
      mutationFn: async (input: {
        orgId: string;
        groupId: string;
        userId: string;
        role?: string | null;
      }): Promise<GroupMember> =>
        unwrap(
          await client.groups.setMember(input.orgId, input.groupId, input.userId, {
            ...(input.role === undefined ? {} : { role: input.role }),
          }),
        ),
      invalidates: [q.groups.all, q.members.all, q.me.all],
    }),
    removeMember: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'groups', 'remove-member'] as const,
      mutationFn: async (input: {
        orgId: string;
        groupId: string;
        userId: string;
      }): Promise<null> =>
        unwrap(await client.groups.removeMember(input.orgId, input.groupId, input.userId)),
      invalidates: [q.groups.all, q.members.all, q.me.all],
    }),
  },
  roles: {
    create: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'roles', 'create'] as const,
      mutationFn: async (input: {
        orgId: string;
        role: { name: string; description?: string; permissions: string[] };
      }): Promise<Role> => unwrap(await client.roles.create(input.orgId, input.role)),
      invalidates: [q.roles.all],
    }),
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'roles', 'update'] as const,
      mutationFn: async (input: {
        orgId: string;
        name: string;
        patch: { description?: string | null; permissions?: string[] };
      }): Promise<Role> => unwrap(await client.roles.update(input.orgId, input.name, input.patch)),
      invalidates: [q.roles.all, q.me.all],
    }),
    delete: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'roles', 'delete'] as const,
      mutationFn: async (input: { orgId: string; name: string }): Promise<null> =>
        unwrap(await client.roles.delete(input.orgId, input.name)),
      invalidates: [q.roles.all, q.members.all, q.me.all],
    }),
  },
  invitations: {
    create: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invitations', 'create'] as const,
      mutationFn: async (input: {
        orgId: string;
        invitation: { email: string; roles?: string[]; groups?: string[] };
      }): Promise<Invitation> =>
        unwrap(await client.invitations.create(input.orgId, input.invitation)),
      invalidates: [q.invitations.all],
    }),
    revoke: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invitations', 'revoke'] as const,
      mutationFn: async (input: { orgId: string; invitationId: string }): Promise<null> =>
        unwrap(await client.invitations.revoke(input.orgId, input.invitationId)),
      invalidates: [q.invitations.all],
    }),
    /** Accepts an invitation addressed to the caller: they join the org. */
    acceptMine: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invitations', 'accept-mine'] as const,
      mutationFn: async (invitationId: string): Promise<MyOrg> =>
        unwrap(await client.invitations.acceptMine(invitationId)),
      invalidates: [q.invitations.all, q.orgs.all, q.orgSuggestions.all],
    }),
    declineMine: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invitations', 'decline-mine'] as const,
      mutationFn: async (invitationId: string): Promise<null> =>
        unwrap(await client.invitations.declineMine(invitationId)),
      invalidates: [q.invitations.all],
    }),
  },
  inviteLinks: {
    /** The answer carries the link's `url` and `token`, once: they are never readable again. */
    create: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invite-links', 'create'] as const,
      mutationFn: async (input: {
        orgId: string;
        link: { roles?: string[]; maxUses?: number | null; expiresAt?: string | null };
      }): Promise<CreatedInviteLink> =>
        unwrap(await client.invitations.createLink(input.orgId, input.link)),
      invalidates: [q.inviteLinks.all],
    }),
    revoke: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'invite-links', 'revoke'] as const,
      mutationFn: async (input: { orgId: string; linkId: string }): Promise<null> =>
        unwrap(await client.invitations.revokeLink(input.orgId, input.linkId)),
      invalidates: [q.inviteLinks.all],
    }),
  },
  membershipRequests: {
    /** Asks to join an org suggested by its verified domain. */
    request: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'membership-requests', 'request'] as const,
      mutationFn: async (orgId: string): Promise<MembershipRequest> =>
        unwrap(await client.membershipRequests.request(orgId)),
      invalidates: [q.orgSuggestions.all],
    }),
  },
};
