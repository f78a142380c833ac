import { AuthkitError } from '../domain/errors.js';
import { grants } from '../domain/permissions.js';
import { canGrantRole, isBuiltInRole, permissionsOf } from '../domain/roles.js';
import type { Clock } from '../ports/clock.js';
import type {
  MembershipRecord,
  OrgRecord,
  OrgScopedRepository,
  StorePort,
} from '../ports/store.js';
import { recordEvent } from './event-recorder.js';
import type { RequestContext } from './request-context.js';

export interface OrgAccess {
  org: OrgRecord;
  membership: MembershipRecord;
  permissions: string[];
  customRoles: ReadonlyMap<string, readonly string[]>;
}

/**
 * The caller's membership in a live org, with the permissions of every role they hold (their
 * own, custom ones, and those held through groups). A non-member gets exactly what an unknown
 * org gets (404), so org ids cannot be probed.
 */
export async function orgAccess(orgs: OrgScopedRepository, userId: string): Promise<OrgAccess> {
  const [org, membership] = await Promise.all([orgs.get(), orgs.membership(userId)]);
  if (!org) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
  if (!membership) return platformAccess(orgs, org, userId);
  const [custom, groups] = await Promise.all([orgs.roles.list(), orgs.groups.groupsOf(userId)]);
  const roles = [
    ...membership.roles,
    ...groups.flatMap(({ group, role }) => (role ? [...group.roles, role] : group.roles)),
  ];
  const customRoles = new Map(custom.map((r) => [r.name, r.permissions] as const));
  return { org, membership, permissions: permissionsOf(roles, customRoles), customRoles };
}

/**
 * DESIGN §10: platform roles guard every org at platform scope. `admin` acts as an owner would
 * (`*`); `support` may read what members read plus the audit log. Anyone else: 404, as ever.
 */
async function platformAccess(
  orgs: OrgScopedRepository,
  org: OrgRecord,
  userId: string,
): Promise<OrgAccess> {
  const roles = await orgs.platformRolesOf(userId);
  const permissions = roles.includes('admin')
    ? ['*']
    : roles.includes('support')
      ? ['org:read', 'members:read', 'audit:read']
      : null;
  if (!permissions) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
  const at = org.createdAt;
  return {
    org,
    // Not a member: an empty membership, so nothing treats the admin as holding an org role.
    membership: { orgId: org.id, userId, roles: [], labelsDelta: [], createdAt: at, updatedAt: at },
    permissions,
    customRoles: new Map((await orgs.roles.list()).map((r) => [r.name, r.permissions] as const)),
  };
}

/**
 * Assigning roles can never hand out more than the assigner holds: every permission the roles
 * carry must be the actor's own (the owner role carries `*`, so only owners make owners).
 */
export function requireAssignable(access: OrgAccess, roles: readonly string[], field = 'roles') {
  const check = canGrantRole(access.permissions, permissionsOf(roles, access.customRoles));
  if (!check.ok) {
    throw new AuthkitError(
      'forbidden',
      `you cannot assign a role carrying permissions you do not hold: ${check.missing.join(', ')}`,
      { field },
    );
  }
}

/**
 * Taking something away is held to the same rule as granting it: you may change or remove a
 * member only if you could have granted everything they hold (their own, custom and group
 * roles), so an admin cannot demote or remove an owner, however the owner got the role.
 */
export async function requireOutranks(
  scoped: OrgScopedRepository,
  actor: OrgAccess,
  memberId: string,
): Promise<void> {
  const target = await orgAccess(scoped, memberId);
  const check = canGrantRole(actor.permissions, target.permissions);
  if (!check.ok) {
    throw new AuthkitError(
      'forbidden',
      `that member holds permissions you do not: ${check.missing.join(', ')}`,
      { field: 'userId' },
    );
  }
}

/** The roles a set of groups hands to its members (each group's roles plus per-group role). */
export function groupGrants(groups: ReadonlyArray<{ roles: readonly string[] }>): string[] {
  return [...new Set(groups.flatMap((g) => g.roles))];
}

/** Unknown role names are refused by name and index, before anything is written. */
export function requireKnownRoles(
  access: OrgAccess,
  roles: readonly string[],
  field = 'roles',
): string[] {
  roles.forEach((role, i) => {
    if (!isBuiltInRole(role) && !access.customRoles.has(role)) {
      throw new AuthkitError('unknown_role', `unknown role "${role}"`, { field: `${field}.${i}` });
    }
  });
  return [...new Set(roles)].sort();
}

export function requirePermission(permissions: readonly string[], wanted: string): void {
  if (!grants(permissions, wanted)) {
    throw new AuthkitError('forbidden', `requires the permission ${wanted}`);
  }
}

/**
 * The audit event every org mutation writes (actor, action, target, org, changed fields) and, for
 * `org.*` / `membership.*` changes, the webhook event — in the caller's transaction.
 */
export async function orgAudit(
  tx: StorePort,
  clock: Clock,
  event: {
    action: string;
    actorId: string;
    orgId: string;
    target: [type: string, id: string];
    context: RequestContext;
    data: Record<string, unknown>;
  },
) {
  await recordEvent(tx, clock, {
    action: event.action,
    actorType: 'user',
    actorId: event.actorId,
    targetType: event.target[0],
    targetId: event.target[1],
    orgId: event.orgId,
    context: event.context,
    data: event.data,
    webhookData: {
      orgId: event.orgId,
      actorId: event.actorId,
      [event.target[0] === 'membership' ? 'userId' : 'targetId']: event.target[1],
      ...event.data,
    },
  });
}
