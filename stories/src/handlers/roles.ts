import type { Role } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { billingRole, builtInRoles } from '../fixtures';
import {
  hang,
  noContent,
  problem,
  route,
  unauthenticated,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

type RoleList = ResponseBody<'/orgs/{orgId}/roles', 'get', 200>;

const list = (roles: Role[]) =>
  http.get(route('/orgs/{orgId}/roles'), () =>
    HttpResponse.json({ roles, nextCursor: null } satisfies RoleList),
  );

/** Custom roles with state: create (`409 role_exists` on `name`), update, delete. */
function editable(custom: Role[]) {
  let roles = [...builtInRoles, ...custom];
  return [
    http.get(route('/orgs/{orgId}/roles'), () =>
      HttpResponse.json({ roles, nextCursor: null } satisfies RoleList),
    ),
    http.post<never, RequestBody<'/orgs/{orgId}/roles', 'post'>>(
      route('/orgs/{orgId}/roles'),
      async ({ request }) => {
        const body = await request.json();
        if (roles.some((r) => r.name === body.name))
          return problem(409, 'role_exists', `a role named "${body.name}" exists`, {
            field: 'name',
          });
        const role: Role = {
          name: body.name,
          description: body.description ?? null,
          permissions: [...body.permissions].sort(),
          builtIn: false,
        };
        roles = [...roles, role];
        return HttpResponse.json(role satisfies ResponseBody<'/orgs/{orgId}/roles', 'post', 201>, {
          status: 201,
        });
      },
    ),
    http.patch<{ name: string }, RequestBody<'/orgs/{orgId}/roles/{name}', 'patch'>>(
      route('/orgs/{orgId}/roles/{name}'),
      async ({ params, request }) => {
        const patch = await request.json();
        const role = roles.find((r) => r.name === params.name && !r.builtIn);
        if (!role) return problem(404, 'not_found', `no custom role "${params.name}"`);
        const updated: Role = {
          ...role,
          ...(patch.permissions ? { permissions: [...patch.permissions].sort() } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
        };
        roles = roles.map((r) => (r === role ? updated : r));
        return HttpResponse.json(
          updated satisfies ResponseBody<'/orgs/{orgId}/roles/{name}', 'patch', 200>,
        );
      },
    ),
    http.delete(route('/orgs/{orgId}/roles/{name}'), ({ params }) => {
      roles = roles.filter((r) => r.name !== params.name);
      return noContent();
    }),
  ];
}

/** /orgs/{orgId}/roles for each state of a role manager. */
export const roleHandlers = {
  /** Built-in roles and the custom `billing`; changes stick. */
  editable: () => editable([billingRole]),
  builtInOnly: [list(builtInRoles)],
  populated: [list([...builtInRoles, billingRole])],
  loading: [http.get(route('/orgs/{orgId}/roles'), hang)],
  error: [http.get(route('/orgs/{orgId}/roles'), unavailable)],
  forbidden: [http.get(route('/orgs/{orgId}/roles'), unauthenticated)],
  /** Creating never answers: the form stays pending. */
  createPending: [
    list([...builtInRoles, billingRole]),
    http.post(route('/orgs/{orgId}/roles'), hang),
  ],
  /** The server refuses a permission the caller does not hold, whatever the UI allowed. */
  createRefused: [
    list([...builtInRoles, billingRole]),
    http.post(route('/orgs/{orgId}/roles'), () =>
      problem(403, 'forbidden', 'you cannot grant permissions you do not hold: audit:read', {
        field: 'permissions.0',
      }),
    ),
  ],
  /** Deleting `billing` is refused: members still hold it. */
  deleteInUse: [
    list([...builtInRoles, billingRole]),
    http.delete(route('/orgs/{orgId}/roles/{name}'), () =>
      problem(409, 'role_in_use', 'the role is held by 2 members or groups: reassign them first', {
        field: 'name',
      }),
    ),
  ],
};
