/**
 * Claim mapping: an org's rules that turn what its provider says about someone (`groups`,
 * `roles`, any claim) into org roles, group memberships and labels. Pure: the sign-in applies
 * the result, the settings page previews it.
 */
import { AuthkitError } from './errors.js';
import { parseLabel } from './labels.js';

export interface ClaimRule {
  /** A claim name, or a dotted path into nested claims (`realm_access.roles`). */
  claim: string;
  /** Matches a string claim equal to it, or an array claim that holds it. */
  value: string;
  roles: string[];
  groups: string[];
  labels: string[];
}

/** What the rules grant for one set of claims, and which rules matched (by index). */
export interface MappedGrants {
  roles: string[];
  groups: string[];
  labels: string[];
  matched: number[];
}

const MAX_RULES = 100;
const CLAIM_PATH = /^[A-Za-z_][\w-]{0,63}(?:\.[A-Za-z_][\w-]{0,63}){0,4}$/;

/** The claim at a dotted path; own properties only (no `__proto__` walk). */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let at: unknown = claims;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, key)) {
      return undefined;
    }
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function matches(found: unknown, value: string): boolean {
  if (typeof found === 'string') return found === value;
  if (typeof found === 'boolean' || typeof found === 'number') return String(found) === value;
  return Array.isArray(found) && found.some((item) => item === value);
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Every rule that matches `claims`, merged: the union of their grants. */
export function mapClaims(
  rules: readonly ClaimRule[],
  claims: Record<string, unknown>,
): MappedGrants {
  const roles = new Set<string>();
  const groups = new Set<string>();
  const labels = new Set<string>();
  const matched: number[] = [];
  rules.forEach((rule, index) => {
    if (!matches(claimAt(claims, rule.claim), rule.value)) return;
    matched.push(index);
    rule.roles.forEach((r) => roles.add(r));
    rule.groups.forEach((g) => groups.add(g));
    rule.labels.forEach((l) => labels.add(l));
  });
  return { roles: sorted(roles), groups: sorted(groups), labels: sorted(labels), matched };
}

/** Checks the rules' shape (claim paths, label syntax, no owner); roles and groups are the org's to check. */
export function checkClaimRules(rules: readonly ClaimRule[]): ClaimRule[] {
  if (rules.length > MAX_RULES) {
    throw new AuthkitError('invalid_request', `at most ${MAX_RULES} rules`, { field: 'rules' });
  }
  return rules.map((rule, i) => {
    if (!CLAIM_PATH.test(rule.claim)) {
      throw new AuthkitError(
        'invalid_request',
        'a claim is a name or a dotted path of up to five names',
        { field: `rules.${i}.claim` },
      );
    }
    if (rule.roles.includes('owner')) {
      throw new AuthkitError('invalid_request', 'a provider cannot make anyone an owner', {
        field: `rules.${i}.roles`,
      });
    }
    rule.labels.forEach((label, j) => {
      if (parseLabel(label, `rules.${i}.labels.${j}`).kind !== 'set') {
        throw new AuthkitError('invalid_request', 'a mapped label sets a value (key:value)', {
          field: `rules.${i}.labels.${j}`,
        });
      }
    });
    if (rule.roles.length + rule.groups.length + rule.labels.length === 0) {
      throw new AuthkitError('invalid_request', 'a rule must grant a role, a group or a label', {
        field: `rules.${i}`,
      });
    }
    return {
      claim: rule.claim,
      value: rule.value,
      roles: sorted(rule.roles),
      groups: sorted(rule.groups),
      labels: sorted(rule.labels),
    };
  });
}

/**
 * The next value of a list the provider partly manages: what it granted before and no longer
 * grants goes, what it grants now is added, and anything given by hand stays.
 */
export function reconcile(
  current: readonly string[],
  before: readonly string[],
  now: readonly string[],
): string[] {
  const dropped = new Set(before.filter((x) => !now.includes(x)));
  return sorted([...current.filter((x) => !dropped.has(x)), ...now]);
}
