/** Entitlements: a plan's features and limits, adjusted per user. */
import { sortUnique } from './permissions.js';

export interface Entitlements {
  features: string[];
  limits: Record<string, number>;
}

export interface EntitlementOverrides {
  /** Added to the plan's features; a `-feature` entry removes one the plan grants. */
  features?: readonly string[];
  /** Replaces the plan's limit for each key given. */
  limits?: Readonly<Record<string, number>>;
}

export interface PlanEntitlements {
  features: readonly string[];
  limits: Readonly<Record<string, number>>;
}

/**
 * The plan's entitlements with the user's overrides applied. An unknown or null plan contributes
 * nothing (looked up with `hasOwn` so a plan named `constructor` is not `Object.prototype`'s).
 */
export function resolveEntitlements(
  plan: string | null,
  plans: Readonly<Record<string, PlanEntitlements>>,
  overrides: EntitlementOverrides | null,
): Entitlements {
  const base = plan !== null && Object.hasOwn(plans, plan) ? plans[plan] : undefined;
  const features = new Set(base?.features ?? []);
  for (const entry of overrides?.features ?? []) {
    if (entry.startsWith('-')) features.delete(entry.slice(1));
    else features.add(entry);
  }
  // A Map, then fromEntries, so a `__proto__` key stays data instead of changing the prototype.
  const limits = new Map<string, number>(Object.entries(base?.limits ?? {}));
  for (const [key, value] of Object.entries(overrides?.limits ?? {})) limits.set(key, value);
  const sortedLimits = sortUnique(limits.keys()).map((key) => [key, limits.get(key) ?? 0] as const);
  return { features: sortUnique(features), limits: Object.fromEntries(sortedLimits) };
}
