import { computeEffectiveIdentity, type EffectiveIdentity } from '../domain/effective-identity.js';
import type { PlanEntitlements } from '../domain/entitlements.js';
import type { ActiveOrg } from '../domain/types.js';
import type { CachePort } from '../ports/cache.js';
import type { StorePort } from '../ports/store.js';

/** The org part of an access token: a projection of the effective identity (DESIGN §10). */
export interface OrgClaims {
  org: string | null;
  groups: string[];
  labels: string[];
  roles: string[];
  plan: string | null;
  ent: string[];
  permissions: string[];
}

interface Cached {
  orgGen: string;
  userGen: string;
  identity: EffectiveIdentity;
  org: { slug: string; name: string } | null;
}

type Resolved = { identity: EffectiveIdentity; org: { slug: string; name: string } | null };

// Generations outlive the entries they guard; an evicted generation only costs a recompute.
const GENERATION_TTL_SECONDS = 7 * 24 * 3600;
const newGeneration = () => crypto.randomUUID();

/**
 * `me.effective`: the merged view of who a user is in an org, cached through the CachePort.
 * Invalidation is by generation: every change to an org's tenancy data (org, groups, roles,
 * members, entitlements) bumps the org's generation, a change to the user's own labels bumps
 * theirs, and an entry stamped with an older generation is recomputed. With a shared cache
 * (Redis) a change on one instance is seen by all of them at once.
 */
export class IdentityService {
  constructor(
    private readonly store: StorePort,
    private readonly cache: CachePort,
    private readonly options: {
      plans: Readonly<Record<string, PlanEntitlements>>;
      cacheSeconds: number;
    },
  ) {}

  async invalidateOrg(orgId: string): Promise<void> {
    await this.cache.set(`gen:org:${orgId}`, newGeneration(), GENERATION_TTL_SECONDS);
  }

  async invalidateUser(userId: string): Promise<void> {
    await this.cache.set(`gen:user:${userId}`, newGeneration(), GENERATION_TTL_SECONDS);
  }

  private async generation(key: string): Promise<string> {
    const current = await this.cache.get<string>(key);
    if (current) return current;
    const fresh = newGeneration();
    await this.cache.set(key, fresh, GENERATION_TTL_SECONDS);
    return fresh;
  }

  /**
   * The identity of `userId` in `orgId` (null: no org), or null when the org is gone or the user
   * is not a member. Pass the transaction's store when called inside one.
   */
  async effective(
    userId: string,
    orgId: string | null,
    store = this.store,
  ): Promise<Resolved | null> {
    if (this.options.cacheSeconds === 0) return this.compute(userId, orgId, store);
    const key = `eff:${userId}:${orgId ?? '-'}`;
    // Generations are read before the inputs, so a change racing this computation leaves the
    // entry stamped with the old generation: it is never served.
    const [entry, orgGen, userGen] = await Promise.all([
      this.cache.get<Cached>(key),
      orgId ? this.generation(`gen:org:${orgId}`) : Promise.resolve('-'),
      this.generation(`gen:user:${userId}`),
    ]);
    if (entry && entry.orgGen === orgGen && entry.userGen === userGen) {
      // A copy: the in-memory cache hands out the stored object, which no caller may change.
      return structuredClone({ identity: entry.identity, org: entry.org });
    }
    const resolved = await this.compute(userId, orgId, store);
    if (resolved) {
      await this.cache.set<Cached>(
        key,
        { orgGen, userGen, ...resolved },
        this.options.cacheSeconds,
      );
    }
    return resolved;
  }

  /** The uncached computation (the bench's baseline). */
  async compute(
    userId: string,
    orgId: string | null,
    store = this.store,
  ): Promise<Resolved | null> {
    const user = await store.users.findById(userId);
    if (!user) return null;
    const common = { userId, plans: this.options.plans, customRoles: new Map() };
    if (orgId === null) {
      const identity = computeEffectiveIdentity({
        ...common,
        user: { labels: user.labels },
        org: null,
        membership: null,
        groups: [],
        userEntitlements: null,
      });
      return { identity, org: null };
    }
    const scoped = store.orgs.scoped(orgId);
    const [org, membership] = await Promise.all([scoped.get(), scoped.membership(userId)]);
    if (!org || !membership) return null;
    const [groups, roles, override] = await Promise.all([
      scoped.groups.groupsOf(userId),
      scoped.roles.list(),
      scoped.entitlements.get(userId),
    ]);
    const identity = computeEffectiveIdentity({
      ...common,
      user: { labels: user.labels },
      org: { id: org.id, labels: org.labels, plan: org.plan },
      membership: {
        roles: membership.roles,
        labelsDelta: membership.labelsDelta,
        groupIds: groups.map((g) => g.group.id),
      },
      groups: groups.map(({ group, role }) => ({
        id: group.id,
        labels: group.labels,
        roles: role ? [...group.roles, role] : group.roles,
      })),
      customRoles: new Map(roles.map((r) => [r.name, r.permissions])),
      userEntitlements: override ? { features: override.features, limits: override.limits } : null,
    });
    return { identity, org: { slug: org.slug, name: org.name } };
  }

  /** The session's view of its active org, or null when none is set or it no longer applies. */
  async activeOrg(
    userId: string,
    orgId: string | null,
    store = this.store,
  ): Promise<ActiveOrg | null> {
    if (!orgId) return null;
    const resolved = await this.effective(userId, orgId, store);
    if (!resolved?.org) return null;
    const { identity, org } = resolved;
    return {
      id: orgId,
      slug: org.slug,
      name: org.name,
      roles: identity.roles,
      permissions: identity.permissions,
      groups: identity.groups,
      labels: identity.labels,
      plan: identity.plan,
      features: identity.entitlements.features,
    };
  }

  /** Token claims for the active org; an org the user has left projects to "no org". */
  async claims(userId: string, orgId: string | null, store = this.store): Promise<OrgClaims> {
    const active = await this.activeOrg(userId, orgId, store);
    if (!active) {
      const own = await this.effective(userId, null, store);
      return {
        org: null,
        groups: [],
        labels: own?.identity.labels ?? [],
        roles: [],
        plan: null,
        ent: [],
        permissions: [],
      };
    }
    return {
      org: active.id,
      groups: active.groups,
      labels: active.labels,
      roles: active.roles,
      plan: active.plan,
      ent: active.features,
      permissions: active.permissions,
    };
  }
}
