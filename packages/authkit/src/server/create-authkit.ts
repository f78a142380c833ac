import type { DirectoryConnectionView } from '../services/directory-connection-view.js';
import { sessionExtras } from './session-extras.js';
import type { AdminUserView as AdminUser } from '../services/admin-user-views.js';
import { seedPlatformAdmin } from './admin-seed.js';
import { Hono } from 'hono';
import type { EffectiveIdentity } from '../domain/effective-identity.js';
import { validateLabels } from '../domain/labels.js';
import type { PolicyDecision, PolicyInput } from '../domain/policy.js';
import { AuthkitError } from '../domain/errors.js';
import { acquireShared } from '../adapters/process-registry.js';
import type { AccessTokenClaims, SessionPayload, User } from '../domain/types.js';
import type { SignUpInput } from '../ports/idp.js';
import { housekeeping } from '../services/housekeeping.js';
import { changePlatformRoles } from '../services/platform-role-changes.js';
import { normalizeEmail } from '../domain/email.js';
import { toUser } from '../services/session-records.js';
import { toSession } from '../services/session-service.js';
import type { StorePort } from '../ports/store.js';
import type { RotationResult } from '../tokens/key-ring.js';
import { buildApp } from './app.js';
import type { AppEnv } from './app-env.js';
import { resolveSettings, type AuthkitConfig, type ResolvedSettings } from './config.js';
import type { ConnectionInfo } from './request-info.js';
import { createRuntime, type Runtime } from './runtime.js';
import { traceMethods } from '../observability/tracing.js';

export interface AuthkitApi {
  /** Resolves once the store is open, migrated and a signing key exists. */
  ready(): Promise<void>;
  /** Verifies an access token against this instance's keys (no revocation check). */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** Rotates the signing key (see DESIGN §3 for the overlap window). */
  rotateSigningKey(options?: { immediate?: boolean }): Promise<RotationResult>;
  /**
   * The user and session behind an access token (bearer or cookie value), or null when it is
   * invalid, expired or its session was revoked. Server components use this.
   */
  getSession(accessToken: string): Promise<SessionPayload | null>;
  /** Creates an account without signing it in (seed scripts, operators). */
  createUser(input: SignUpInput): Promise<User>;
  /** Number of accounts (e.g. to seed the first admin). */
  countUsers(): Promise<number>;
  /** Revokes a session everywhere this instance's cache reaches. */
  revokeSession(sessionId: string): Promise<boolean>;
  /** The shared policy engine (rules from the `policies` setting): Gate, guards and APIs agree. */
  policies: { evaluate(input: PolicyInput): Promise<PolicyDecision> };
  /** `me.effective` for any user: their merged identity in `orgId` (null: outside any org). */
  effective(userId: string, orgId: string | null): Promise<EffectiveIdentity | null>;
  /** Sets an org's plan (billing webhooks, operators); entitlements follow at once. */
  setOrgPlan(orgId: string, plan: string | null): Promise<void>;
  /** Sets a member's entitlement overrides without the plan ceiling HTTP callers have. */
  setEntitlementOverride(
    orgId: string,
    userId: string,
    input: { features?: string[]; limits?: Record<string, number> },
  ): Promise<void>;
  /** Operator calls on accounts (the CLI's `catalyst users …`). */
  users: {
    /** Accounts ordered by id after `afterId`, with their platform roles. */
    list(page?: {
      afterId?: string;
      limit?: number;
    }): Promise<Array<User & { platformRoles: string[] }>>;
    /** Replaces the platform roles of the account with this id or email (audited, system actor). */
    setPlatformRoles(
      idOrEmail: string,
      roles: string[],
    ): Promise<User & { platformRoles: string[] }>;
    /** Bans the account (every session ends; sign-in answers `user_banned`), system actor. */
    ban(
      idOrEmail: string,
      ban?: { reason?: string | null; expiresAt?: Date | null },
    ): Promise<AdminUser>;
    unban(idOrEmail: string): Promise<AdminUser>;
  };
  /** Replaces a user's own labels (the first layer of the effective identity). */
  setUserLabels(userId: string, labels: string[]): Promise<void>;
  /** Webhook delivery from this process (DESIGN §3). */
  webhooks: {
    /**
     * Delivers what is due now, batch after batch, for up to `budgetMs`; resolves to how many
     * deliveries were attempted. The Next route handler runs it in `after()`.
     */
    deliverDue(budgetMs?: number): Promise<number>;
    /** Runs the delivery loop in the background until `stopWorker` or `close` (`catalyst serve`). */
    startWorker(): Promise<void>;
    /** Stops the loop; claimed deliveries finish or go back to the queue. */
    stopWorker(graceMs?: number): Promise<void>;
    /** Reaps expired sessions and refresh tokens; prunes delivered outbox events and old audit events. */
    housekeeping(): Promise<{
      sessions: number;
      refreshTokens: number;
      outboxEvents: number;
      auditEvents: number;
      oneTimeTokens: number;
      /** Revoked token subjects (deleted trust policies) past every token's lifetime. */
      tokenRevocations: number;
    }>;
  };
  /** Orgs' directory syncs: the worker runs due ones; a cron job can call these instead. */
  directory: {
    /** Runs every due scheduled sync, one after another; resolves to how many ran. */
    runDue(): Promise<number>;
    /** Runs one org's sync now (system actor); a failed run throws its error. */
    sync(orgId: string): Promise<DirectoryConnectionView>;
  };
  /** The underlying store, for tooling and tests. */
  store(): Promise<StorePort>;
  close(): Promise<void>;
}

export interface Authkit {
  /** Web-standard handler: mount it at `basePath` in any framework. */
  handler(request: Request, info?: ConnectionInfo): Promise<Response>;
  api: AuthkitApi;
  settings: ResolvedSettings;
}

/**
 * Builds the auth server. Config is validated now (a bad value throws, naming the key); the store
 * opens lazily on the first request or `api.ready()`, so module-level construction is cheap.
 */
/** An account by id or email, for operator calls. */
async function findUser(rt: Runtime, idOrEmail: string) {
  const user = idOrEmail.includes('@')
    ? await rt.store.users.findByEmail(normalizeEmail(idOrEmail))
    : await rt.store.users.findById(idOrEmail);
  if (!user) throw new AuthkitError('not_found', `no user ${idOrEmail}`, { field: 'user' });
  return user;
}

export function createAuthkit(config: AuthkitConfig = {}): Authkit {
  const {
    store,
    cache,
    rateLimiter,
    passwordHasher,
    clock,
    email,
    dnsResolver,
    storage,
    ...plain
  } = config;
  const settings = resolveSettings(plain);
  const adapters = {
    store,
    cache,
    rateLimiter,
    passwordHasher,
    clock,
    email,
    dnsResolver,
    storage,
  };
  const hasAdapters = Object.values(adapters).some((a) => a !== undefined);
  // File- or server-backed instances with the same settings share one runtime per process (Next
  // may build this module once per bundle layer); in-memory ones stay independent, as tests need.
  const shareable =
    !hasAdapters &&
    (settings.databaseUrl !== undefined || !settings.dataDir.startsWith('memory://'));
  let held: { value: Promise<Runtime>; release: () => Promise<void> } | undefined;
  const create = async () => {
    const rt = await createRuntime(settings, adapters);
    await seedPlatformAdmin(rt);
    return rt;
  };
  const runtime = (): Promise<Runtime> => {
    if (!held) {
      const acquired = shareable
        ? acquireShared(`runtime:${JSON.stringify(settings)}`, create, async (rt) => {
            await rt?.worker.stop();
            await rt?.exchange.close();
            await rt?.workload.exchange.close();
            await rt?.store.close();
          })
        : { value: create(), release: async () => undefined };
      held = acquired;
      acquired.value.catch(() => {
        if (held === acquired) held = undefined; // let the next request retry, e.g. once the database is back
        void acquired.release();
      });
    }
    return held.value;
  };
  const app = buildApp(settings, runtime);
  // The routes are relative; mount them under the base path once, here.
  const root = new Hono<AppEnv>().route(settings.basePath, app);
  root.notFound(() => app.request('/__not_found__'));

  return {
    settings,
    handler: (request, info) => Promise.resolve(root.fetch(request, info ?? {})),
    // Each call is an `sdk.<method>` span (DESIGN §6); a no-op unless the app registers an SDK.
    api: traceMethods<AuthkitApi>('sdk', {
      async ready() {
        await runtime();
      },
      async verifyAccessToken(token) {
        return (await runtime()).sessions.verify(token);
      },
      async rotateSigningKey(options) {
        return (await runtime()).signing.rotate(options);
      },
      async getSession(accessToken) {
        const rt = await runtime();
        try {
          const { claims, session } = await rt.sessions.resolve(accessToken);
          const user = await rt.sessions.user(claims.sub);
          if (!user) return null;
          const org = await rt.identity.activeOrg(claims.sub, session.activeOrgId);
          const extras = await sessionExtras(rt, session);
          return { user, session: toSession(session, session.id), org, ...extras };
        } catch (error) {
          if (error instanceof AuthkitError) return null;
          throw error;
        }
      },
      async createUser(input) {
        return toUser(await (await runtime()).auth.createUser(input, { type: 'system' }));
      },
      async countUsers() {
        return (await runtime()).store.users.count();
      },
      async revokeSession(sessionId) {
        return (await runtime()).sessions.revoke(sessionId);
      },
      policies: {
        async evaluate(input) {
          return (await runtime()).policies.evaluate(input);
        },
      },
      async effective(userId, orgId) {
        return (await (await runtime()).identity.effective(userId, orgId))?.identity ?? null;
      },
      async setOrgPlan(orgId, plan) {
        const rt = await runtime();
        if (plan !== null && !Object.hasOwn(rt.settings.plans, plan)) {
          throw new AuthkitError('invalid_request', `unknown plan "${plan}"`, { field: 'plan' });
        }
        await rt.orgs.setPlan(orgId, plan);
      },
      async setEntitlementOverride(orgId, userId, input) {
        await (await runtime()).labels.setOverrideTrusted(orgId, userId, input);
      },
      users: {
        async list(page = {}) {
          const rt = await runtime();
          const rows = await rt.store.users.listPage({
            afterId: page.afterId,
            limit: Math.min(Math.max(page.limit ?? 100, 1), 1000),
          });
          return rows.map((r) => ({ ...toUser(r), platformRoles: r.platformRoles }));
        },
        async setPlatformRoles(idOrEmail, roles) {
          const rt = await runtime();
          const user = await findUser(rt, idOrEmail);
          const updated = await changePlatformRoles(rt.store, rt.clock, user, roles, {
            type: 'system',
          });
          await rt.sessions.forgetUser(user.id);
          return { ...toUser(updated), platformRoles: updated.platformRoles };
        },
        async ban(idOrEmail, ban = {}) {
          const rt = await runtime();
          const user = await findUser(rt, idOrEmail);
          return rt.admin.users.operatorBan(user.id, {
            reason: ban.reason ?? null,
            expiresAt: ban.expiresAt ?? null,
          });
        },
        async unban(idOrEmail) {
          const rt = await runtime();
          return rt.admin.users.operatorUnban((await findUser(rt, idOrEmail)).id);
        },
      },
      async setUserLabels(userId, labels) {
        const rt = await runtime();
        validateLabels(labels, 'labels');
        const updated = await rt.store.users.setLabels(
          userId,
          [...new Set(labels)].sort(),
          rt.clock.now(),
        );
        if (!updated) throw new AuthkitError('not_found', 'no such user', { field: 'userId' });
        await rt.identity.invalidateUser(userId);
      },
      webhooks: {
        async deliverDue(budgetMs = 10_000) {
          const rt = await runtime();
          const until = Date.now() + budgetMs;
          let total = 0;
          while (Date.now() < until) {
            const n = await rt.worker.runOnce();
            if (n === 0) break;
            total += n;
          }
          return total;
        },
        async startWorker() {
          (await runtime()).worker.start();
        },
        async stopWorker(graceMs) {
          await (await runtime()).worker.stop(graceMs);
        },
        async housekeeping() {
          const rt = await runtime();
          return housekeeping(rt.store, rt.clock, rt.settings);
        },
      },
      directory: {
        async runDue() {
          return (await runtime()).directory.sync.runDue();
        },
        async sync(orgId) {
          return (await runtime()).directory.sync.syncOrg(orgId);
        },
      },
      async store() {
        return (await runtime()).store;
      },
      async close() {
        const current = held;
        held = undefined;
        if (!current) return;
        if (shareable) return current.release();
        const rt = await current.value.catch(() => undefined);
        await rt?.worker.stop();
        await rt?.exchange.close();
        await rt?.workload.exchange.close();
        if (rt && !store) await rt.store.close();
      },
    }),
  };
}
