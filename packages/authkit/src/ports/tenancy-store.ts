/** Records and repositories for an org's groups, roles, invitations, domains and entitlements. */
import type { DomainMode, InvitationStatus, MembershipRequestStatus } from '../domain/tenancy.js';

export interface Paging {
  cursor?: string | undefined;
  limit: number;
}

export interface GroupRecord {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  parentId: string | null;
  labels: string[];
  roles: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupMemberRecord {
  orgId: string;
  groupId: string;
  userId: string;
  role: string | null;
  createdAt: Date;
}

export interface OrgRoleRecord {
  orgId: string;
  name: string;
  description: string | null;
  permissions: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface InvitationRecord {
  id: string;
  orgId: string;
  email: string;
  roles: string[];
  groups: string[];
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
  lastSentAt: Date;
  createdAt: Date;
}

export interface InviteLinkRecord {
  id: string;
  orgId: string;
  tokenHash: string;
  start: string;
  roles: string[];
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

export interface OrgDomainRecord {
  id: string;
  orgId: string;
  domain: string;
  mode: DomainMode;
  verificationToken: string;
  verifiedAt: Date | null;
  createdAt: Date;
}

export interface MembershipRequestRecord {
  id: string;
  orgId: string;
  userId: string;
  status: MembershipRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface UserEntitlementRecord {
  orgId: string;
  userId: string;
  features: string[];
  limits: Record<string, number>;
  updatedAt: Date;
}

type GroupPatch = Partial<
  Pick<GroupRecord, 'name' | 'description' | 'parentId' | 'labels' | 'roles'>
>;

/** One org's groups; every statement filters on the bound org id. */
export interface GroupRepository {
  list(page: Paging): Promise<GroupRecord[]>;
  get(groupId: string): Promise<GroupRecord | null>;
  create(group: Omit<GroupRecord, 'orgId' | 'createdAt' | 'updatedAt'>): Promise<GroupRecord>;
  update(groupId: string, patch: GroupPatch, at: Date): Promise<GroupRecord | null>;
  /** Deletes the group; its children move up to its parent. */
  delete(groupId: string): Promise<boolean>;
  count(): Promise<number>;
  listMembers(
    groupId: string,
    page: Paging,
  ): Promise<Array<{ member: GroupMemberRecord; email: string; name: string | null }>>;
  setMember(groupId: string, userId: string, role: string | null): Promise<GroupMemberRecord>;
  removeMember(groupId: string, userId: string): Promise<boolean>;
  /** Group ids per user, for a page of members. */
  groupIdsOf(userIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The groups `userId` is in, with the role held in each. */
  groupsOf(userId: string): Promise<Array<{ group: GroupRecord; role: string | null }>>;
}

export interface OrgRoleRepository {
  list(): Promise<OrgRoleRecord[]>;
  get(name: string): Promise<OrgRoleRecord | null>;
  create(role: Pick<OrgRoleRecord, 'name' | 'description' | 'permissions'>): Promise<OrgRoleRecord>;
  update(
    name: string,
    patch: Partial<Pick<OrgRoleRecord, 'description' | 'permissions'>>,
    at: Date,
  ): Promise<OrgRoleRecord | null>;
  delete(name: string): Promise<boolean>;
  /** Memberships and groups that still grant the role. */
  countAssigned(name: string): Promise<number>;
}

export interface InvitationRepository {
  create(
    invitation: Omit<InvitationRecord, 'orgId' | 'acceptedAt' | 'acceptedBy' | 'revokedAt'>,
  ): Promise<InvitationRecord>;
  list(
    page: Paging & { status?: InvitationStatus | undefined; at: Date },
  ): Promise<InvitationRecord[]>;
  get(id: string): Promise<InvitationRecord | null>;
  /** A pending (not accepted, not revoked, not expired at `at`) invitation for `email`. */
  findPending(email: string, at: Date): Promise<InvitationRecord | null>;
  /** New token and expiry for a pending invitation. */
  renew(id: string, tokenHash: string, expiresAt: Date, at: Date): Promise<InvitationRecord | null>;
  revoke(id: string, at: Date): Promise<boolean>;
  /** Marks a pending invitation accepted; false when it was used, revoked or expired meanwhile. */
  accept(id: string, userId: string, at: Date): Promise<boolean>;
}

export interface InviteLinkRepository {
  create(
    link: Omit<InviteLinkRecord, 'orgId' | 'uses' | 'revokedAt' | 'createdAt'>,
  ): Promise<InviteLinkRecord>;
  list(page: Paging): Promise<InviteLinkRecord[]>;
  get(id: string): Promise<InviteLinkRecord | null>;
  revoke(id: string, at: Date): Promise<boolean>;
  /** Counts one use atomically; false once revoked, expired or at its maximum. */
  claimUse(id: string, at: Date): Promise<boolean>;
}

export interface OrgDomainRepository {
  list(): Promise<OrgDomainRecord[]>;
  get(id: string): Promise<OrgDomainRecord | null>;
  create(
    domain: Omit<OrgDomainRecord, 'orgId' | 'verifiedAt' | 'createdAt'>,
  ): Promise<OrgDomainRecord>;
  markVerified(id: string, at: Date): Promise<OrgDomainRecord | null>;
  setMode(id: string, mode: DomainMode): Promise<OrgDomainRecord | null>;
  delete(id: string): Promise<boolean>;
}

export interface MembershipRequestRepository {
  create(request: { id: string; userId: string }): Promise<MembershipRequestRecord>;
  list(
    page: Paging & { status?: MembershipRequestStatus | undefined },
  ): Promise<Array<{ request: MembershipRequestRecord; email: string; name: string | null }>>;
  get(id: string): Promise<MembershipRequestRecord | null>;
  pendingFor(userId: string): Promise<MembershipRequestRecord | null>;
  /** Decides a pending request; null when it was decided meanwhile. */
  decide(
    id: string,
    status: 'accepted' | 'rejected',
    decidedBy: string,
    at: Date,
  ): Promise<MembershipRequestRecord | null>;
}

export interface UserEntitlementRepository {
  list(): Promise<UserEntitlementRecord[]>;
  get(userId: string): Promise<UserEntitlementRecord | null>;
  set(
    userId: string,
    value: Pick<UserEntitlementRecord, 'features' | 'limits'>,
    at: Date,
  ): Promise<UserEntitlementRecord>;
  remove(userId: string): Promise<boolean>;
}

/** Lookups that cross orgs by design: a token or an email finds its org first. */
export interface TenancyLookups {
  invitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  inviteLinkByTokenHash(tokenHash: string): Promise<InviteLinkRecord | null>;
  /** Pending email invitations addressed to `email` in live orgs. */
  pendingInvitationsFor(email: string, at: Date): Promise<InvitationRecord[]>;
  /** Verified domains named `domain`, in live orgs. */
  verifiedDomains(domain: string): Promise<OrgDomainRecord[]>;
  membershipRequestsOf(userId: string): Promise<MembershipRequestRecord[]>;
}

export interface OutboxEventInput {
  type: string;
  orgId: string | null;
  /** Ordering key for endpoints that want one subject's events in order (defaults to ''). */
  subject?: string;
  data: Record<string, unknown>;
}

/** The outbox: domain events written in the transaction of the change they describe. */
export interface OutboxRepository {
  append(event: OutboxEventInput, at: Date): Promise<void>;
  /** Appends events in order, a few statements for many (a sync's changes). */
  appendMany(events: readonly OutboxEventInput[], at: Date): Promise<void>;
  list(options: {
    afterSeq?: number;
    limit: number;
    orgId?: string;
  }): Promise<Array<OutboxEventInput & { seq: number; id: string; occurredAt: Date }>>;
}
