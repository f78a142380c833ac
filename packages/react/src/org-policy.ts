import {
  checkRequirement,
  subjectFromClaims,
  type PolicySubject,
  type Requirement,
  type RequirementResult,
  type SessionPayload,
} from '@catalyst/authkit';

/**
 * The client side of the policy check behind `<Gate require>`, `useMembership().can` and
 * `usePermission`: the shared `checkRequirement` from `@catalyst/authkit` (the one forward-auth,
 * the Next guards and the server use) against a subject built from the session. No React and no
 * query library, so `Gate` stays out of the data layer. The UI is never the guard.
 */

/** The session's active org: roles, permissions, groups, labels, plan and entitled features. */
export type ActiveOrg = NonNullable<SessionPayload['org']>;

type OneOrMore = string | readonly string[];

/**
 * What `<Gate require>` can ask for. The singular keys (`role`, `permission`, `label`, `scope`)
 * take one value or a list; the plural keys of the server's `Requirement` (a policy rule's
 * `require`) work too. Every key given must hold; `role`/`roles` and `plan` accept any of the
 * listed values, the others need all of them.
 */
export interface GateRequirement extends Requirement {
  /** Any of these org roles. */
  role?: OneOrMore;
  /** All of these, with wildcards: a held `members:*` or `*` covers `members:manage`. */
  permission?: OneOrMore;
  /** All of these labels: `key:value` exactly, `key:*` any value of the key. */
  label?: OneOrMore;
  /** All of these scopes; only a scoped (API key) token is held to them, never a session. */
  scope?: OneOrMore;
}

const list = (value: OneOrMore | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** The shared `Requirement` a `GateRequirement` means (singular and plural keys merged). */
export function toRequirement(requirement: GateRequirement): Requirement {
  const { role, permission, label, scope, ...rest } = requirement;
  const merged: Requirement = { ...rest };
  const roles = [...(rest.roles ?? []), ...list(role)];
  const permissions = [...(rest.permissions ?? []), ...list(permission)];
  const labels = [...(rest.labels ?? []), ...list(label)];
  const scopes = [...(rest.scopes ?? []), ...list(scope)];
  if (roles.length > 0) merged.roles = roles;
  if (permissions.length > 0) merged.permissions = permissions;
  if (labels.length > 0) merged.labels = labels;
  if (scopes.length > 0) merged.scopes = scopes;
  return merged;
}

/**
 * The policy subject the session describes: the active org's roles, permissions, groups, labels,
 * plan and features, as the access token's claims carry them. A session is not a scoped token.
 */
export function sessionSubject(payload: SessionPayload | null | undefined): PolicySubject {
  const org = payload?.org ?? null;
  return {
    ...subjectFromClaims({
      sub: payload?.user.id ?? null,
      org: org?.id ?? null,
      roles: org?.roles ?? [],
      permissions: org?.permissions ?? [],
      groups: org?.groups ?? [],
      labels: org?.labels ?? [],
      plan: org?.plan ?? null,
      ent: org?.features ?? [],
    }),
    orgSlug: org?.slug ?? null,
  };
}

/** Whether the session meets `requirement`, with the reasons when it does not. */
export function checkSession(
  payload: SessionPayload | null | undefined,
  requirement: GateRequirement,
): RequirementResult {
  return checkRequirement(sessionSubject(payload), toRequirement(requirement));
}

/** Whether the session's active org grants `permission` (wildcards count). */
export function sessionCan(
  payload: SessionPayload | null | undefined,
  permission: string,
): boolean {
  return !!payload?.org && checkSession(payload, { permissions: [permission] }).allow;
}

/** Whether a list of held permissions covers `wanted` (the shared `grants` rule, wildcards). */
export function permits(held: readonly string[], wanted: string): boolean {
  const subject = subjectFromClaims({ sub: 'subject', permissions: held });
  return checkRequirement(subject, { permissions: [wanted] }).allow;
}
