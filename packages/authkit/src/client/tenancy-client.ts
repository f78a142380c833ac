/** The client's tenancy namespaces: groups, roles, invitations, domains, labels, entitlements, me. */
import type { EffectiveIdentity } from '../domain/effective-identity.js';
import type { MyOrg } from '../domain/org.js';
import type {
  CreatedInviteLink,
  DomainMode,
  Group,
  GroupMember,
  Invitation,
  InvitationPreview,
  InvitationStatus,
  InviteLink,
  MembershipRequest,
  MembershipRequestStatus,
  MyInvitation,
  OrgDomain,
  OrgEntitlements,
  OrgSuggestion,
  Role,
} from '../domain/tenancy.js';
import type { Result } from './create-auth-client.js';

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<Result<T>>;
export interface Page {
  cursor?: string;
  limit?: number;
}
type List<K extends string, T> = Result<{ [P in K]: T[] } & { nextCursor: string | null }>;

export interface GroupsClient {
  list(orgId: string, page?: Page): Promise<List<'groups', Group>>;
  create(
    orgId: string,
    input: {
      name: string;
      description?: string;
      parentId?: string | null;
      labels?: string[];
      roles?: string[];
    },
  ): Promise<Result<Group>>;
  get(orgId: string, groupId: string): Promise<Result<Group>>;
  update(
    orgId: string,
    groupId: string,
    patch: {
      name?: string;
      description?: string | null;
      parentId?: string | null;
      labels?: string[];
      roles?: string[];
    },
  ): Promise<Result<Group>>;
  delete(orgId: string, groupId: string): Promise<Result<null>>;
  listMembers(orgId: string, groupId: string, page?: Page): Promise<List<'members', GroupMember>>;
  /** Adds a member to the group, or changes their role in it. */
  setMember(
    orgId: string,
    groupId: string,
    userId: string,
    input?: { role?: string | null },
  ): Promise<Result<GroupMember>>;
  removeMember(orgId: string, groupId: string, userId: string): Promise<Result<null>>;
}

export interface RolesClient {
  /** Built-in roles first, then the org's custom roles. */
  list(orgId: string): Promise<List<'roles', Role>>;
  create(
    orgId: string,
    input: { name: string; description?: string; permissions: string[] },
  ): Promise<Result<Role>>;
  update(
    orgId: string,
    name: string,
    patch: { description?: string | null; permissions?: string[] },
  ): Promise<Result<Role>>;
  delete(orgId: string, name: string): Promise<Result<null>>;
}

export interface InvitationsClient {
  list(
    orgId: string,
    page?: Page & { status?: InvitationStatus },
  ): Promise<List<'invitations', Invitation>>;
  create(
    orgId: string,
    input: { email: string; roles?: string[]; groups?: string[] },
  ): Promise<Result<Invitation>>;
  resend(orgId: string, invitationId: string): Promise<Result<Invitation>>;
  revoke(orgId: string, invitationId: string): Promise<Result<null>>;
  listLinks(orgId: string, page?: Page): Promise<List<'inviteLinks', InviteLink>>;
  createLink(
    orgId: string,
    input?: { roles?: string[]; maxUses?: number | null; expiresAt?: string | null },
  ): Promise<Result<CreatedInviteLink>>;
  revokeLink(orgId: string, linkId: string): Promise<Result<null>>;
  /** What an invitation or link token grants, before accepting it. */
  preview(token: string): Promise<Result<InvitationPreview>>;
  /** Accepts an email invitation or invite link as the signed-in user. */
  accept(token: string): Promise<Result<MyOrg>>;
  /** Invitations addressed to the caller's verified email. */
  listMine(): Promise<Result<{ invitations: MyInvitation[] }>>;
  acceptMine(invitationId: string): Promise<Result<MyOrg>>;
  declineMine(invitationId: string): Promise<Result<null>>;
}

export interface DomainsClient {
  list(orgId: string): Promise<List<'domains', OrgDomain>>;
  add(orgId: string, input: { domain: string; mode?: DomainMode }): Promise<Result<OrgDomain>>;
  /** Looks up the TXT record now; answers 409 `domain_not_verified` while it is missing. */
  verify(orgId: string, domainId: string): Promise<Result<OrgDomain>>;
  update(orgId: string, domainId: string, patch: { mode: DomainMode }): Promise<Result<OrgDomain>>;
  remove(orgId: string, domainId: string): Promise<Result<null>>;
  /** Orgs whose verified domain matches the caller's verified email. */
  suggestions(): Promise<Result<{ suggestions: OrgSuggestion[] }>>;
}

export interface MembershipRequestsClient {
  /** Asks to join an org suggested by its verified domain. */
  request(orgId: string): Promise<Result<MembershipRequest>>;
  list(
    orgId: string,
    page?: Page & { status?: MembershipRequestStatus },
  ): Promise<List<'membershipRequests', MembershipRequest>>;
  accept(orgId: string, requestId: string): Promise<Result<MembershipRequest>>;
  reject(orgId: string, requestId: string): Promise<Result<MembershipRequest>>;
}

export interface LabelsClient {
  get(orgId: string): Promise<Result<{ labels: string[] }>>;
  set(orgId: string, labels: string[]): Promise<Result<{ labels: string[] }>>;
}

export interface EntitlementsClient {
  get(orgId: string): Promise<Result<OrgEntitlements>>;
  setOverride(
    orgId: string,
    userId: string,
    input: { features?: string[]; limits?: Record<string, number> },
  ): Promise<Result<OrgEntitlements>>;
  removeOverride(orgId: string, userId: string): Promise<Result<null>>;
}

export interface MeClient {
  /** The caller's merged identity in `org` (default: the active org; `null` for none). */
  effective(options?: { org?: string | null }): Promise<Result<EffectiveIdentity>>;
}

const seg = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function tenancyClients(call: Call) {
  const org = (orgId: string) => `/orgs/${seg(orgId)}`;
  const groups: GroupsClient = {
    list: (orgId, page = {}) => call('GET', withQuery(`${org(orgId)}/groups`, { ...page })),
    create: (orgId, input) => call('POST', `${org(orgId)}/groups`, input),
    get: (orgId, id) => call('GET', `${org(orgId)}/groups/${seg(id)}`),
    update: (orgId, id, patch) => call('PATCH', `${org(orgId)}/groups/${seg(id)}`, patch),
    delete: (orgId, id) => call('DELETE', `${org(orgId)}/groups/${seg(id)}`),
    listMembers: (orgId, id, page = {}) =>
      call('GET', withQuery(`${org(orgId)}/groups/${seg(id)}/members`, { ...page })),
    setMember: (orgId, id, userId, input = {}) =>
      call('PUT', `${org(orgId)}/groups/${seg(id)}/members/${seg(userId)}`, input),
    removeMember: (orgId, id, userId) =>
      call('DELETE', `${org(orgId)}/groups/${seg(id)}/members/${seg(userId)}`),
  };
  const roles: RolesClient = {
    list: (orgId) => call('GET', `${org(orgId)}/roles`),
    create: (orgId, input) => call('POST', `${org(orgId)}/roles`, input),
    update: (orgId, name, patch) => call('PATCH', `${org(orgId)}/roles/${seg(name)}`, patch),
    delete: (orgId, name) => call('DELETE', `${org(orgId)}/roles/${seg(name)}`),
  };
  const invitations: InvitationsClient = {
    list: (orgId, page = {}) => call('GET', withQuery(`${org(orgId)}/invitations`, { ...page })),
    create: (orgId, input) => call('POST', `${org(orgId)}/invitations`, input),
    resend: (orgId, id) => call('POST', `${org(orgId)}/invitations/${seg(id)}/resend`),
    revoke: (orgId, id) => call('DELETE', `${org(orgId)}/invitations/${seg(id)}`),
    listLinks: (orgId, page = {}) =>
      call('GET', withQuery(`${org(orgId)}/invite-links`, { ...page })),
    createLink: (orgId, input = {}) => call('POST', `${org(orgId)}/invite-links`, input),
    revokeLink: (orgId, id) => call('DELETE', `${org(orgId)}/invite-links/${seg(id)}`),
    preview: (token) => call('GET', `/invitations/${seg(token)}`),
    accept: (token) => call('POST', `/invitations/${seg(token)}/accept`),
    listMine: () => call('GET', '/me/invitations'),
    acceptMine: (id) => call('POST', `/me/invitations/${seg(id)}/accept`),
    declineMine: (id) => call('DELETE', `/me/invitations/${seg(id)}`),
  };
  const domains: DomainsClient = {
    list: (orgId) => call('GET', `${org(orgId)}/domains`),
    add: (orgId, input) => call('POST', `${org(orgId)}/domains`, input),
    verify: (orgId, id) => call('POST', `${org(orgId)}/domains/${seg(id)}/verify`),
    update: (orgId, id, patch) => call('PATCH', `${org(orgId)}/domains/${seg(id)}`, patch),
    remove: (orgId, id) => call('DELETE', `${org(orgId)}/domains/${seg(id)}`),
    suggestions: () => call('GET', '/me/org-suggestions'),
  };
  const membershipRequests: MembershipRequestsClient = {
    request: (orgId) => call('POST', '/me/membership-requests', { orgId }),
    list: (orgId, page = {}) =>
      call('GET', withQuery(`${org(orgId)}/membership-requests`, { ...page })),
    accept: (orgId, id) => call('POST', `${org(orgId)}/membership-requests/${seg(id)}/accept`),
    reject: (orgId, id) => call('POST', `${org(orgId)}/membership-requests/${seg(id)}/reject`),
  };
  const labels: LabelsClient = {
    get: (orgId) => call('GET', `${org(orgId)}/labels`),
    set: (orgId, list) => call('PUT', `${org(orgId)}/labels`, { labels: list }),
  };
  const entitlements: EntitlementsClient = {
    get: (orgId) => call('GET', `${org(orgId)}/entitlements`),
    setOverride: (orgId, userId, input) =>
      call('PUT', `${org(orgId)}/entitlements/overrides/${seg(userId)}`, input),
    removeOverride: (orgId, userId) =>
      call('DELETE', `${org(orgId)}/entitlements/overrides/${seg(userId)}`),
  };
  const me: MeClient = {
    effective: (options = {}) =>
      call(
        'GET',
        withQuery('/me/effective', {
          org: options.org === null ? 'none' : options.org,
        }),
      ),
  };
  return { groups, roles, invitations, domains, membershipRequests, labels, entitlements, me };
}
