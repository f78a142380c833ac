import { describe, expect, it } from 'vitest';
import { resolveEntitlements } from './entitlements.js';

const plans = {
  free: { features: ['sso'], limits: { seats: 3, projects: 1 } },
  pro: { features: ['sso', 'audit', 'webhooks'], limits: { seats: 50, projects: 20 } },
};

describe('resolveEntitlements', () => {
  it('returns the plan as is without overrides', () => {
    expect(resolveEntitlements('pro', plans, null)).toEqual({
      features: ['audit', 'sso', 'webhooks'],
      limits: { projects: 20, seats: 50 },
    });
  });

  it('lets a user override a plan limit per key and add new ones', () => {
    expect(resolveEntitlements('free', plans, { limits: { seats: 10, storage_gb: 5 } })).toEqual({
      features: ['sso'],
      limits: { projects: 1, seats: 10, storage_gb: 5 },
    });
  });

  it('unions features and lets -feature remove one', () => {
    expect(
      resolveEntitlements('pro', plans, { features: ['beta', '-webhooks', '-never-had'] }),
    ).toEqual({ features: ['audit', 'beta', 'sso'], limits: { projects: 20, seats: 50 } });
  });

  it('gives nothing for a null, unknown or prototype-named plan', () => {
    const empty = { features: [], limits: {} };
    expect(resolveEntitlements(null, plans, null)).toEqual(empty);
    expect(resolveEntitlements('enterprise', plans, null)).toEqual(empty);
    expect(resolveEntitlements('constructor', plans, null)).toEqual(empty);
    expect(resolveEntitlements('__proto__', plans, {})).toEqual(empty);
  });

  it('keeps a __proto__ limit as data', () => {
    const limits = JSON.parse('{"__proto__": 7}') as Record<string, number>;
    const result = resolveEntitlements(null, plans, { limits });
    expect(Object.getPrototypeOf(result.limits)).toBe(Object.prototype);
    expect(Object.entries(result.limits)).toEqual([['__proto__', 7]]);
  });

  it('does not mutate the plan', () => {
    resolveEntitlements('free', plans, { features: ['-sso', 'x'], limits: { seats: 99 } });
    expect(plans.free).toEqual({ features: ['sso'], limits: { seats: 3, projects: 1 } });
  });
});
