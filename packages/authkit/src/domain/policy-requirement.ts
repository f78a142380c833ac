/**
 * Requirements and the subject they are checked against (DESIGN §10). Pure and free of zod so
 * the browser entry (`<Gate>`) and the edge entry (the Next guards) stay small; rule files and
 * their validation live in `policy.ts`.
 */
import type { EffectiveIdentity } from './effective-identity.js';
import { grants } from './permissions.js';
import type { ActiveOrg } from './types.js';

/** What a route, rule or `<Gate>` asks of the caller. Every kind given must be met. */
export interface Requirement {
  /** All-of; a held `resource:*` covers `resource:<anything>`. Restricts scoped (key) tokens only. */
  scopes?: string[];
  /** All-of; `key:value` matches that exact label, `key:*` any value for the key. */
  labels?: string[];
  /** Any-of: one of these org roles. */
  roles?: string[];
  /** All-of, through `grants()`: a held `members:*` or `*` covers `members:manage`. */
  permissions?: string[];
  /** Any-of: the active org is on one of these plans. */
  plan?: string | string[];
  /** All-of: entitled feature names. */
  entitlement?: string | string[];
  /** `true`: the session finished a second factor (`amr` contains `mfa`). */
  mfa?: boolean;
  /** `true`: any active org; a string: the active org has that id (or slug, when known). */
  org?: string | true;
}

/** Who is asking: the effective identity, flattened so claims and server data look the same. */
export interface PolicySubject {
  userId: string | null;
  orgId: string | null;
  orgSlug?: string | null;
  roles: string[];
  permissions: string[];
  groups: string[];
  labels: string[];
  plan: string | null;
  features: string[];
  /** `null`: not a scoped (key) token, so scopes do not restrict it. */
  scopes: string[] | null;
  amr: string[];
}

export type DenyReasonCode =
  | 'not_signed_in'
  | 'no_active_org'
  | 'wrong_org'
  | 'missing_role'
  | 'missing_permission'
  | 'missing_label'
  | 'missing_scope'
  | 'wrong_plan'
  | 'missing_entitlement'
  | 'mfa_required';

export interface DenyReason {
  code: DenyReasonCode;
  /** For people (logs, 403 pages); match on `code`, never on this text. */
  detail: string;
  /** The entries not held (all-of kinds) or the accepted ones (any-of kinds). */
  missing?: string[];
}

export interface RequirementResult {
  allow: boolean;
  reasons: DenyReason[];
}

/** The claims `subjectFromClaims` reads; `AccessTokenClaims` fits, and so does a decoded JWT. */
export interface PolicyClaims {
  sub?: string | null;
  org?: string | null;
  groups?: readonly string[];
  labels?: readonly string[];
  roles?: readonly string[];
  permissions?: readonly string[];
  plan?: string | null;
  /** Entitlements: `{ features, limits }`; a bare list of feature names is read as `features`. */
  ent?:
    | { features?: readonly string[]; limits?: Readonly<Record<string, number>> }
    | readonly string[]
    | null;
  scopes?: readonly string[] | null;
  amr?: readonly string[];
  /** RFC 9068 §2.2: present on tokens exchanged for an API key. */
  client_id?: string;
}

// Claims may come from an unverified decode in a browser: keep strings only, never throw.
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

export function subjectFromIdentity(
  identity: EffectiveIdentity,
  extra: { scopes?: string[] | null; amr?: string[]; orgSlug?: string | null } = {},
): PolicySubject {
  return {
    userId: identity.userId,
    orgId: identity.orgId,
    orgSlug: extra.orgSlug ?? null,
    roles: [...identity.roles],
    permissions: [...identity.permissions],
    groups: [...identity.groups],
    labels: [...identity.labels],
    plan: identity.plan,
    features: [...identity.entitlements.features],
    scopes: extra.scopes ?? null,
    amr: [...(extra.amr ?? [])],
  };
}

/**
 * The subject an access token describes. A key token (`amr` has `key`, or `client_id` is set) is
 * restricted to its scopes, an empty list meaning none; a session token's `scopes: []` means "not
 * scoped" (null), but a session token that does carry scopes is held to them (fail closed).
 */
export function subjectFromClaims(claims: PolicyClaims): PolicySubject {
  const record = claims as Readonly<Record<string, unknown>>;
  const amr = strings(record.amr);
  const scopes = strings(record.scopes);
  const keyToken = amr.includes('key') || typeof record.client_id === 'string';
  const ent = record.ent;
  const features = Array.isArray(ent)
    ? strings(ent)
    : strings((ent as { features?: unknown } | null | undefined)?.features);
  return {
    userId: text(record.sub),
    orgId: text(record.org),
    orgSlug: null, // tokens carry the org id only
    roles: strings(record.roles),
    permissions: strings(record.permissions),
    groups: strings(record.groups),
    labels: strings(record.labels),
    plan: text(record.plan),
    features,
    scopes: keyToken || scopes.length > 0 ? scopes : null,
    amr,
  };
}

/** `key:value` exactly, or `key:*` for any value; anything else (`-key`, `key`) never matches. */
function hasLabel(held: readonly string[], wanted: string): boolean {
  const colon = wanted.indexOf(':');
  if (colon < 1 || wanted.startsWith('-')) return false;
  if (wanted.slice(colon + 1) !== '*') return held.includes(wanted);
  const prefix = wanted.slice(0, colon + 1);
  return held.some((label) => label.startsWith(prefix) && label.length > prefix.length);
}

/** Exact, or a held `resource:*` covering `resource:<anything>`. */
function hasScope(held: readonly string[], wanted: string): boolean {
  if (wanted === '') return false;
  return held.some(
    (scope) => scope === wanted || (scope.endsWith(':*') && wanted.startsWith(scope.slice(0, -1))),
  );
}

function allOf(
  wanted: readonly string[],
  held: (entry: string) => boolean,
  code: DenyReasonCode,
  noun: string,
): DenyReason | null {
  const missing = wanted.filter((entry) => !held(entry));
  return missing.length === 0
    ? null
    : { code, detail: `missing ${noun}: ${missing.join(' ')}`, missing };
}

function anyOf(
  wanted: readonly string[],
  held: (entry: string) => boolean,
  code: DenyReasonCode,
  noun: string,
): DenyReason | null {
  // An empty list asks nothing, as the guards' `roles: []` always did.
  if (wanted.length === 0 || wanted.some(held)) return null;
  return {
    code,
    detail: `requires one of the ${noun}: ${wanted.join(', ')}`,
    missing: [...wanted],
  };
}

function orgReason(subject: PolicySubject, org: string | true | undefined): DenyReason | null {
  if (org === undefined) return null;
  if (subject.orgId === null) {
    return { code: 'no_active_org', detail: 'requires an active org: select one first' };
  }
  if (org === true || org === subject.orgId || (!!subject.orgSlug && org === subject.orgSlug)) {
    return null;
  }
  return { code: 'wrong_org', detail: `requires the org ${org}`, missing: [org] };
}

/**
 * Checks every kind the requirement names and reports each failing kind, so a 403 page or an
 * audit entry can say everything that is missing at once. A signed-out subject only gets
 * `not_signed_in`: listing roles it lacks would point at the wrong fix.
 */
export function checkRequirement(
  subject: PolicySubject,
  requirement: Requirement = {},
): RequirementResult {
  if (!subject.userId) {
    return { allow: false, reasons: [{ code: 'not_signed_in', detail: 'not signed in' }] };
  }
  const { scopes } = subject;
  const candidates = [
    orgReason(subject, requirement.org),
    anyOf(requirement.roles ?? [], (r) => subject.roles.includes(r), 'missing_role', 'roles'),
    allOf(
      requirement.permissions ?? [],
      (p) => grants(subject.permissions, p),
      'missing_permission',
      'permission',
    ),
    allOf(requirement.labels ?? [], (l) => hasLabel(subject.labels, l), 'missing_label', 'label'),
    scopes === null
      ? null
      : allOf(requirement.scopes ?? [], (s) => hasScope(scopes, s), 'missing_scope', 'scope'),
    anyOf(list(requirement.plan), (p) => subject.plan === p, 'wrong_plan', 'plans'),
    allOf(
      list(requirement.entitlement),
      (f) => subject.features.includes(f),
      'missing_entitlement',
      'entitlement',
    ),
    requirement.mfa === true && !subject.amr.includes('mfa')
      ? { code: 'mfa_required' as const, detail: 'requires a second factor (MFA) in this session' }
      : null,
  ];
  const reasons = candidates.filter((reason): reason is DenyReason => reason !== null);
  return { allow: reasons.length === 0, reasons };
}

/** The subject a session payload describes: its user and active org (cookie sessions: no scopes). */
export function subjectFromSession(
  payload: {
    user: { id: string } | null;
    session?: { amr?: readonly string[] } | null;
    org?: ActiveOrg | null;
  } | null,
): PolicySubject {
  const org = payload?.org ?? null;
  return {
    userId: payload?.user?.id ?? null,
    orgId: org?.id ?? null,
    orgSlug: org?.slug ?? null,
    roles: org?.roles ?? [],
    permissions: org?.permissions ?? [],
    groups: org?.groups ?? [],
    labels: org?.labels ?? [],
    plan: org?.plan ?? null,
    features: org?.features ?? [],
    scopes: null,
    // Sessions say how they were authenticated, so `{ mfa: true }` works in Gate and has().
    amr: [...(payload?.session?.amr ?? [])],
  };
}
