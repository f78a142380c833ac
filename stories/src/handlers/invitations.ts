import { http, HttpResponse } from 'msw';
import { invitation, inviteLink } from '../fixtures';
import { hang, problem, route, type RequestBody, type ResponseBody } from './api';

type CreateInvitation = RequestBody<'/orgs/{orgId}/invitations', 'post'>;
type CreateLink = RequestBody<'/orgs/{orgId}/invite-links', 'post'>;

/** POST /orgs/{orgId}/invitations and /orgs/{orgId}/invite-links. */
export const invitationHandlers = {
  /** Invitations and links are created as asked. */
  success: [
    http.post<never, CreateInvitation>(route('/orgs/{orgId}/invitations'), async ({ request }) => {
      const body = await request.json();
      return HttpResponse.json(
        {
          ...invitation,
          email: body.email,
          roles: body.roles ?? ['member'],
        } satisfies ResponseBody<'/orgs/{orgId}/invitations', 'post', 201>,
        { status: 201 },
      );
    }),
    http.post<never, CreateLink>(route('/orgs/{orgId}/invite-links'), async ({ request }) => {
      const body = await request.json();
      return HttpResponse.json(
        {
          ...inviteLink,
          roles: body.roles ?? ['member'],
          maxUses: body.maxUses ?? null,
          expiresAt: body.expiresAt ?? null,
        } satisfies ResponseBody<'/orgs/{orgId}/invite-links', 'post', 201>,
        { status: 201 },
      );
    }),
  ],
  /** Sending never answers: the form stays pending. */
  pending: [
    http.post(route('/orgs/{orgId}/invitations'), hang),
    http.post(route('/orgs/{orgId}/invite-links'), hang),
  ],
  invalidEmail: [
    http.post(route('/orgs/{orgId}/invitations'), () =>
      problem(400, 'invalid_request', 'email: must be a valid email address', { field: 'email' }),
    ),
  ],
  alreadyInvited: [
    http.post(route('/orgs/{orgId}/invitations'), () =>
      problem(409, 'already_invited', 'this address already has a pending invitation', {
        field: 'email',
      }),
    ),
  ],
};
