import { describe, expect, it } from 'vitest';
import { computeEffectiveIdentity, type EffectiveIdentityInputs } from './effective-identity.js';
import { grants } from './permissions.js';

const plans = {
  pro: { features: ['audit', 'sso'], limits: { seats: 50, projects: 20 } },
};

function inputs(overrides: Partial<EffectiveIdentityInputs> = {}): EffectiveIdentityInputs {
  return {
    userId: 'usr_1',
    user: { labels: [] },
    org: { id: 'org_1', labels: [], plan: 'pro' },
    membership: { roles: ['member'], labelsDelta: [], groupIds: [] },
    groups: [],
    customRoles: new Map(),
    plans,
    userEntitlements: null,
    ...overrides,
  };
}

describe('computeEffectiveIdentity: labels', () => {
  it('merges user → org → groups (in order) → membership delta → entitlements', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        // Each layer sets `who` (later wins) and removes one key an earlier layer set.
        user: { labels: ['who:user', 'u:1', 'plan:spoofed', '-nothing'] },
        org: { id: 'org_1', labels: ['who:org', 'o:1', '-u'], plan: 'pro' },
        groups: [
          { id: 'grp_a', labels: ['who:group-a', 'ga:1', '-o'] },
          { id: 'grp_b', labels: ['who:group-b', 'gb:1', '-ga'] },
        ],
        membership: {
          roles: ['member'],
          labelsDelta: ['who:membership', 'm:1', '-gb'],
          groupIds: ['grp_a', 'grp_b'],
        },
      }),
    );
    // The entitlement layer owns `plan`, overriding the user's value.
    expect(identity.labels).toEqual(['m:1', 'plan:pro', 'who:membership']);
  });

  it('applies groups in the given order, not by id', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        groups: [
          { id: 'grp_z', labels: ['team:z'] },
          { id: 'grp_a', labels: ['team:a'] },
        ],
        membership: { roles: [], labelsDelta: [], groupIds: ['grp_a', 'grp_z'] },
      }),
    );
    expect(identity.labels).toContain('team:a');
  });

  it('lets the membership delta remove an org label', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        org: { id: 'org_1', labels: ['region:us', 'tier:gold'], plan: 'pro' },
        membership: { roles: [], labelsDelta: ['-region'], groupIds: [] },
      }),
    );
    expect(identity.labels).toEqual(['plan:pro', 'tier:gold']);
  });

  it('clears a stale plan label when the org has no plan', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        user: { labels: ['plan:pro', 'region:us'] },
        org: { id: 'org_1', labels: [], plan: null },
      }),
    );
    expect(identity.labels).toEqual(['region:us']);
    expect(identity.plan).toBeNull();
  });
});

describe('computeEffectiveIdentity: roles and permissions', () => {
  it('unions membership roles with group roles and derives permissions from both', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        customRoles: new Map([['auditor', ['audit:read']]]),
        groups: [
          { id: 'grp_sec', labels: [], roles: ['auditor'] },
          { id: 'grp_ops', labels: [], roles: ['member', 'keys-admin'] },
        ],
        membership: { roles: ['member'], labelsDelta: [], groupIds: ['grp_sec', 'grp_ops'] },
      }),
    );
    // `keys-admin` is unknown: kept as a role name, contributes no permissions.
    expect(identity.roles).toEqual(['auditor', 'keys-admin', 'member']);
    expect(identity.permissions).toEqual(['audit:read', 'members:read', 'org:read']);
    expect(identity.groups).toEqual(['grp_ops', 'grp_sec']);
  });

  it('grants permissions from a group role alone', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        groups: [{ id: 'grp_admins', labels: [], roles: ['admin'] }],
        membership: { roles: [], labelsDelta: [], groupIds: ['grp_admins'] },
      }),
    );
    expect(identity.roles).toEqual(['admin']);
    expect(grants(identity.permissions, 'members:manage')).toBe(true);
    expect(grants(identity.permissions, 'org:delete')).toBe(false);
  });

  it('ignores groups the member is not in', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        groups: [{ id: 'grp_other', labels: ['secret:yes'], roles: ['owner'] }],
        membership: { roles: ['member'], labelsDelta: [], groupIds: ['grp_deleted'] },
      }),
    );
    expect(identity.roles).toEqual(['member']);
    expect(identity.groups).toEqual([]);
    expect(identity.labels).toEqual(['plan:pro']);
  });

  it('gives a non-member the org context but no roles, groups or delta', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        org: { id: 'org_1', labels: ['region:us'], plan: 'pro' },
        membership: null,
        groups: [{ id: 'grp_a', labels: ['team:a'], roles: ['admin'] }],
      }),
    );
    expect(identity).toMatchObject({ orgId: 'org_1', roles: [], permissions: [], groups: [] });
    expect(identity.labels).toEqual(['plan:pro', 'region:us']);
  });
});

describe('computeEffectiveIdentity: entitlements', () => {
  it('takes the org plan, with a user override winning per limit', () => {
    const identity = computeEffectiveIdentity(
      inputs({ userEntitlements: { features: ['beta', '-sso'], limits: { seats: 500 } } }),
    );
    expect(identity.plan).toBe('pro');
    expect(identity.entitlements).toEqual({
      features: ['audit', 'beta'],
      limits: { projects: 20, seats: 500 },
    });
  });
});

describe('computeEffectiveIdentity: outside an org', () => {
  it('keeps only the user labels, with no roles, groups or plan', () => {
    const identity = computeEffectiveIdentity(
      inputs({
        user: { labels: ['region:eu', 'tmp:1', '-tmp'] },
        org: null,
        membership: { roles: ['owner'], labelsDelta: ['x:1'], groupIds: ['grp_a'] },
        groups: [{ id: 'grp_a', labels: ['team:a'], roles: ['owner'] }],
        userEntitlements: { features: ['beta'], limits: { seats: 2 } },
      }),
    );
    expect(identity).toEqual({
      userId: 'usr_1',
      orgId: null,
      roles: [],
      permissions: [],
      groups: [],
      labels: ['region:eu'],
      plan: null,
      entitlements: { features: ['beta'], limits: { seats: 2 } },
    });
  });
});
