import { AuthkitError } from './errors.js';

/** GitHub Actions' OIDC issuer: every job can get a token from it (`id-token: write`). */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/**
 * A trust policy: which workload tokens (issuer, audience, subject and claim patterns) an org
 * accepts, and what the access token it gets in exchange may do.
 */
export interface WorkloadPolicy {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  /** The token's `aud` must contain exactly this (no pattern: an audience is a fixed name). */
  audience: string;
  /** A pattern on `sub`, or null for any subject (claims then do the narrowing). */
  subject: string | null;
  /** Claim name → pattern; every one must match a string claim of the token. */
  conditions: Record<string, string>;
  roles: string[];
  scopes: string[];
  /** At most this long (seconds); the server's own limit and the upstream `exp` still apply. */
  tokenTtlSeconds: number | null;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

const PATTERN_MAX = 512;
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/**
 * `*` matches any run of characters (`/` included), everything else matches itself, case and all;
 * the whole value must match. Hand-written: a regex built from user input is one escaping slip
 * from a ReDoS or an injection, and this loop is linear-ish with backtracking on `*` only.
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (p < pattern.length && pattern[p] === value[v]) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The token's claims as jose decoded them. */
export type WorkloadClaims = Record<string, unknown> & { sub?: string; aud?: string | string[] };

/** Whether a verified token meets the policy's audience, subject and every claim condition. */
export function policyMatches(
  policy: Pick<WorkloadPolicy, 'audience' | 'subject' | 'conditions'>,
  claims: WorkloadClaims,
): boolean {
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  if (!audiences.includes(policy.audience)) return false;
  if (policy.subject !== null) {
    if (typeof claims.sub !== 'string' || !globMatch(policy.subject, claims.sub)) return false;
  }
  return Object.entries(policy.conditions).every(([claim, pattern]) => {
    const value = claims[claim];
    return typeof value === 'string' && globMatch(pattern, value);
  });
}

/** Claims that pin a GitHub token to one owner or repository (ids survive renames). */
const GITHUB_PINS = ['repository', 'repository_id', 'repository_owner', 'repository_owner_id'];

const invalid = (field: string, message: string) =>
  new AuthkitError('invalid_request', message, { field });

/** A pattern that names something: not empty, not only stars, no control characters. */
function checkPattern(field: string, pattern: string): string {
  if (pattern.length === 0 || pattern.length > PATTERN_MAX) {
    throw invalid(field, `must be 1 to ${PATTERN_MAX} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(pattern)) throw invalid(field, 'has control characters');
  if (/^\*+$/.test(pattern)) throw invalid(field, 'matches everything; leave it out instead');
  return pattern;
}

/**
 * The subject and conditions of a new or changed policy, checked. A GitHub policy must pin an
 * owner or a repository (by a claim, or a subject that starts `repo:<owner>/` with no pattern in
 * the owner): otherwise any repository on GitHub could mint tokens for the org.
 */
export function checkPolicyMatchers(input: {
  issuer: string;
  subject: string | null;
  conditions: Record<string, string>;
}): { subject: string | null; conditions: Record<string, string> } {
  const subject = input.subject === null ? null : checkPattern('subject', input.subject);
  const names = Object.keys(input.conditions);
  if (names.length > 16) throw invalid('conditions', 'at most 16 conditions');
  const conditions: Record<string, string> = {};
  for (const name of names.sort()) {
    if (!CLAIM_NAME.test(name) || ['aud', 'iss', 'sub', 'exp', 'iat', 'nbf'].includes(name)) {
      throw invalid(`conditions.${name}`, 'is not a claim a condition can test');
    }
    conditions[name] = checkPattern(`conditions.${name}`, input.conditions[name]!);
  }
  if (input.issuer === GITHUB_ACTIONS_ISSUER) {
    const pinnedByClaim = GITHUB_PINS.some((claim) => {
      const pattern = conditions[claim];
      return pattern !== undefined && !pattern.startsWith('*');
    });
    const owner = subject?.match(/^repo:([^/*]+)\//)?.[1];
    if (!pinnedByClaim && !owner) {
      throw invalid(
        'conditions',
        'a GitHub Actions policy must pin an owner or repository: a condition on repository, repository_id, repository_owner or repository_owner_id, or a subject starting repo:<owner>/',
      );
    }
  }
  return { subject, conditions };
}
