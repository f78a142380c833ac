import { describe, expect, it } from 'vitest';
import { AuthkitError } from './errors.js';
import {
  compilePolicy,
  evaluatePolicy,
  parsePolicyRules,
  type PolicyInput,
  type PolicyRule,
  type PolicySubject,
} from './policy.js';

const subject = (over: Partial<PolicySubject> = {}): PolicySubject => ({
  userId: 'usr_1',
  orgId: 'org_1',
  roles: ['member'],
  permissions: ['org:read'],
  groups: [],
  labels: [],
  plan: 'free',
  features: [],
  scopes: null,
  amr: ['pwd'],
  ...over,
});

const rules: PolicyRule[] = [
  { id: 'billing-admins', action: 'billing:*', require: { roles: ['owner', 'admin'] } },
  { id: 'billing-pro', action: 'billing:*', require: { plan: ['pro', 'enterprise'] } },
  {
    id: 'no-admin-refunds',
    action: 'billing:refund',
    effect: 'deny',
    require: { roles: ['admin'] },
    description: 'admins may not refund',
  },
  {
    id: 'read-invoices',
    action: 'read',
    resource: 'invoice:*',
    require: { permissions: ['org:read'] },
  },
  { id: 'one-report', action: 'read', resource: 'report:rep_1' },
];

const input = (action: string, over: Partial<PolicyInput> = {}): PolicyInput => ({
  subject: subject(),
  action,
  ...over,
});

describe('evaluatePolicy', () => {
  it('allows when one matching allow rule is met (globs on the action)', () => {
    const admin = subject({ roles: ['admin'] });
    expect(evaluatePolicy(rules, input('billing:read', { subject: admin }))).toEqual({
      decision: 'allow',
      reasons: [],
    });
    // A different rule, a different way in.
    expect(
      evaluatePolicy(rules, input('billing:read', { subject: subject({ plan: 'pro' }) })).decision,
    ).toBe('allow');
  });

  it('denies with the reasons of every matching allow rule, each naming its rule', () => {
    expect(evaluatePolicy(rules, input('billing:read')).reasons).toEqual([
      expect.objectContaining({ rule: 'billing-admins', code: 'missing_role' }),
      expect.objectContaining({
        rule: 'billing-pro',
        code: 'wrong_plan',
        missing: ['pro', 'enterprise'],
      }),
    ]);
  });

  it('lets a met deny rule win over a met allow rule', () => {
    const decision = evaluatePolicy(
      rules,
      input('billing:refund', { subject: subject({ roles: ['admin'] }) }),
    );
    expect(decision).toEqual({
      decision: 'deny',
      reasons: [
        { rule: 'no-admin-refunds', code: 'denied_by_rule', detail: 'admins may not refund' },
      ],
    });
    // The deny rule's requirement is not met by an owner: the allow rule decides.
    expect(
      evaluatePolicy(rules, input('billing:refund', { subject: subject({ roles: ['owner'] }) }))
        .decision,
    ).toBe('allow');
  });

  it('denies by default with no_rule when nothing matches', () => {
    expect(evaluatePolicy(rules, input('keys:delete'))).toEqual({
      decision: 'deny',
      reasons: [{ rule: null, code: 'no_rule', detail: 'no rule allows keys:delete' }],
    });
    expect(evaluatePolicy([], input('anything')).reasons[0]?.code).toBe('no_rule');
  });

  it('matches resource globs on type and type:id; a resource rule needs a resource', () => {
    const invoice = (id?: string) =>
      input('read', { resource: { type: 'invoice', ...(id ? { id } : {}) } });
    expect(evaluatePolicy(rules, invoice('inv_1')).decision).toBe('allow');
    expect(evaluatePolicy(rules, invoice()).decision).toBe('allow');
    expect(
      evaluatePolicy(rules, input('read', { resource: { type: 'report', id: 'rep_1' } })).decision,
    ).toBe('allow');
    expect(
      evaluatePolicy(rules, input('read', { resource: { type: 'report', id: 'rep_2' } })).reasons[0]
        ?.code,
    ).toBe('no_rule');
    expect(evaluatePolicy(rules, input('read')).reasons[0]?.code).toBe('no_rule');
  });

  it('treats glob metacharacters other than * literally', () => {
    const dotted: PolicyRule[] = [{ id: 'r', action: 'a.b' }];
    expect(evaluatePolicy(dotted, input('a.b')).decision).toBe('allow');
    expect(evaluatePolicy(dotted, input('axb')).decision).toBe('deny');
    expect(evaluatePolicy([{ id: 'all', action: '*' }], input('x:y:z')).decision).toBe('allow');
  });

  it('refuses a resource owned by another org whatever the rules say', () => {
    const open: PolicyRule[] = [{ id: 'open', action: '*' }];
    const foreign = { type: 'invoice', id: 'inv_9', orgId: 'org_2' };
    expect(evaluatePolicy(open, input('read', { resource: foreign }))).toEqual({
      decision: 'deny',
      reasons: [{ rule: null, code: 'wrong_org', detail: 'the resource belongs to another org' }],
    });
    const noOrg = subject({ orgId: null });
    expect(
      evaluatePolicy(open, input('read', { subject: noOrg, resource: foreign })).reasons[0]?.code,
    ).toBe('wrong_org');
    expect(
      evaluatePolicy(open, input('read', { resource: { ...foreign, orgId: 'org_1' } })).decision,
    ).toBe('allow');
    expect(
      evaluatePolicy(open, input('read', { resource: { ...foreign, orgId: null } })).decision,
    ).toBe('allow');
  });

  it('refuses a signed-out subject before any rule', () => {
    const open: PolicyRule[] = [{ id: 'open', action: '*' }];
    expect(
      evaluatePolicy(open, input('read', { subject: subject({ userId: null }) })).reasons,
    ).toEqual([{ rule: null, code: 'not_signed_in', detail: 'not signed in' }]);
  });

  it('evaluates a compiled policy the same way', () => {
    const compiled = compilePolicy(rules);
    expect(compiled.rules).toHaveLength(rules.length);
    expect(
      evaluatePolicy(compiled, input('billing:read', { subject: subject({ plan: 'pro' }) }))
        .decision,
    ).toBe('allow');
  });
});

describe('parsePolicyRules', () => {
  const fieldOf = (value: unknown): string | undefined => {
    try {
      parsePolicyRules(value);
    } catch (error) {
      expect(error).toBeInstanceOf(AuthkitError);
      expect((error as AuthkitError).code).toBe('invalid_config');
      expect((error as AuthkitError).message).toContain((error as AuthkitError).field);
      return (error as AuthkitError).field;
    }
    return undefined;
  };

  it('accepts a well-formed rule list', () => {
    expect(parsePolicyRules(rules)).toEqual(rules);
    expect(fieldOf(rules)).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['not a list', { id: 'x' }, 'policies'],
    ['a missing action', [{ id: 'a' }], 'policies.0.action'],
    ['a bad effect', [{ id: 'a', action: '*', effect: 'maybe' }], 'policies.0.effect'],
    ['an unknown rule key', [{ id: 'a', action: '*', requires: {} }], 'policies.0.requires'],
    [
      'an unknown requirement key',
      [{ id: 'a', action: '*', require: { role: ['admin'] } }],
      'policies.0.require.role',
    ],
    [
      'a malformed permission',
      [{ id: 'a', action: '*', require: { permissions: ['Org'] } }],
      'policies.0.require.permissions.0',
    ],
    [
      'a -key label',
      [{ id: 'a', action: '*', require: { labels: ['-region'] } }],
      'policies.0.require.labels.0',
    ],
    [
      'an empty any-of',
      [{ id: 'a', action: '*', require: { roles: [] } }],
      'policies.0.require.roles',
    ],
    ['org: false', [{ id: 'a', action: '*', require: { org: false } }], 'policies.0.require.org'],
    ['whitespace in a glob', [{ id: 'a', action: 'billing read' }], 'policies.0.action'],
    [
      'a duplicate id',
      [
        { id: 'a', action: '*' },
        { id: 'a', action: 'x' },
      ],
      'policies.1.id',
    ],
  ])('refuses %s, naming the field', (_case, value, field) => {
    expect(fieldOf(value)).toBe(field);
  });

  it('fails at compile time, not at evaluation', () => {
    expect(() => compilePolicy([{ id: 'a', action: '*', require: { mfa: 'yes' } }])).toThrow(
      /policies\.0\.require\.mfa/,
    );
  });
});
