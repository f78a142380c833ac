import type { Group, GroupMember } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { design, engineering, groupMembers, members } from '../fixtures';
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

type GroupList = ResponseBody<'/orgs/{orgId}/groups', 'get', 200>;
type GroupMemberList = ResponseBody<'/orgs/{orgId}/groups/{groupId}/members', 'get', 200>;

const NOW = '2025-03-04T10:30:00.000Z';

const list = (groups: Group[]) =>
  http.get(route('/orgs/{orgId}/groups'), () =>
    HttpResponse.json({ groups, nextCursor: null } satisfies GroupList),
  );

/**
 * Groups with state: create (a taken name is `409 group_name_taken` on `name`), rename, delete,
 * and group members (add and remove). Fresh state per call.
 */
function editable(initial: Group[], initialMembers: GroupMember[]) {
  let groups = [...initial];
  let inGroups = [...initialMembers];
  const taken = (name: string) =>
    problem(409, 'group_name_taken', `a group named "${name}" exists`, { field: 'name' });
  return [
    http.get(route('/orgs/{orgId}/groups'), () =>
      HttpResponse.json({ groups, nextCursor: null } satisfies GroupList),
    ),
    http.post<never, RequestBody<'/orgs/{orgId}/groups', 'post'>>(
      route('/orgs/{orgId}/groups'),
      async ({ request }) => {
        const { name } = await request.json();
        if (groups.some((g) => g.name === name)) return taken(name);
        const group: Group = {
          ...design,
          id: `grp_${name.toLowerCase().replace(/\W+/g, '-')}`,
          name,
          createdAt: NOW,
          updatedAt: NOW,
        };
        groups = [...groups, group];
        return HttpResponse.json(
          group satisfies ResponseBody<'/orgs/{orgId}/groups', 'post', 201>,
          { status: 201 },
        );
      },
    ),
    http.patch<{ groupId: string }, RequestBody<'/orgs/{orgId}/groups/{groupId}', 'patch'>>(
      route('/orgs/{orgId}/groups/{groupId}'),
      async ({ params, request }) => {
        const patch = await request.json();
        const group = groups.find((g) => g.id === params.groupId);
        if (!group) return problem(404, 'not_found', 'no such group');
        if (patch.name && groups.some((g) => g !== group && g.name === patch.name))
          return taken(patch.name);
        const updated = { ...group, name: patch.name ?? group.name, updatedAt: NOW };
        groups = groups.map((g) => (g === group ? updated : g));
        return HttpResponse.json(
          updated satisfies ResponseBody<'/orgs/{orgId}/groups/{groupId}', 'patch', 200>,
        );
      },
    ),
    http.delete(route('/orgs/{orgId}/groups/{groupId}'), ({ params }) => {
      groups = groups.filter((g) => g.id !== params.groupId);
      return noContent();
    }),
    http.get(route('/orgs/{orgId}/groups/{groupId}/members'), ({ params }) =>
      HttpResponse.json({
        members: inGroups.filter((m) => m.groupId === params.groupId),
        nextCursor: null,
      } satisfies GroupMemberList),
    ),
    http.put(route('/orgs/{orgId}/groups/{groupId}/members/{userId}'), ({ params }) => {
      const member = members.find((m) => m.userId === params.userId);
      if (!member) return problem(404, 'not_found', 'no such member');
      const added: GroupMember = {
        groupId: String(params.groupId),
        userId: member.userId,
        email: member.email,
        name: member.name,
        role: null,
        createdAt: NOW,
      };
      inGroups = [...inGroups, added];
      return HttpResponse.json(
        added satisfies ResponseBody<'/orgs/{orgId}/groups/{groupId}/members/{userId}', 'put', 200>,
      );
    }),
    http.delete(route('/orgs/{orgId}/groups/{groupId}/members/{userId}'), ({ params }) => {
      inGroups = inGroups.filter(
        (m) => !(m.groupId === params.groupId && m.userId === params.userId),
      );
      return noContent();
    }),
  ];
}

/** /orgs/{orgId}/groups and its members, for each state of a group manager. */
export const groupHandlers = {
  /** Engineering (Ada, Grace) and Design; every change sticks. */
  editable: () => editable([engineering, design], groupMembers),
  /** No groups yet; creating one works. */
  empty: () => editable([], []),
  populated: [list([engineering, design])],
  loading: [http.get(route('/orgs/{orgId}/groups'), hang)],
  error: [http.get(route('/orgs/{orgId}/groups'), unavailable)],
  forbidden: [http.get(route('/orgs/{orgId}/groups'), () => notAllowed('org:read'))],
  /** Creating never answers: the form stays pending. */
  createPending: [list([engineering, design]), http.post(route('/orgs/{orgId}/groups'), hang)],
  /** Group members of Engineering, read-only (for callers without groups:manage). */
  members: [
    http.get(route('/orgs/{orgId}/groups/{groupId}/members'), ({ params }) =>
      HttpResponse.json({
        members: groupMembers.filter((m) => m.groupId === params.groupId),
        nextCursor: null,
      } satisfies GroupMemberList),
    ),
  ],
};
