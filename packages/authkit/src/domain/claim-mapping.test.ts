import { describe, expect, it } from 'vitest';
import { checkClaimRules, claimAt, mapClaims, reconcile, type ClaimRule } from './claim-mapping.js';

const rule = (r: Partial<ClaimRule> & Pick<ClaimRule, 'claim' | 'value'>): ClaimRule => ({
  roles: [],
  groups: [],
  labels: [],
  ...r,
});

describe('claim mapping', () => {
  const rules = [
    rule({ claim: 'groups', value: 'eng', roles: ['admin'], groups: ['grp_eng'] }),
    rule({ claim: 'groups', value: 'sales', labels: ['team:sales'] }),
    rule({ claim: 'realm_access.roles', value: 'billing', roles: ['billing'] }),
    rule({ claim: 'department', value: 'ops', labels: ['dept:ops'] }),
  ];

  it('merges every matching rule: arrays hold the value, strings equal it, paths reach nested claims', () => {
    const out = mapClaims(rules, {
      groups: ['eng', 'sales'],
      realm_access: { roles: ['billing'] },
      department: 'ops',
    });
    expect(out).toEqual({
      roles: ['admin', 'billing'],
      groups: ['grp_eng'],
      labels: ['dept:ops', 'team:sales'],
      matched: [0, 1, 2, 3],
    });
    expect(mapClaims(rules, { groups: 'eng' }).matched).toEqual([0]);
    expect(mapClaims(rules, { groups: ['engineering'], department: ['ops'] }).matched).toEqual([3]);
    expect(mapClaims(rules, {}).matched).toEqual([]);
  });

  it('never walks the prototype chain or into arrays by key', () => {
    expect(claimAt({}, 'constructor')).toBeUndefined();
    expect(claimAt({ a: ['x'] }, 'a.length')).toBeUndefined();
    expect(claimAt(JSON.parse('{"__proto__": {"x": "y"}}'), '__proto__.x')).toBe('y');
    expect(mapClaims([rule({ claim: 'toString', value: 'x', roles: ['a'] })], {}).matched).toEqual(
      [],
    );
  });

  it('refuses owner grants, bad paths, label removals and empty rules, naming the field', () => {
    const bad: Array<[ClaimRule, string]> = [
      [rule({ claim: 'groups', value: 'x', roles: ['owner'] }), 'rules.0.roles'],
      [rule({ claim: 'a..b', value: 'x', roles: ['a'] }), 'rules.0.claim'],
      [rule({ claim: 'a.b.c.d.e.f', value: 'x', roles: ['a'] }), 'rules.0.claim'],
      [rule({ claim: 'groups', value: 'x', labels: ['-plan'] }), 'rules.0.labels.0'],
      [rule({ claim: 'groups', value: 'x', labels: ['nocolon'] }), 'rules.0.labels.0'],
      [rule({ claim: 'groups', value: 'x' }), 'rules.0'],
    ];
    for (const [r, field] of bad) {
      expect(() => checkClaimRules([r])).toThrow(expect.objectContaining({ field }));
    }
    expect(() => checkClaimRules(Array.from({ length: 101 }, () => rules[0]!))).toThrow(
      expect.objectContaining({ field: 'rules' }),
    );
  });

  it('reconciles: drops what the provider stopped granting, keeps what was given by hand', () => {
    expect(reconcile(['admin', 'manual'], ['admin'], [])).toEqual(['manual']);
    expect(reconcile(['member'], [], ['admin'])).toEqual(['admin', 'member']);
    expect(reconcile(['admin', 'member'], ['admin', 'billing'], ['billing'])).toEqual([
      'billing',
      'member',
    ]);
  });
});
