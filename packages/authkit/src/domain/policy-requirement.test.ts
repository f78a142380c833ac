import { describe, expect, it } from 'vitest';
import { computeEffectiveIdentity } from './effective-identity.js';
import {
  checkRequirement,
  type PolicyClaims,
  type PolicySubject,
  type Requirement,
  subjectFromClaims,
  subjectFromIdentity,
} from './policy-requirement.js';

const subject = (over: Partial<PolicySubject> = {}): PolicySubject => ({
  userId: 'usr_1',
  orgId: 'org_1',
  orgSlug: 'acme',
  roles: ['admin'],
  permissions: ['members:*', 'org:read'],
  groups: ['grp_1'],
  labels: ['plan:pro', 'region:eu'],
  plan: 'pro',
  features: ['sso', 'audit'],
  scopes: null,
  amr: ['pwd'],
  ...over,
});

const codes = (s: PolicySubject, r: Requirement) =>
  checkRequirement(s, r).reasons.map((x) => x.code);

describe('checkRequirement: each kind allows and denies with its code', () => {
  it.each<[string, Requirement, Partial<PolicySubject>, string]>([
    ['roles', { roles: ['owner', 'admin'] }, { roles: ['member'] }, 'missing_role'],
    [
      'permissions',
      { permissions: ['members:manage'] },
      { permissions: ['org:read'] },
      'missing_permission',
    ],
    ['labels', { labels: ['region:eu'] }, { labels: ['region:us'] }, 'missing_label'],
    ['scopes', { scopes: ['billing:read'] }, { scopes: ['keys:read'] }, 'missing_scope'],
    ['plan', { plan: 'pro' }, { plan: 'free' }, 'wrong_plan'],
    ['entitlement', { entitlement: 'sso' }, { features: [] }, 'missing_entitlement'],
    ['mfa', { mfa: true }, { amr: ['pwd'] }, 'mfa_required'],
    ['org: true', { org: true }, { orgId: null }, 'no_active_org'],
    ['org: id', { org: 'org_1' }, { orgId: 'org_2', orgSlug: 'other' }, 'wrong_org'],
  ])('%s', (_kind, requirement, failing, code) => {
    expect(
      checkRequirement(subject({ amr: ['pwd', 'mfa'], scopes: ['billing:read'] }), requirement),
    ).toEqual({ allow: true, reasons: [] });
    expect(codes(subject(failing), requirement)).toEqual([code]);
  });

  it('matches the org by slug when the subject knows it, and reports no org before wrong org', () => {
    expect(checkRequirement(subject(), { org: 'acme' }).allow).toBe(true);
    expect(codes(subject({ orgId: null, orgSlug: null }), { org: 'org_1' })).toEqual([
      'no_active_org',
    ]);
  });

  it('allows any signed-in subject for an empty requirement, and nobody signed out', () => {
    expect(checkRequirement(subject({ roles: [], permissions: [] }), {}).allow).toBe(true);
    expect(checkRequirement(subject({ userId: null }), {})).toEqual({
      allow: false,
      reasons: [{ code: 'not_signed_in', detail: 'not signed in' }],
    });
    // Signed out means only that: no list of roles it also lacks.
    expect(codes(subject({ userId: null }), { roles: ['owner'], mfa: true })).toEqual([
      'not_signed_in',
    ]);
  });
});

describe('checkRequirement: any-of and all-of', () => {
  it('roles and plan are any-of, naming the accepted ones', () => {
    expect(checkRequirement(subject(), { roles: ['owner', 'admin'] }).allow).toBe(true);
    expect(checkRequirement(subject(), { plan: ['enterprise', 'pro'] }).allow).toBe(true);
    expect(
      checkRequirement(subject({ plan: null }), { plan: ['pro', 'enterprise'] }).reasons,
    ).toEqual([
      {
        code: 'wrong_plan',
        detail: 'requires one of the plans: pro, enterprise',
        missing: ['pro', 'enterprise'],
      },
    ]);
  });

  it('scopes, labels, permissions and entitlements are all-of, naming what is missing', () => {
    const s = subject({ scopes: ['a:read'] });
    expect(checkRequirement(s, { scopes: ['a:read', 'b:read'] }).reasons[0]).toMatchObject({
      code: 'missing_scope',
      missing: ['b:read'],
    });
    expect(checkRequirement(s, { labels: ['plan:pro', 'tier:gold'] }).reasons[0]).toMatchObject({
      missing: ['tier:gold'],
    });
    expect(
      checkRequirement(s, { permissions: ['org:read', 'org:update'] }).reasons[0],
    ).toMatchObject({ missing: ['org:update'] });
    expect(checkRequirement(s, { entitlement: ['sso', 'scim'] }).reasons[0]).toMatchObject({
      missing: ['scim'],
    });
  });

  it('an empty any-of list asks nothing', () => {
    expect(checkRequirement(subject({ roles: [] }), { roles: [], plan: [] }).allow).toBe(true);
  });
});

describe('checkRequirement: wildcards', () => {
  it('key:* matches any value of that key, never another key or a bare key', () => {
    expect(checkRequirement(subject(), { labels: ['region:*'] }).allow).toBe(true);
    expect(codes(subject({ labels: ['regions:eu'] }), { labels: ['region:*'] })).toEqual([
      'missing_label',
    ]);
    expect(codes(subject(), { labels: ['region'] })).toEqual(['missing_label']);
  });

  it('permissions go through grants(): held wildcards cover, requested ones need a wildcard', () => {
    expect(checkRequirement(subject(), { permissions: ['members:manage'] }).allow).toBe(true);
    expect(
      checkRequirement(subject({ permissions: ['*'] }), { permissions: ['org:delete'] }).allow,
    ).toBe(true);
    expect(
      codes(subject({ permissions: ['members:read'] }), { permissions: ['members:*'] }),
    ).toEqual(['missing_permission']);
  });

  it('a held resource:* scope covers that resource only', () => {
    const s = subject({ scopes: ['billing:*'] });
    expect(checkRequirement(s, { scopes: ['billing:read', 'billing:write'] }).allow).toBe(true);
    expect(codes(s, { scopes: ['billingx:read'] })).toEqual(['missing_scope']);
    expect(codes(subject({ scopes: ['billing:read'] }), { scopes: ['billing:*'] })).toEqual([
      'missing_scope',
    ]);
  });

  it('a leading - is nothing special: not a negation, and it never matches', () => {
    expect(codes(subject({ labels: [] }), { labels: ['-region'] })).toEqual(['missing_label']);
    expect(codes(subject({ labels: ['-region'] }), { labels: ['-region'] })).toEqual([
      'missing_label',
    ]);
  });

  it('a subject whose scopes are null (not a key token) is not restricted by scopes', () => {
    expect(checkRequirement(subject({ scopes: null }), { scopes: ['anything:at-all'] }).allow).toBe(
      true,
    );
    expect(codes(subject({ scopes: [] }), { scopes: ['billing:read'] })).toEqual(['missing_scope']);
  });
});

it('reports one reason for every failing kind at once', () => {
  const s = subject({
    roles: ['member'],
    plan: 'free',
    amr: ['pwd'],
    orgId: 'org_2',
    orgSlug: null,
    scopes: [],
  });
  expect(
    codes(s, {
      org: 'org_1',
      roles: ['admin'],
      permissions: ['keys:manage'],
      labels: ['tier:gold'],
      scopes: ['billing:read'],
      plan: 'pro',
      entitlement: 'scim',
      mfa: true,
    }),
  ).toEqual([
    'wrong_org',
    'missing_role',
    'missing_permission',
    'missing_label',
    'missing_scope',
    'wrong_plan',
    'missing_entitlement',
    'mfa_required',
  ]);
});

describe('subjectFromClaims', () => {
  const claims = {
    sub: 'usr_1',
    org: 'org_1',
    groups: ['grp_1'],
    labels: ['plan:pro'],
    roles: ['admin'],
    permissions: ['members:*'],
    plan: 'pro',
    ent: { features: ['sso'], limits: { seats: 5 } },
    scopes: [],
    amr: ['pwd', 'mfa'],
  };

  it('reads the access-token claims', () => {
    expect(subjectFromClaims(claims)).toEqual({
      userId: 'usr_1',
      orgId: 'org_1',
      orgSlug: null,
      roles: ['admin'],
      permissions: ['members:*'],
      groups: ['grp_1'],
      labels: ['plan:pro'],
      plan: 'pro',
      features: ['sso'],
      scopes: null,
      amr: ['pwd', 'mfa'],
    });
  });

  it('holds a key token to its scopes, even an empty list; a session token only to scopes it carries', () => {
    expect(subjectFromClaims({ ...claims, amr: ['key'], scopes: [] }).scopes).toEqual([]);
    expect(subjectFromClaims({ ...claims, client_id: 'key_1' }).scopes).toEqual([]);
    expect(subjectFromClaims({ ...claims, scopes: ['a:read'] }).scopes).toEqual(['a:read']);
  });

  it('tolerates absent and malformed claims (a browser may decode anything)', () => {
    expect(subjectFromClaims({})).toMatchObject({
      userId: null,
      orgId: null,
      roles: [],
      features: [],
      plan: null,
      scopes: null,
    });
    const junk = {
      sub: 42,
      roles: 'admin',
      labels: ['a:b', 7],
      ent: null,
    } as unknown as PolicyClaims;
    expect(subjectFromClaims(junk)).toMatchObject({
      userId: null,
      roles: [],
      labels: ['a:b'],
      features: [],
    });
    expect(subjectFromClaims({ ent: ['sso'] }).features).toEqual(['sso']);
  });
});

it('subjectFromIdentity flattens an effective identity', () => {
  const identity = computeEffectiveIdentity({
    userId: 'usr_1',
    user: { labels: [] },
    org: { id: 'org_1', labels: [], plan: 'pro' },
    membership: { roles: ['member'], labelsDelta: [], groupIds: [] },
    groups: [],
    customRoles: new Map(),
    plans: { pro: { features: ['sso'], limits: {} } },
    userEntitlements: null,
  });
  expect(subjectFromIdentity(identity, { amr: ['mfa'], orgSlug: 'acme' })).toEqual({
    userId: 'usr_1',
    orgId: 'org_1',
    orgSlug: 'acme',
    roles: ['member'],
    permissions: ['members:read', 'org:read'],
    groups: [],
    labels: ['plan:pro'],
    plan: 'pro',
    features: ['sso'],
    scopes: null,
    amr: ['mfa'],
  });
});
