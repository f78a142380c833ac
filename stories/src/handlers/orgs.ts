import type { MyInvitation, MyOrg, OrgSuggestion } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import {
  acme,
  activeOrg,
  ada,
  currentSession,
  effectiveIdentity,
  globex,
  initech,
  myInvitations,
  orgSuggestions,
  sessionPayload,
} from '../fixtures';
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

type OrgList = ResponseBody<'/orgs', 'get', 200>;
type CreateBody = RequestBody<'/orgs', 'post'>;
type UpdateBody = RequestBody<'/orgs/{orgId}', 'patch'>;

const orgList = (orgs: MyOrg[]) =>
  http.get(route('/orgs'), () => HttpResponse.json({ orgs, nextCursor: null } satisfies OrgList));

const NOW = '2025-03-04T10:30:00.000Z';

/** A new org from a create body, owned by Ada. */
function created(body: CreateBody): MyOrg {
  return {
    ...acme,
    id: `org_${body.slug}`,
    slug: body.slug,
    name: body.name,
    profile: body.profile ?? {},
    labels: [],
    plan: null,
    createdAt: NOW,
    updatedAt: NOW,
    roles: ['owner'],
  };
}

/** GET /orgs (the caller's orgs), POST /orgs, GET and PATCH /orgs/{orgId}. */
export const orgHandlers = {
  mine: (orgs: MyOrg[] = [acme, globex]) => [orgList(orgs)],
  mineEmpty: [orgList([])],
  mineLoading: [http.get(route('/orgs'), hang)],
  mineError: [http.get(route('/orgs'), unavailable)],
  mineForbidden: [http.get(route('/orgs'), unauthenticated)],

  /** GET /orgs/{orgId}; PATCH saves into what the next GET answers (fresh state per call). */
  editable: (initial: MyOrg = acme) => {
    let org = initial;
    return [
      http.get(route('/orgs/{orgId}'), () =>
        HttpResponse.json(org satisfies ResponseBody<'/orgs/{orgId}', 'get', 200>),
      ),
      http.patch<never, UpdateBody>(route('/orgs/{orgId}'), async ({ request }) => {
        const patch = await request.json();
        org = { ...org, ...patch, profile: patch.profile ?? org.profile, updatedAt: NOW };
        return HttpResponse.json(org satisfies ResponseBody<'/orgs/{orgId}', 'patch', 200>);
      }),
    ];
  },
  getLoading: [http.get(route('/orgs/{orgId}'), hang)],
  getError: [http.get(route('/orgs/{orgId}'), unavailable)],
  getForbidden: [http.get(route('/orgs/{orgId}'), unauthenticated)],
  /** The save never answers: the form stays pending. */
  updatePending: [
    http.get(route('/orgs/{orgId}'), () =>
      HttpResponse.json(acme satisfies ResponseBody<'/orgs/{orgId}', 'get', 200>),
    ),
    http.patch(route('/orgs/{orgId}'), hang),
  ],
  /** The server refuses the website, as its schema does for a non-http(s) URL. */
  updateInvalid: [
    http.get(route('/orgs/{orgId}'), () =>
      HttpResponse.json(acme satisfies ResponseBody<'/orgs/{orgId}', 'get', 200>),
    ),
    http.patch(route('/orgs/{orgId}'), () =>
      problem(400, 'invalid_request', 'profile.website: must be an http(s) URL', {
        field: 'profile.website',
      }),
    ),
  ],

  create: [
    http.post<never, CreateBody>(route('/orgs'), async ({ request }) =>
      HttpResponse.json(
        created(await request.json()) satisfies ResponseBody<'/orgs', 'post', 201>,
        { status: 201 },
      ),
    ),
  ],
  createSlugTaken: [
    http.post<never, CreateBody>(route('/orgs'), async ({ request }) => {
      const { slug } = await request.json();
      return problem(409, 'slug_taken', `the slug "${slug}" is taken`, { field: 'slug' });
    }),
  ],
  createInvalid: [
    http.post(route('/orgs'), () =>
      problem(
        400,
        'invalid_request',
        'slug: must be 3–40 lower-case letters, digits or inner hyphens (e.g. acme-inc)',
        { field: 'slug' },
      ),
    ),
  ],
  createLimit: [
    http.post(route('/orgs'), () =>
      problem(403, 'org_limit_reached', 'you already own the most organizations allowed'),
    ),
  ],
  createPending: [http.post(route('/orgs'), hang)],
};

/** POST /session/active-org: the payload with the chosen org active (Ada's roles in it). */
function switchTo(orgs: () => MyOrg[]) {
  return http.post<never, RequestBody<'/session/active-org', 'post'>>(
    route('/session/active-org'),
    async ({ request }) => {
      const { orgId } = await request.json();
      const org = orgs().find((o) => o.id === orgId);
      if (orgId !== null && !org) return problem(404, 'not_found', 'no such org');
      return HttpResponse.json(
        sessionPayload(ada, currentSession, org ? activeOrg(org) : null) satisfies ResponseBody<
          '/session/active-org',
          'post',
          200
        >,
      );
    },
  );
}

export const activeOrgHandlers = {
  /** Switches among Acme, Globex and Initech. */
  switchable: [switchTo(() => [acme, globex, initech])],
  /** The switch never answers: the trigger stays pending. */
  pending: [http.post(route('/session/active-org'), hang)],
  failing: [
    http.post(route('/session/active-org'), () => problem(404, 'not_found', 'no such org')),
  ],
};

const invitationList = (invitations: MyInvitation[]) =>
  http.get(route('/me/invitations'), () =>
    HttpResponse.json({ invitations } satisfies ResponseBody<'/me/invitations', 'get', 200>),
  );
const suggestionList = (suggestions: OrgSuggestion[]) =>
  http.get(route('/me/org-suggestions'), () =>
    HttpResponse.json({ suggestions } satisfies ResponseBody<'/me/org-suggestions', 'get', 200>),
  );

/**
 * Everything `<OrgSwitcher>` talks to, with state: my orgs, my invitations (accepting one adds
 * its org; declining removes it), domain suggestions (asking to join marks one requested),
 * switching and creating. Fresh state per call.
 */
export function orgSwitcherWorld(
  options: {
    orgs?: MyOrg[];
    invitations?: MyInvitation[];
    suggestions?: OrgSuggestion[];
    /** `pending`: the switch never answers; `fail`: it answers 404. */
    switching?: 'ok' | 'pending' | 'fail';
  } = {},
) {
  let orgs = [...(options.orgs ?? [acme, globex])];
  let invitations = [...(options.invitations ?? [])];
  let suggestions = [...(options.suggestions ?? [])];
  return [
    http.get(route('/orgs'), () => HttpResponse.json({ orgs, nextCursor: null } satisfies OrgList)),
    http.post<never, CreateBody>(route('/orgs'), async ({ request }) => {
      const org = created(await request.json());
      orgs = [...orgs, org];
      return HttpResponse.json(org satisfies ResponseBody<'/orgs', 'post', 201>, { status: 201 });
    }),
    options.switching === 'pending'
      ? http.post(route('/session/active-org'), hang)
      : options.switching === 'fail'
        ? http.post(route('/session/active-org'), () => problem(404, 'not_found', 'no such org'))
        : switchTo(() => [...orgs, initech]),
    http.get(route('/me/invitations'), () =>
      HttpResponse.json({ invitations } satisfies ResponseBody<'/me/invitations', 'get', 200>),
    ),
    http.post(route('/me/invitations/{invitationId}/accept'), ({ params }) => {
      const invitation = invitations.find((i) => i.id === params.invitationId);
      if (!invitation) return problem(404, 'not_found', 'no such invitation');
      invitations = invitations.filter((i) => i !== invitation);
      const org: MyOrg = { ...initech, ...invitation.org, roles: invitation.roles };
      orgs = [...orgs, org];
      return HttpResponse.json(
        org satisfies ResponseBody<'/me/invitations/{invitationId}/accept', 'post', 200>,
      );
    }),
    http.delete(route('/me/invitations/{invitationId}'), ({ params }) => {
      invitations = invitations.filter((i) => i.id !== params.invitationId);
      return noContent();
    }),
    http.get(route('/me/org-suggestions'), () =>
      HttpResponse.json({ suggestions } satisfies ResponseBody<'/me/org-suggestions', 'get', 200>),
    ),
    http.post<never, RequestBody<'/me/membership-requests', 'post'>>(
      route('/me/membership-requests'),
      async ({ request }) => {
        const { orgId } = await request.json();
        suggestions = suggestions.map((s) => (s.org.id === orgId ? { ...s, requested: true } : s));
        return HttpResponse.json(
          {
            id: 'mrq_1',
            orgId,
            userId: ada.id,
            email: ada.email,
            name: ada.name,
            status: 'pending',
            decidedBy: null,
            decidedAt: null,
            createdAt: NOW,
          } satisfies ResponseBody<'/me/membership-requests', 'post', 201>,
          { status: 201 },
        );
      },
    ),
  ];
}

/** GET /me/invitations and /me/org-suggestions on their own. */
export const meHandlers = {
  invitations: [invitationList(myInvitations)],
  noInvitations: [invitationList([])],
  suggestions: [suggestionList(orgSuggestions)],
  noSuggestions: [suggestionList([])],
  /** GET /me/effective. */
  effective: [
    http.get(route('/me/effective'), () =>
      HttpResponse.json(effectiveIdentity satisfies ResponseBody<'/me/effective', 'get', 200>),
    ),
  ],
};
