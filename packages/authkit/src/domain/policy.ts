/**
 * Policy rules and their evaluation (DESIGN §10): deny wins, otherwise one satisfied allow rule
 * allows, otherwise deny. Pure; the zod schema makes a malformed rule file fail at startup.
 */
import { z } from 'zod';
import { AuthkitError } from './errors.js';
import { parseLabel } from './labels.js';
import { isPermission } from './permissions.js';
import {
  checkRequirement,
  type DenyReason,
  type DenyReasonCode,
  type PolicySubject,
  type Requirement,
} from './policy-requirement.js';
import { ROLE_NAME_PATTERN } from './roles.js';

export * from './policy-requirement.js';

export interface PolicyRule {
  /** Unique; named in the reasons of the decisions it takes part in. */
  id: string;
  /** A glob over the action (`billing:*`, `invoices:pay`); `*` matches any run of characters. */
  action: string;
  /** A glob over `type` or `type:id` (`invoice`, `invoice:*`); absent: any resource or none. */
  resource?: string;
  /** Default `allow`. */
  effect?: 'allow' | 'deny';
  /** Absent: any signed-in subject. */
  require?: Requirement;
  description?: string;
}

export interface PolicyResource {
  type: string;
  id?: string;
  /** The tenant that owns it; a subject in another org is refused whatever the rules say. */
  orgId?: string | null;
}

export interface PolicyInput {
  subject: PolicySubject;
  action: string;
  resource?: PolicyResource;
  /** Request facts for engines that use them (OPA, Cedar); the local engine reads none. */
  context?: Readonly<Record<string, unknown>>;
}

export type PolicyReasonCode = DenyReasonCode | 'no_rule' | 'denied_by_rule';

export interface PolicyReason {
  /** The rule the reason comes from; null for the tenant boundary, sign-in and `no_rule`. */
  rule: string | null;
  code: PolicyReasonCode;
  detail: string;
  missing?: string[];
}

export interface PolicyDecision {
  decision: 'allow' | 'deny';
  /** Empty when allowed. */
  reasons: PolicyReason[];
}

// Printable ASCII without spaces: a glob or scope with whitespace is a typo, not a name.
const TOKEN = /^[\x21-\x7e]{1,200}$/;
const token = z.string().regex(TOKEN, 'must be 1–200 printable characters without spaces');
const oneOrMore = z.union([token, z.array(token).min(1)]);

const requirementSchema = z.strictObject({
  scopes: z.array(token).optional(),
  labels: z
    .array(
      z.string().refine((label) => {
        try {
          return parseLabel(label).kind === 'set';
        } catch {
          return false;
        }
      }, 'must be key:value or key:* (a leading - means nothing here)'),
    )
    .optional(),
  // Any-of over an empty list would be ambiguous (nobody? anybody?): refused.
  roles: z.array(z.string().regex(ROLE_NAME_PATTERN, 'must be a role name')).min(1).optional(),
  permissions: z
    .array(z.string().refine(isPermission, 'must be resource:action, resource:* or *'))
    .optional(),
  plan: oneOrMore.optional(),
  entitlement: oneOrMore.optional(),
  mfa: z.boolean().optional(),
  org: z.union([z.literal(true), token]).optional(),
});

export const policyRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be 1–100 letters, digits, _.:-'),
  action: token,
  resource: token.optional(),
  effect: z.enum(['allow', 'deny']).optional(),
  require: requirementSchema.optional(),
  description: z.string().max(500).optional(),
}) satisfies z.ZodType<PolicyRule>;

export const policyRulesSchema = z.array(policyRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `duplicate rule id "${rule.id}"`,
      });
    }
    seen.add(rule.id);
  });
});

/** Validates a rule list; throws `invalid_config` naming the field (`policies.2.require.roles`). */
export function parsePolicyRules(input: unknown, field = 'policies'): PolicyRule[] {
  const parsed = policyRulesSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // An unknown key (`role:` for `roles:`) is reported on its object; name the key itself.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
  const name = [field, ...path.map(String)].join('.');
  throw new AuthkitError('invalid_config', `Invalid policy rule ${name}: ${issue.message}`, {
    field: name,
  });
}

function glob(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

interface CompiledRule {
  rule: PolicyRule;
  action: RegExp;
  resource: RegExp | null;
}

export interface CompiledPolicy {
  readonly rules: readonly PolicyRule[];
  evaluate(input: PolicyInput): PolicyDecision;
}

function matches(compiled: CompiledRule, input: PolicyInput): boolean {
  if (!compiled.action.test(input.action)) return false;
  if (compiled.resource === null) return true;
  const resource = input.resource;
  if (!resource) return false;
  // `invoice` matches the type; `invoice:*` any invoice, with or without an id.
  return (
    compiled.resource.test(resource.type) ||
    compiled.resource.test(`${resource.type}:${resource.id ?? ''}`)
  );
}

const tagged = (rule: string | null, reasons: DenyReason[]): PolicyReason[] =>
  reasons.map((reason) => ({ rule, ...reason }));

function decide(rules: readonly CompiledRule[], input: PolicyInput): PolicyDecision {
  const { subject, resource } = input;
  const deny = (reasons: PolicyReason[]): PolicyDecision => ({ decision: 'deny', reasons });
  if (!subject.userId) {
    return deny([{ rule: null, code: 'not_signed_in', detail: 'not signed in' }]);
  }
  // The tenant boundary is not a rule: no rule file can open one org's data to another.
  const owner = resource?.orgId;
  if (owner !== undefined && owner !== null && owner !== subject.orgId) {
    return deny([{ rule: null, code: 'wrong_org', detail: 'the resource belongs to another org' }]);
  }
  const matching = rules.filter((compiled) => matches(compiled, input));
  const denials = matching
    .filter(({ rule }) => rule.effect === 'deny' && checkRequirement(subject, rule.require).allow)
    .map(({ rule }): PolicyReason => ({
      rule: rule.id,
      code: 'denied_by_rule',
      detail: rule.description ?? `denied by rule ${rule.id}`,
    }));
  if (denials.length > 0) return deny(denials);

  const allows = matching.filter(({ rule }) => rule.effect !== 'deny');
  const unmet: PolicyReason[] = [];
  for (const { rule } of allows) {
    const result = checkRequirement(subject, rule.require);
    if (result.allow) return { decision: 'allow', reasons: [] };
    unmet.push(...tagged(rule.id, result.reasons));
  }
  if (unmet.length > 0) return deny(unmet);
  const on = resource ? ` on ${resource.type}` : '';
  return deny([{ rule: null, code: 'no_rule', detail: `no rule allows ${input.action}${on}` }]);
}

/** Validates the rules and compiles their globs once, for many evaluations. */
export function compilePolicy(rules: unknown): CompiledPolicy {
  const parsed = parsePolicyRules(rules);
  const compiled = parsed.map((rule): CompiledRule => ({
    rule,
    action: glob(rule.action),
    resource: rule.resource === undefined ? null : glob(rule.resource),
  }));
  return { rules: parsed, evaluate: (input) => decide(compiled, input) };
}

/**
 * Deny wins: a matching deny rule whose requirement is met refuses. Otherwise one matching allow
 * rule whose requirement is met allows; no matching allow rule at all is `no_rule` (default deny).
 * A signed-out subject, or a resource owned by another org, is refused before any rule.
 * A plain rule list is validated on every call; compile it once (`compilePolicy`) for hot paths.
 */
export function evaluatePolicy(
  rules: readonly PolicyRule[] | CompiledPolicy,
  input: PolicyInput,
): PolicyDecision {
  return ('evaluate' in rules ? rules : compilePolicy(rules)).evaluate(input);
}
