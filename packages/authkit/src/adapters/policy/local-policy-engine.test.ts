import { describe, expect, it } from 'vitest';
import type { PolicySubject } from '../../domain/policy.js';
import { createLocalPolicyEngine } from './local-policy-engine.js';

const subject: PolicySubject = {
  userId: 'usr_1',
  orgId: 'org_1',
  roles: ['admin'],
  permissions: [],
  groups: [],
  labels: [],
  plan: 'pro',
  features: [],
  scopes: null,
  amr: [],
};

describe('createLocalPolicyEngine', () => {
  const engine = createLocalPolicyEngine([
    { id: 'admins', action: 'members:*', require: { roles: ['owner', 'admin'] } },
    { id: 'no-deletes', action: 'members:delete', effect: 'deny', require: {} },
  ]);

  it('answers through the port, asynchronously', async () => {
    await expect(engine.evaluate({ subject, action: 'members:invite' })).resolves.toEqual({
      decision: 'allow',
      reasons: [],
    });
    await expect(engine.evaluate({ subject, action: 'members:delete' })).resolves.toMatchObject({
      decision: 'deny',
      reasons: [{ rule: 'no-deletes', code: 'denied_by_rule' }],
    });
    await expect(engine.evaluate({ subject, action: 'keys:issue' })).resolves.toMatchObject({
      reasons: [{ code: 'no_rule' }],
    });
  });

  it('refuses a malformed rule list when it is created, naming the field', () => {
    expect(() =>
      createLocalPolicyEngine([{ id: 'x', action: '*', effect: 'permit' as 'allow' }]),
    ).toThrow(expect.objectContaining({ code: 'invalid_config', field: 'policies.0.effect' }));
  });
});
