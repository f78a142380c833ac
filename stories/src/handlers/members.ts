import type { Member } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { members as fixtureMembers } from '../fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

type MemberList = ResponseBody<'/orgs/{orgId}/members', 'get', 200>;

const list = (members: Member[]) =>
  http.get(route('/orgs/{orgId}/members'), () =>
    HttpResponse.json({ members, nextCursor: null } satisfies MemberList),
  );

/**
 * A member list with state: role changes and removals land in what the next GET answers, and
 * the org's last owner can neither leave nor be demoted (`409 last_owner`), as on the server.
 */
function editable(initial: Member[]) {
  let members = [...initial];
  const owners = () => members.filter((m) => m.roles.includes('owner'));
  const lastOwner = () =>
    problem(409, 'last_owner', 'an org needs an owner: transfer ownership first');
  return [
    http.get(route('/orgs/{orgId}/members'), () =>
      HttpResponse.json({ members, nextCursor: null } satisfies MemberList),
    ),
    http.patch<{ userId: string }, RequestBody<'/orgs/{orgId}/members/{userId}', 'patch'>>(
      route('/orgs/{orgId}/members/{userId}'),
      async ({ params, request }) => {
        const patch = await request.json();
        const member = members.find((m) => m.userId === params.userId);
        if (!member) return problem(404, 'not_found', 'no such member');
        const roles = patch.roles ?? member.roles;
        if (member.roles.includes('owner') && !roles.includes('owner') && owners().length === 1)
          return lastOwner();
        const updated = { ...member, roles };
        members = members.map((m) => (m === member ? updated : m));
        return HttpResponse.json(
          updated satisfies ResponseBody<'/orgs/{orgId}/members/{userId}', 'patch', 200>,
        );
      },
    ),
    http.delete(route('/orgs/{orgId}/members/{userId}'), ({ params }) => {
      const member = members.find((m) => m.userId === params.userId);
      if (!member) return problem(404, 'not_found', 'no such member');
      if (member.roles.includes('owner') && owners().length === 1) return lastOwner();
      members = members.filter((m) => m !== member);
      return noContent();
    }),
  ];
}

/** GET /orgs/{orgId}/members, PATCH and DELETE /orgs/{orgId}/members/{userId}. */
export const memberHandlers = {
  /** Ada (owner), Grace (admin), Alan (member); changes stick. */
  editable: () => editable(fixtureMembers),
  /** Only Ada, the org's one owner: leaving or stepping down is refused. */
  soleOwner: () => editable(fixtureMembers.slice(0, 1)),
  populated: [list(fixtureMembers)],
  loading: [http.get(route('/orgs/{orgId}/members'), hang)],
  error: [http.get(route('/orgs/{orgId}/members'), unavailable)],
  forbidden: [http.get(route('/orgs/{orgId}/members'), () => notAllowed('members:read'))],
  /** Changes never answer: the row stays pending. */
  changesPending: [
    list(fixtureMembers),
    http.patch(route('/orgs/{orgId}/members/{userId}'), hang),
    http.delete(route('/orgs/{orgId}/members/{userId}'), hang),
  ],
};
