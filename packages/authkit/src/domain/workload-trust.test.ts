import { describe, expect, it } from 'vitest';
import { isAuthkitError } from './errors.js';
import {
  GITHUB_ACTIONS_ISSUER,
  checkPolicyMatchers,
  globMatch,
  policyMatches,
} from './workload-trust.js';

describe('globMatch', () => {
  it.each([
    ['refs/heads/main', 'refs/heads/main', true],
    ['refs/heads/main', 'refs/heads/main2', false],
    ['refs/heads/*', 'refs/heads/feature/x', true],
    ['refs/heads/*', 'refs/tags/v1', false],
    ['octo-org/*', 'octo-org/repo', true],
    ['octo-org/*', 'octo-org', false],
    ['*-prod', 'eu-prod', true],
    ['*-prod', 'eu-prod-2', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['Octo-Org/*', 'octo-org/repo', false],
    ['repo:o/r:ref:refs/heads/*', 'repo:o/r:ref:refs/heads/main', true],
    ['.*', 'anything', false],
    ['x', '', false],
  ])('%s ~ %s = %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });

  it('stays fast on a pattern built to backtrack', () => {
    const value = 'a'.repeat(5000);
    const started = performance.now();
    expect(globMatch(`${'*a'.repeat(40)}b`, value)).toBe(false);
    // Quadratic at worst, never exponential: far under a second here.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('policyMatches', () => {
  const policy = {
    audience: 'https://auth.example.com',
    subject: 'repo:octo-org/octo-repo:*',
    conditions: { ref: 'refs/heads/main', job_workflow_ref: 'octo-org/deploy/*@refs/heads/main' },
  };
  const claims = {
    aud: 'https://auth.example.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    ref: 'refs/heads/main',
    job_workflow_ref: 'octo-org/deploy/.github/workflows/ship.yml@refs/heads/main',
  };

  it('needs the audience, the subject and every condition', () => {
    expect(policyMatches(policy, claims)).toBe(true);
    expect(policyMatches(policy, { ...claims, aud: ['x', 'https://auth.example.com'] })).toBe(true);
    expect(policyMatches(policy, { ...claims, aud: 'https://github.com/octo-org' })).toBe(false);
    expect(
      policyMatches(policy, { ...claims, sub: 'repo:evil/octo-repo:ref:refs/heads/main' }),
    ).toBe(false);
    expect(policyMatches(policy, { ...claims, ref: 'refs/heads/dev' })).toBe(false);
    const { ref: _ref, ...noRef } = claims;
    expect(policyMatches(policy, noRef)).toBe(false);
    // A claim that is not a string never matches (no coercion of numbers or arrays).
    expect(policyMatches(policy, { ...claims, ref: ['refs/heads/main'] })).toBe(false);
  });
});

describe('checkPolicyMatchers', () => {
  const refused = (input: Parameters<typeof checkPolicyMatchers>[0]) => {
    try {
      checkPolicyMatchers(input);
    } catch (error) {
      if (isAuthkitError(error)) return error.field;
      throw error;
    }
    return null;
  };

  it('makes a GitHub policy pin an owner or a repository', () => {
    const github = { issuer: GITHUB_ACTIONS_ISSUER, subject: null, conditions: {} };
    expect(refused(github)).toBe('conditions');
    expect(refused({ ...github, conditions: { ref: 'refs/heads/main' } })).toBe('conditions');
    expect(refused({ ...github, conditions: { repository: '*/octo-repo' } })).toBe('conditions');
    expect(refused({ ...github, subject: 'repo:*/octo-repo:*' })).toBe('conditions');
    expect(refused({ ...github, conditions: { repository: 'octo-org/octo-repo' } })).toBeNull();
    expect(refused({ ...github, conditions: { repository_owner_id: '123' } })).toBeNull();
    expect(refused({ ...github, subject: 'repo:octo-org/*' })).toBeNull();
    // Other issuers may rely on the audience and their own claims.
    expect(refused({ issuer: 'https://ci.example.com', subject: null, conditions: {} })).toBeNull();
  });

  it('refuses patterns that match everything, reserved claims and control characters', () => {
    const base = { issuer: 'https://ci.example.com', subject: null, conditions: {} };
    expect(refused({ ...base, subject: '**' })).toBe('subject');
    expect(refused({ ...base, conditions: { aud: 'x' } })).toBe('conditions.aud');
    expect(refused({ ...base, conditions: { 'bad name': 'x' } })).toBe('conditions.bad name');
    expect(refused({ ...base, conditions: { ref: 'a\nb' } })).toBe('conditions.ref');
    expect(refused({ ...base, conditions: { ref: 'x'.repeat(513) } })).toBe('conditions.ref');
  });
});
