import { AuthkitError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/email.js';
import { newSortableId } from '../domain/ids.js';
import type { MyOrg } from '../domain/org.js';
import type {
  CreatedInviteLink,
  Invitation,
  InvitationPreview,
  InviteLink,
  MyInvitation,
} from '../domain/tenancy.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { OrgRecord, OrgScopedRepository, StorePort } from '../ports/store.js';
import type { InvitationRecord, InviteLinkRecord } from '../ports/tenancy-store.js';
import { randomToken } from '../tokens/opaque-token.js';
import { sha256Hex } from '../tokens/sha256.js';
import type { InvitationMailer } from './invitation-mailer.js';
import { setMemberGroups } from './member-service.js';
import {
  groupGrants,
  orgAccess,
  orgAudit,
  requireAssignable,
  requireKnownRoles,
} from './org-access.js';
import { canGrantRole, isBuiltInRole, permissionsOf } from '../domain/roles.js';
import { grants } from '../domain/permissions.js';
import type { OrgMutations } from './org-mutations.js';
import { toOrg } from './org-service.js';
import type { RequestContext } from './request-context.js';

const MAX_LINKS_PER_ORG = 100;
const MAX_PENDING_PER_ORG = 500;
const RESEND_COOLDOWN_SECONDS = 60;

function statusOf(i: InvitationRecord, at: Date): Invitation['status'] {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= at ? 'expired' : 'pending';
}

const toInvitation = (i: InvitationRecord, at: Date): Invitation => ({
  id: i.id,
  orgId: i.orgId,
  email: i.email,
  roles: i.roles,
  groups: i.groups,
  status: statusOf(i, at),
  invitedBy: i.invitedBy,
  expiresAt: i.expiresAt.toISOString(),
  acceptedAt: i.acceptedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

const toLink = (l: InviteLinkRecord): InviteLink => ({
  id: l.id,
  orgId: l.orgId,
  start: l.start,
  roles: l.roles,
  maxUses: l.maxUses,
  uses: l.uses,
  expiresAt: l.expiresAt?.toISOString() ?? null,
  revokedAt: l.revokedAt?.toISOString() ?? null,
  createdBy: l.createdBy,
  createdAt: l.createdAt.toISOString(),
});

const orgCard = (org: OrgRecord) => ({
  id: org.id,
  slug: org.slug,
  name: org.name,
  logoUrl: org.profile.logoUrl ?? null,
});

type Found =
  | { kind: 'email'; invitation: InvitationRecord; org: OrgRecord }
  | { kind: 'link'; link: InviteLinkRecord; org: OrgRecord };

/**
 * Invitations three ways: by email (single use, expiring), by shareable link (multi-use, optional
 * expiry and maximum), and — in DomainService — by verified domain. A token is the capability:
 * only its SHA-256 is stored, and each way of failing has its own problem code.
 */
export class InvitationService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly mailer: InvitationMailer,
    private readonly options: { ttlSeconds: number; perSender: RateLimiterPort },
  ) {}

  /** Invitations send mail from the product's domain: a sender gets a budget, not a relay. */
  private async spend(actorId: string): Promise<void> {
    const result = await this.options.perSender.consume(actorId);
    if (!result.allowed) {
      throw new AuthkitError('rate_limited', 'too many invitations sent: try again later', {
        retryAfter: result.retryAfterSeconds,
      });
    }
  }

  private get store(): StorePort {
    return this.orgs.store;
  }
  private now(): Date {
    return this.orgs.clock.now();
  }

  list(
    actorId: string,
    orgId: string,
    page: { cursor?: string | undefined; limit: number; status?: Invitation['status'] | undefined },
  ) {
    return this.orgs.read(orgId, actorId, 'invitations:manage', async ({ scoped }) => {
      const rows = await scoped.invitations.list({
        ...page,
        limit: page.limit + 1,
        at: this.now(),
      });
      const invitations = rows.slice(0, page.limit).map((i) => toInvitation(i, this.now()));
      return {
        invitations,
        nextCursor: rows.length > page.limit ? invitations[invitations.length - 1]!.id : null,
      };
    });
  }

  async create(
    actorId: string,
    orgId: string,
    input: { email: string; roles?: string[] | undefined; groups?: string[] | undefined },
    context: RequestContext,
  ): Promise<Invitation> {
    const email = normalizeEmail(input.email);
    await this.spend(actorId);
    const token = randomToken();
    const created = await this.orgs.write(
      orgId,
      actorId,
      'invitations:manage',
      context,
      async (work) => {
        const roles = requireKnownRoles(work.access, input.roles ?? ['member']);
        requireAssignable(work.access, roles);
        for (const [i, id] of (input.groups ?? []).entries()) {
          const group = await work.scoped.groups.get(id);
          if (!group)
            throw new AuthkitError('not_found', 'no such group', { field: `groups.${i}` });
          requireAssignable(work.access, group.roles, `groups.${i}`);
        }
        const existing = await work.tx.users.findByEmail(email);
        if (existing && (await work.scoped.membership(existing.id))) {
          throw new AuthkitError('already_member', 'that address is already a member', {
            field: 'email',
          });
        }
        const pending = await work.scoped.invitations.list({
          limit: MAX_PENDING_PER_ORG,
          status: 'pending',
          at: this.now(),
        });
        if (pending.length >= MAX_PENDING_PER_ORG) {
          throw new AuthkitError(
            'invalid_request',
            `an org has at most ${MAX_PENDING_PER_ORG} pending invitations: revoke some first`,
          );
        }
        if (await work.scoped.invitations.findPending(email, this.now())) {
          throw new AuthkitError(
            'already_invited',
            'that address has a pending invitation: resend it',
            {
              field: 'email',
            },
          );
        }
        const invitation = await work.scoped.invitations.create({
          id: newSortableId('inv', this.now()),
          email,
          roles,
          groups: [...new Set(input.groups ?? [])],
          tokenHash: await sha256Hex(token),
          invitedBy: actorId,
          expiresAt: new Date(this.now().getTime() + this.options.ttlSeconds * 1000),
          // The service clock, not the database's: cooldowns and expiry use one time source.
          createdAt: this.now(),
          lastSentAt: this.now(),
        });
        await work.audit('invitation.created', ['invitation', invitation.id], { email, roles });
        return { invitation, org: work.access.org };
      },
    );
    // After commit: a failed send leaves a pending invitation the admin can resend.
    await this.mailer.send(created.invitation, created.org, actorId, token);
    return toInvitation(created.invitation, this.now());
  }

  async resend(actorId: string, orgId: string, id: string, context: RequestContext) {
    const token = randomToken();
    const renewed = await this.orgs.write(
      orgId,
      actorId,
      'invitations:manage',
      context,
      async (work) => {
        const current = await work.scoped.invitations.get(id);
        if (!current) throw noInvitation();
        const status = statusOf(current, this.now());
        if (status === 'accepted') throw used();
        if (status === 'revoked') throw revoked();
        if (this.now().getTime() - current.lastSentAt.getTime() < RESEND_COOLDOWN_SECONDS * 1000) {
          throw new AuthkitError('rate_limited', 'this invitation was just sent: wait a minute', {
            retryAfter: RESEND_COOLDOWN_SECONDS,
          });
        }
        // Resending issues a new token and expiry: the old link stops working.
        const expiresAt = new Date(this.now().getTime() + this.options.ttlSeconds * 1000);
        const invitation = await work.scoped.invitations.renew(
          id,
          await sha256Hex(token),
          expiresAt,
          this.now(),
        );
        await work.audit('invitation.resent', ['invitation', id]);
        return { invitation: invitation!, org: work.access.org };
      },
    );
    await this.mailer.send(renewed.invitation, renewed.org, actorId, token);
    return toInvitation(renewed.invitation, this.now());
  }

  revoke(actorId: string, orgId: string, id: string, context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'invitations:manage', context, async (work) => {
      if (!(await work.scoped.invitations.revoke(id, this.now()))) throw noInvitation();
      await work.audit('invitation.revoked', ['invitation', id]);
    });
  }

  listLinks(actorId: string, orgId: string, page: { cursor?: string | undefined; limit: number }) {
    return this.orgs.read(orgId, actorId, 'invitations:manage', async ({ scoped }) => {
      const rows = await scoped.inviteLinks.list({ ...page, limit: page.limit + 1 });
      const inviteLinks = rows.slice(0, page.limit).map(toLink);
      return {
        inviteLinks,
        nextCursor: rows.length > page.limit ? inviteLinks[inviteLinks.length - 1]!.id : null,
      };
    });
  }

  async createLink(
    actorId: string,
    orgId: string,
    input: {
      roles?: string[] | undefined;
      maxUses?: number | null | undefined;
      expiresAt?: string | null | undefined;
    },
    context: RequestContext,
  ): Promise<CreatedInviteLink> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    const token = randomToken();
    const link = await this.orgs.write(
      orgId,
      actorId,
      'invitations:manage',
      context,
      async (work) => {
        if (expiresAt && expiresAt <= this.now()) {
          throw new AuthkitError('invalid_request', 'must be in the future', {
            field: 'expiresAt',
          });
        }
        const roles = requireKnownRoles(work.access, input.roles ?? ['member']);
        requireAssignable(work.access, roles);
        // Judged by what the roles carry, so a custom role holding `*` is an owner too.
        if (grants(permissionsOf(roles, work.access.customRoles), 'org:transfer')) {
          throw new AuthkitError('forbidden', 'a shareable link cannot make owners', {
            field: 'roles',
          });
        }
        const live = await work.scoped.inviteLinks.list({ limit: MAX_LINKS_PER_ORG + 1 });
        if (live.filter((l) => !l.revokedAt).length >= MAX_LINKS_PER_ORG) {
          throw new AuthkitError(
            'invalid_request',
            `an org has at most ${MAX_LINKS_PER_ORG} live links`,
          );
        }
        const created = await work.scoped.inviteLinks.create({
          id: newSortableId('invl', this.now()),
          tokenHash: await sha256Hex(token),
          start: token.slice(0, 8),
          roles,
          maxUses: input.maxUses ?? null,
          expiresAt,
          createdBy: actorId,
        });
        await work.audit('invite_link.created', ['invite_link', created.id], {
          roles,
          maxUses: created.maxUses,
        });
        return created;
      },
    );
    return { ...toLink(link), token, url: this.mailer.acceptUrl(token) };
  }

  revokeLink(actorId: string, orgId: string, id: string, context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'invitations:manage', context, async (work) => {
      if (!(await work.scoped.inviteLinks.revoke(id, this.now()))) {
        throw new AuthkitError('not_found', 'no such live invite link', { field: 'linkId' });
      }
      await work.audit('invite_link.revoked', ['invite_link', id]);
    });
  }

  /** Resolves a token to a usable invitation or link, or the reason it is not usable. */
  private async find(token: string, store: StorePort = this.store): Promise<Found> {
    return this.findByHash(await sha256Hex(token), store);
  }

  private async findByHash(hash: string, store: StorePort): Promise<Found> {
    const now = this.now();
    const invitation = await store.tenancy.invitationByTokenHash(hash);
    if (invitation) {
      const org = await store.orgs.scoped(invitation.orgId).get();
      if (!org) throw noInvitation();
      const status = statusOf(invitation, now);
      if (status === 'accepted') throw used();
      if (status === 'revoked') throw revoked();
      if (status === 'expired') throw expired();
      return { kind: 'email', invitation, org };
    }
    const link = await store.tenancy.inviteLinkByTokenHash(hash);
    if (!link) throw noInvitation();
    const org = await store.orgs.scoped(link.orgId).get();
    if (!org) throw noInvitation();
    if (link.revokedAt) throw revoked();
    if (link.expiresAt && link.expiresAt <= now) throw expired();
    if (link.maxUses !== null && link.uses >= link.maxUses) {
      throw new AuthkitError(
        'invite_link_exhausted',
        'this invite link has reached its maximum uses',
      );
    }
    return { kind: 'link', link, org };
  }

  async preview(token: string): Promise<InvitationPreview> {
    const found = await this.find(token);
    if (found.kind === 'email') {
      return {
        kind: 'email',
        org: orgCard(found.org),
        email: found.invitation.email,
        roles: found.invitation.roles,
        expiresAt: found.invitation.expiresAt.toISOString(),
      };
    }
    return {
      kind: 'link',
      org: orgCard(found.org),
      email: null,
      roles: found.link.roles,
      expiresAt: found.link.expiresAt?.toISOString() ?? null,
    };
  }

  /** Accepts as `userId`. An email invitation must match the account's address. */
  async accept(userId: string, token: string, context: RequestContext): Promise<MyOrg> {
    return this.join(userId, await sha256Hex(token), context);
  }

  /**
   * Whether the invitation's sender could still grant it: they are a member and hold every
   * permission its roles and groups carry. A removed or demoted admin's invitations and links
   * stop working, and so do ones naming a role deleted (or redefined beyond them) since.
   */
  private async senderCanGrant(
    scoped: OrgScopedRepository,
    senderId: string,
    roles: readonly string[],
    groupIds: readonly string[],
  ): Promise<boolean> {
    const sender = await orgAccess(scoped, senderId).catch(() => null);
    if (!sender) return false;
    if (roles.some((r) => !isBuiltInRole(r) && !sender.customRoles.has(r))) return false;
    const groups = [];
    for (const id of groupIds) {
      const group = await scoped.groups.get(id);
      if (group) groups.push(group);
    }
    const granted = permissionsOf([...roles, ...groupGrants(groups)], sender.customRoles);
    return canGrantRole(sender.permissions, granted).ok;
  }

  private async join(userId: string, tokenHash: string, context: RequestContext): Promise<MyOrg> {
    const peek = await this.findByHash(tokenHash, this.store);
    const orgId = peek.org.id;
    const result = await this.store.withLock(`org:${orgId}`, async (tx) => {
      const found = await this.findByHash(tokenHash, tx);
      const user = await tx.users.findById(userId);
      if (!user) throw new AuthkitError('unauthenticated', 'sign in first');
      const scoped = tx.orgs.scoped(orgId);
      if (found.kind === 'email' && found.invitation.email !== user.email) {
        throw new AuthkitError(
          'invitation_email_mismatch',
          'this invitation was sent to a different address: sign in with that account',
        );
      }
      if (await scoped.membership(userId)) {
        throw new AuthkitError('already_member', 'you are already a member of this org');
      }
      await this.orgs.ensureSeat(scoped, found.org);
      const offer =
        found.kind === 'email'
          ? ([found.invitation.invitedBy, found.invitation.roles, found.invitation.groups] as const)
          : ([found.link.createdBy, found.link.roles, [] as string[]] as const);
      if (!(await this.senderCanGrant(scoped, ...offer))) {
        throw new AuthkitError(
          'invitation_revoked',
          'whoever sent this invitation can no longer grant it: ask for a new one',
        );
      }
      const now = this.now();
      let roles: string[];
      let groups: string[] = [];
      if (found.kind === 'email') {
        if (!(await scoped.invitations.accept(found.invitation.id, userId, now))) throw used();
        roles = found.invitation.roles;
        groups = found.invitation.groups;
        // The token reached this mailbox: the address is proven.
        if (!user.emailVerified) await tx.users.markEmailVerified(userId, now);
      } else {
        if (!(await scoped.inviteLinks.claimUse(found.link.id, now))) {
          throw new AuthkitError(
            'invite_link_exhausted',
            'this invite link has reached its maximum uses',
          );
        }
        roles = found.link.roles;
      }
      const membership = await scoped.addMember(userId, roles);
      // Groups deleted since the invitation was sent are skipped, not an error for the invitee.
      const live = [];
      for (const id of groups) if (await scoped.groups.get(id)) live.push(id);
      await setMemberGroups(scoped, userId, live, null);
      const target = found.kind === 'email' ? found.invitation.id : found.link.id;
      await orgAudit(tx, this.orgs.clock, {
        action: 'membership.added',
        actorId: userId,
        orgId,
        target: ['membership', userId],
        context,
        data: {
          roles,
          via: found.kind === 'email' ? 'invitation' : 'invite_link',
          invitation: target,
        },
      });
      return { ...toOrg(found.org), roles: membership.roles };
    });
    await this.orgs.identity.invalidateOrg(orgId);
    await this.orgs.identity.invalidateUser(userId);
    return result;
  }

  /** Pending invitations to the caller's address; shown only once the address is verified. */
  async listMine(userId: string): Promise<{ invitations: MyInvitation[] }> {
    const user = await this.store.users.findById(userId);
    if (!user?.emailVerified) return { invitations: [] };
    const rows = await this.store.tenancy.pendingInvitationsFor(user.email, this.now());
    const invitations: MyInvitation[] = [];
    for (const row of rows) {
      const org = await this.store.orgs.scoped(row.orgId).get();
      if (!org || (await this.store.orgs.scoped(row.orgId).membership(userId))) continue;
      const inviter = await this.store.users.findById(row.invitedBy);
      invitations.push({
        id: row.id,
        org: orgCard(org),
        roles: row.roles,
        invitedBy: { name: inviter?.name ?? null },
        expiresAt: row.expiresAt.toISOString(),
      });
    }
    return { invitations };
  }

  private async mine(userId: string, id: string): Promise<InvitationRecord> {
    const user = await this.store.users.findById(userId);
    if (!user?.emailVerified) {
      throw new AuthkitError('email_not_verified', 'verify your email address first');
    }
    const rows = await this.store.tenancy.pendingInvitationsFor(user.email, this.now());
    const row = rows.find((r) => r.id === id);
    if (!row) throw noInvitation();
    return row;
  }

  /** Accepts a pending invitation to the caller's verified address, without its token. */
  async acceptMine(userId: string, id: string, context: RequestContext): Promise<MyOrg> {
    const row = await this.mine(userId, id);
    return this.join(userId, row.tokenHash, context);
  }

  async declineMine(userId: string, id: string, context: RequestContext): Promise<void> {
    const row = await this.mine(userId, id);
    await this.store.transaction(async (tx) => {
      await tx.orgs.scoped(row.orgId).invitations.revoke(row.id, this.now());
      await orgAudit(tx, this.orgs.clock, {
        action: 'invitation.declined',
        actorId: userId,
        orgId: row.orgId,
        target: ['invitation', row.id],
        context,
        data: {},
      });
    });
  }
}

const noInvitation = () => new AuthkitError('not_found', 'no such invitation', { field: 'token' });
const used = () => new AuthkitError('invitation_used', 'this invitation has already been used');
const revoked = () => new AuthkitError('invitation_revoked', 'this invitation was revoked');
const expired = () => new AuthkitError('invitation_expired', 'this invitation has expired');
