import { keyView } from '../domain/api-keys.js';
import { AuthkitError } from '../domain/errors.js';
import type { AdminUserFilter, AdminUserSort, BanInput } from '../ports/admin-store.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import {
  adminUserView,
  decodeUserCursor,
  encodeUserCursor,
  membershipView,
  type AdminUserDetail,
  type AdminUserView,
} from './admin-user-views.js';
import { auditView } from './audit-service.js';
import type { EmailFlows } from './email-flows.js';
import { recordEvent } from './event-recorder.js';
import type { IdentityService } from './identity-service.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';
import { changePlatformRoles } from './platform-role-changes.js';
import type { RequestContext } from './request-context.js';
import { toSession, type SessionService } from './session-service.js';

export interface AdminUserServiceDeps {
  store: StorePort;
  clock: Clock;
  sessions: SessionService;
  identity: IdentityService;
  emailFlows: EmailFlows;
  /** After a ban, unban or delete: drop what caches hold about the user's API keys. */
  onAccessChanged?: (userId: string) => Promise<void>;
  /** Removes a stored file (a deleted user's avatar); failing leaves only an orphan. */
  discardFile?: (fileId: string) => Promise<void>;
}

export interface AdminUserEdit {
  name?: string | null | undefined;
  labels?: string[] | undefined;
}

const OPERATOR: RequestContext = { ip: null, userAgent: 'catalyst-cli' };
const notFound = () => new AuthkitError('not_found', 'no such user', { field: 'userId' });

/**
 * `/admin/users`: platform-wide search and every change an administrator makes to an account.
 * Each call re-reads the actor's platform role; `support` reads, `admin` writes.
 */
export class AdminUserService {
  constructor(private readonly deps: AdminUserServiceDeps) {}

  private readonly rolesOf: PlatformRolesOf = (id) => this.deps.sessions.platformRoles(id);

  private now() {
    return this.deps.clock.now();
  }

  private async target(userId: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw notFound();
    return user;
  }

  /** Runs one admin write and its audit event in a transaction, then drops cached views. */
  private async write<T>(
    actorId: string | null,
    userId: string,
    context: RequestContext,
    action: string,
    fn: (tx: StorePort, user: UserRecord) => Promise<{ result: T; data?: Record<string, unknown> }>,
  ): Promise<T> {
    const { store, clock } = this.deps;
    const { result } = await store.transaction(async (tx) => {
      const user = await tx.users.findById(userId);
      if (!user) throw notFound();
      const done = await fn(tx, user);
      await recordEvent(tx, clock, {
        action,
        // null: an operator at the CLI (`catalyst users ban`), recorded as the system.
        actorType: actorId === null ? 'system' : 'user',
        actorId,
        targetType: 'user',
        targetId: userId,
        data: done.data ?? {},
        context,
      });
      return done;
    });
    await this.deps.sessions.forgetUser(userId);
    return result;
  }

  async search(
    actorId: string,
    filter: AdminUserFilter,
    page: { sort: AdminUserSort; cursor?: string | undefined; limit: number },
  ): Promise<{ users: AdminUserView[]; nextCursor: string | null }> {
    await requirePlatform(this.rolesOf, actorId, 'read');
    const after = page.cursor ? decodeUserCursor(page.cursor, page.sort) : undefined;
    const rows = await this.deps.store.adminUsers.search(filter, {
      sort: page.sort,
      after,
      limit: page.limit + 1,
    });
    const more = rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    const last = shown.at(-1);
    const now = this.now();
    return {
      users: shown.map((u) => adminUserView(u, now)),
      nextCursor:
        more && last ? encodeUserCursor(page.sort, { value: last.sortKey, id: last.id }) : null,
    };
  }

  async detail(actorId: string, userId: string): Promise<AdminUserDetail> {
    const { store } = this.deps;
    await requirePlatform(this.rolesOf, actorId, 'read');
    const user = await this.target(userId);
    const now = this.now();
    const [memberships, sessions, keys, totp, remaining, passkeys, done, received] =
      await Promise.all([
        store.adminUsers.memberships(userId),
        store.sessions.listActiveForUser(userId, now),
        store.apiKeys.forUser(userId).list({ limit: 50, status: 'active' }),
        store.account.totp.get(userId),
        store.account.recoveryCodes.remaining(userId),
        store.account.passkeys.listForUser(userId),
        store.audit.query({ actorId: userId }, { order: 'desc', limit: 20 }),
        store.audit.query({ targetType: 'user', targetId: userId }, { order: 'desc', limit: 20 }),
      ]);
    const events = [...new Map([...done, ...received].map((e) => [e.seq, e])).values()]
      .sort((a, b) => b.seq - a.seq)
      .slice(0, 20);
    const totpOn = Boolean(totp?.confirmedAt);
    return {
      user: adminUserView(user, now),
      memberships: memberships.map(membershipView),
      sessions: sessions.map((s) => toSession(s)),
      keys: keys.map((k) => keyView(k, now)),
      mfa: {
        totp: totpOn,
        recoveryCodesRemaining: totpOn ? remaining : 0,
        passkeys: passkeys.map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        })),
      },
      events: events.map(auditView),
    };
  }

  async update(
    actorId: string,
    userId: string,
    edit: AdminUserEdit,
    context: RequestContext,
  ): Promise<AdminUserView> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    const updated = await this.write(actorId, userId, context, 'user.updated', async (tx, user) => {
      let next = user;
      const data: Record<string, unknown> = {};
      if (edit.name !== undefined && edit.name !== user.name) {
        next = (await tx.adminUsers.setName(userId, edit.name, this.now())) ?? next;
        data.name = { from: user.name, to: edit.name };
      }
      if (edit.labels !== undefined) {
        const labels = [...new Set(edit.labels)].sort();
        next = (await tx.users.setLabels(userId, labels, this.now())) ?? next;
        data.labels = { from: user.labels, to: labels };
      }
      return { result: next, data };
    });
    if (edit.labels !== undefined) await this.deps.identity.invalidateUser(userId);
    return adminUserView(updated, this.now());
  }

  async setPlatformRoles(actorId: string, userId: string, roles: string[]): Promise<AdminUserView> {
    const { store, clock } = this.deps;
    await requirePlatform(this.rolesOf, actorId, 'write');
    const user = await this.target(userId);
    const losesAdmin = user.platformRoles.includes('admin') && !roles.includes('admin');
    // Someone must be able to undo a mistake: the last admin keeps the role.
    if (losesAdmin && (await store.adminUsers.countAdmins()) <= 1) {
      throw new AuthkitError('last_admin', 'the last platform admin cannot lose the role', {
        field: 'roles',
      });
    }
    const updated = await changePlatformRoles(store, clock, user, roles, {
      type: 'user',
      id: actorId,
    });
    await this.deps.sessions.forgetUser(userId);
    return adminUserView(updated, this.now());
  }

  /** Bans and ends every session in the same step; the session check sees it on the next call. */
  async ban(
    actorId: string,
    userId: string,
    ban: BanInput,
    context: RequestContext,
  ): Promise<AdminUserView> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    if (actorId === userId) throw new AuthkitError('forbidden', 'you cannot ban yourself');
    return this.applyBan(actorId, userId, ban, context);
  }

  /** `catalyst users ban`: the operator needs no account (system actor). */
  operatorBan(userId: string, ban: BanInput): Promise<AdminUserView> {
    return this.applyBan(null, userId, ban, OPERATOR);
  }

  /** Lifts a ban; `actorId` null: an operator at the CLI. */
  async operatorUnban(
    userId: string,
    actorId: string | null = null,
    context: RequestContext = OPERATOR,
  ): Promise<AdminUserView> {
    const updated = await this.write(
      actorId,
      userId,
      context,
      'user.unbanned',
      async (tx, user) => ({
        result: (await tx.adminUsers.setBan(userId, null, this.now())) ?? user,
      }),
    );
    await this.deps.onAccessChanged?.(userId);
    return adminUserView(updated, this.now());
  }

  private async applyBan(
    actorId: string | null,
    userId: string,
    ban: BanInput,
    context: RequestContext,
  ): Promise<AdminUserView> {
    if (ban.expiresAt && ban.expiresAt <= this.now()) {
      throw new AuthkitError('invalid_request', 'the ban must end in the future', {
        field: 'expiresAt',
      });
    }
    const updated = await this.write(actorId, userId, context, 'user.banned', async (tx) => {
      const user = await tx.adminUsers.setBan(userId, ban, this.now());
      await tx.account.tokens.invalidateForUser(userId, ['sign_in_pending'], this.now());
      return {
        result: user ?? (await this.target(userId)),
        data: { reason: ban.reason, expiresAt: ban.expiresAt?.toISOString() ?? null },
      };
    });
    await this.deps.sessions.revokeAllForUser(userId);
    await this.deps.onAccessChanged?.(userId);
    return adminUserView(updated, this.now());
  }

  async unban(actorId: string, userId: string, context: RequestContext): Promise<AdminUserView> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    return this.operatorUnban(userId, actorId, context);
  }

  async signOutEverywhere(
    actorId: string,
    userId: string,
    context: RequestContext,
  ): Promise<number> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    const ids = await this.deps.sessions.revokeAllForUser(userId);
    await this.write(actorId, userId, context, 'user.sessions_revoked', async () => ({
      result: null,
      data: { sessions: ids.length },
    }));
    return ids.length;
  }

  async sendPasswordReset(actorId: string, userId: string, context: RequestContext): Promise<void> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    const user = await this.write(
      actorId,
      userId,
      context,
      'user.password_reset_sent',
      async (_tx, u) => ({
        result: u,
      }),
    );
    await this.deps.emailFlows.sendPasswordReset(user);
  }

  /** Removes the authenticator app, its recovery codes and every passkey. */
  async resetMfa(actorId: string, userId: string, context: RequestContext): Promise<void> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    await this.write(actorId, userId, context, 'user.mfa_reset', async (tx) => {
      const totp = await tx.account.totp.remove(userId);
      await tx.account.recoveryCodes.removeAll(userId);
      const passkeys = await tx.account.passkeys.listForUser(userId);
      for (const p of passkeys) await tx.account.passkeys.remove(userId, p.id);
      return { result: null, data: { totp, passkeys: passkeys.length } };
    });
  }

  async delete(actorId: string, userId: string, context: RequestContext): Promise<void> {
    const { store, clock } = this.deps;
    await requirePlatform(this.rolesOf, actorId, 'write');
    if (actorId === userId) throw new AuthkitError('forbidden', 'you cannot delete yourself');
    const user = await this.target(userId);
    if (user.platformRoles.includes('admin') && (await store.adminUsers.countAdmins()) <= 1)
      throw new AuthkitError('last_admin', 'the last platform admin cannot be deleted');
    // Checked before anything changes (and again inside the transaction, against a race): a
    // refused delete must not have signed the user out.
    await refuseOwner(store, userId);
    const avatar = (await store.profiles.get(userId))?.avatarFileId ?? null;
    await this.deps.sessions.revokeAllForUser(userId);
    await this.deps.onAccessChanged?.(userId);
    await store.transaction(async (tx) => {
      await refuseOwner(tx, userId);
      const handedOver = await tx.adminUsers.handOverDeletedOrgs(userId, actorId);
      await tx.adminUsers.delete(userId);
      await recordEvent(tx, clock, {
        action: 'user.deleted',
        actorType: 'user',
        actorId,
        targetType: 'user',
        targetId: userId,
        data: {
          email: user.email,
          ...(handedOver.length ? { deletedOrgsHandedOver: handedOver } : {}),
        },
        webhookData: { id: userId, email: user.email },
        context,
      });
    });
    // The avatar is no one's now; the profile row went with the user.
    if (avatar) await this.deps.discardFile?.(avatar);
    await this.deps.sessions.forgetUser(userId);
    await this.deps.identity.invalidateUser(userId);
  }
}

/** An active org must keep its owner: the owner cannot be deleted before a transfer. */
async function refuseOwner(store: StorePort, userId: string): Promise<void> {
  const owned = await store.adminUsers.ownedOrgs(userId);
  if (owned.length === 0) return;
  throw new AuthkitError('owns_orgs', `the user owns ${owned.length} org(s); transfer them first`, {
    field: 'userId',
  });
}
