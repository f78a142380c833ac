import { AuthkitError } from '../domain/errors.js';
import { grants } from '../domain/permissions.js';
import { permissionsOf } from '../domain/roles.js';
import type { Clock } from '../ports/clock.js';
import type {
  MembershipRecord,
  OrgRecord,
  OrgScopedRepository,
  StorePort,
} from '../ports/store.js';
import type { RequestContext } from './request-context.js';

export interface OrgAccess {
  org: OrgRecord;
  membership: MembershipRecord;
  permissions: string[];
}

const NO_CUSTOM_ROLES: ReadonlyMap<string, readonly string[]> = new Map();

/**
 * The caller's membership in a live org. A non-member gets exactly what an unknown org gets
 * (404), so org ids cannot be probed.
 */
export async function orgAccess(orgs: OrgScopedRepository, userId: string): Promise<OrgAccess> {
  const [org, membership] = await Promise.all([orgs.get(), orgs.membership(userId)]);
  if (!org || !membership) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
  return { org, membership, permissions: permissionsOf(membership.roles, NO_CUSTOM_ROLES) };
}

export function requirePermission(permissions: readonly string[], wanted: string): void {
  if (!grants(permissions, wanted)) {
    throw new AuthkitError('forbidden', `requires the permission ${wanted}`);
  }
}

/** The audit event every org mutation writes: actor, action, target and the org it belongs to. */
export function orgAudit(
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
  return tx.audit.append(
    {
      action: event.action,
      actorType: 'user',
      actorId: event.actorId,
      targetType: event.target[0],
      targetId: event.target[1],
      orgId: event.orgId,
      ip: event.context.ip,
      userAgent: event.context.userAgent,
      data: event.data,
    },
    clock.now(),
  );
}
