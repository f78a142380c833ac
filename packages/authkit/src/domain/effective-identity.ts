/**
 * The effective identity of a user, optionally inside one org (DESIGN §10): the merge behind
 * `me.effective({ org })` and the access token's org claims. Pure; the caller loads the inputs.
 */
import {
  type EntitlementOverrides,
  type Entitlements,
  type PlanEntitlements,
  resolveEntitlements,
} from './entitlements.js';
import { mergeLabels } from './labels.js';
import { sortUnique } from './permissions.js';
import { permissionsOf } from './roles.js';

export interface EffectiveIdentity {
  userId: string;
  orgId: string | null;
  roles: string[];
  permissions: string[];
  groups: string[];
  labels: string[];
  plan: string | null;
  entitlements: Entitlements;
}

export interface EffectiveIdentityInputs {
  userId: string;
  user: { labels: readonly string[] };
  org: { id: string; labels: readonly string[]; plan: string | null } | null;
  membership: {
    roles: readonly string[];
    labelsDelta: readonly string[];
    groupIds: readonly string[];
  } | null;
  /** Applied in this order; only those listed in `membership.groupIds` count. */
  groups: ReadonlyArray<{ id: string; labels: readonly string[]; roles?: readonly string[] }>;
  customRoles: ReadonlyMap<string, readonly string[]>;
  plans: Readonly<Record<string, PlanEntitlements>>;
  userEntitlements: EntitlementOverrides | null;
}

/**
 * The entitlement label layer: it owns the `plan` key, so `plan:<plan>` always mirrors the org's
 * plan (and `-plan` clears a stale one) whatever earlier layers said. Features stay out of labels:
 * they are in `entitlements.features`, and duplicating them would give policies two sources.
 */
function entitlementLabels(plan: string | null): string[] {
  return plan === null ? ['-plan'] : [`plan:${plan}`];
}

/**
 * Labels merge user → org → groups (given order) → membership delta → entitlements; later wins,
 * `-key` removes. Outside an org only the user's labels count and there are no roles or groups.
 * Without a membership the org's labels and plan still apply but no roles, groups or delta do:
 * whether a non-member may act in the org at all is the caller's decision.
 * User entitlements apply in and out of an org, since they belong to the user.
 */
export function computeEffectiveIdentity(inputs: EffectiveIdentityInputs): EffectiveIdentity {
  const { userId, user, org, membership } = inputs;
  if (org === null) {
    return {
      userId,
      orgId: null,
      roles: [],
      permissions: [],
      groups: [],
      labels: mergeLabels(user.labels),
      plan: null,
      entitlements: resolveEntitlements(null, inputs.plans, inputs.userEntitlements),
    };
  }

  // A group the caller loaded but the member is not in must not leak its labels or roles.
  const memberOf = new Set(membership?.groupIds ?? []);
  const groups = inputs.groups.filter((group) => memberOf.has(group.id));

  const roles = sortUnique([
    ...(membership?.roles ?? []),
    ...groups.flatMap((group) => group.roles ?? []),
  ]);

  return {
    userId,
    orgId: org.id,
    roles,
    permissions: permissionsOf(roles, inputs.customRoles),
    groups: sortUnique(groups.map((group) => group.id)),
    labels: mergeLabels(
      user.labels,
      org.labels,
      ...groups.map((group) => group.labels),
      membership?.labelsDelta ?? [],
      entitlementLabels(org.plan),
    ),
    plan: org.plan,
    entitlements: resolveEntitlements(org.plan, inputs.plans, inputs.userEntitlements),
  };
}
