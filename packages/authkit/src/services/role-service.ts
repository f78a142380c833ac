import { AuthkitError } from '../domain/errors.js';
import { validatePermissions } from '../domain/permissions.js';
import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  canGrantRole,
  validateCustomRoleName,
} from '../domain/roles.js';
import type { Role } from '../domain/tenancy.js';
import type { OrgRoleRecord } from '../ports/tenancy-store.js';
import type { OrgAccess } from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import { isUniqueViolation } from './unique-violation.js';

const MAX_CUSTOM_ROLES = 50;

const BUILT_IN: Role[] = BUILT_IN_ROLES.map((name) => ({
  name,
  description: null,
  permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
  builtIn: true,
}));

const toRole = (r: OrgRoleRecord): Role => ({
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  builtIn: false,
});

/** A custom role may carry only permissions its creator holds (DESIGN §10: no escalation). */
function requireGrantable(access: OrgAccess, permissions: readonly string[]): string[] {
  const list = validatePermissions(permissions, 'permissions');
  const check = canGrantRole(access.permissions, list);
  if (!check.ok) {
    const index = list.indexOf(check.missing[0]!);
    throw new AuthkitError(
      'forbidden',
      `you cannot grant permissions you do not hold: ${check.missing.join(', ')}`,
      { field: `permissions.${index}` },
    );
  }
  return [...new Set(list)].sort();
}

/** Built-in roles (read-only) and an org's custom roles, managed by holders of roles:manage. */
export class RoleService {
  constructor(private readonly orgs: OrgMutations) {}

  list(actorId: string, orgId: string): Promise<{ roles: Role[]; nextCursor: null }> {
    return this.orgs.read(orgId, actorId, 'org:read', async ({ scoped }) => ({
      roles: [...BUILT_IN, ...(await scoped.roles.list()).map(toRole)],
      nextCursor: null,
    }));
  }

  create(
    actorId: string,
    orgId: string,
    input: { name: string; description?: string | undefined; permissions: string[] },
    context: RequestContext,
  ): Promise<Role> {
    return this.orgs.write(orgId, actorId, 'roles:manage', context, async (work) => {
      const name = validateCustomRoleName(input.name);
      const permissions = requireGrantable(work.access, input.permissions);
      if (work.access.customRoles.size >= MAX_CUSTOM_ROLES) {
        throw new AuthkitError('invalid_request', `an org has at most ${MAX_CUSTOM_ROLES} roles`);
      }
      if (work.access.customRoles.has(name)) throw roleExists(name);
      let role: OrgRoleRecord;
      try {
        role = await work.scoped.roles.create({
          name,
          description: input.description ?? null,
          permissions,
        });
      } catch (error) {
        throw isUniqueViolation(error) ? roleExists(name) : error;
      }
      await work.audit('role.created', ['role', name], { permissions });
      return toRole(role);
    });
  }

  update(
    actorId: string,
    orgId: string,
    name: string,
    patch: { description?: string | null | undefined; permissions?: string[] | undefined },
    context: RequestContext,
  ): Promise<Role> {
    return this.orgs.write(orgId, actorId, 'roles:manage', context, async (work) => {
      const current = await work.scoped.roles.get(name);
      if (!current) throw noRole(name);
      // Editing a role changes what its holders get: the editor must hold the old and new sets.
      requireGrantable(work.access, current.permissions);
      const permissions = patch.permissions
        ? requireGrantable(work.access, patch.permissions)
        : undefined;
      const changes = {
        ...(permissions ? { permissions } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      };
      const role = await work.scoped.roles.update(name, changes, this.orgs.clock.now());
      await work.audit('role.updated', ['role', name], { fields: Object.keys(changes).sort() });
      return toRole(role!);
    });
  }

  remove(actorId: string, orgId: string, name: string, context: RequestContext): Promise<void> {
    return this.orgs.write(orgId, actorId, 'roles:manage', context, async (work) => {
      const current = await work.scoped.roles.get(name);
      if (!current) throw noRole(name);
      requireGrantable(work.access, current.permissions);
      const assigned = await work.scoped.roles.countAssigned(name);
      if (assigned > 0) {
        throw new AuthkitError(
          'role_in_use',
          `the role is held by ${assigned} members or groups: reassign them first`,
          { field: 'name' },
        );
      }
      await work.scoped.roles.delete(name);
      await work.audit('role.deleted', ['role', name]);
    });
  }
}

const roleExists = (name: string) =>
  new AuthkitError('role_exists', `a role named "${name}" exists`, { field: 'name' });
const noRole = (name: string) =>
  new AuthkitError('not_found', `no custom role "${name}"`, { field: 'name' });
