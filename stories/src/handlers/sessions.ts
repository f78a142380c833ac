import { delay, http, HttpResponse } from 'msw';
import { currentSession, otherSessions } from '../fixtures';
import { problem, route, type ResponseBody, type Session } from './api';

const list = (sessions: Session[]) =>
  http.get(route('/sessions'), () =>
    HttpResponse.json({ sessions } satisfies ResponseBody<'/sessions', 'get', 200>),
  );

const revoke = http.delete(route('/sessions/{id}'), () =>
  HttpResponse.json({ revoked: true } satisfies ResponseBody<'/sessions/{id}', 'delete', 200>),
);

/** A list that really loses a session when it is revoked (fresh state for each call). */
function revocable(initial: Session[]) {
  let sessions = [...initial];
  return [
    http.get(route('/sessions'), () =>
      HttpResponse.json({ sessions } satisfies ResponseBody<'/sessions', 'get', 200>),
    ),
    http.delete(route('/sessions/{id}'), ({ params }) => {
      sessions = sessions.filter((s) => s.id !== params.id);
      return HttpResponse.json({ revoked: true } satisfies ResponseBody<
        '/sessions/{id}',
        'delete',
        200
      >);
    }),
  ];
}

/** GET /api/auth/sessions (and DELETE /sessions/:id) for each state of a session list. */
export const sessionHandlers = {
  /** Revoking removes the session from what the next GET answers. */
  revocable: () => revocable([currentSession, ...otherSessions]),
  /** Not signed in: the server answers 401. */
  forbidden: [
    http.get(route('/sessions'), () => problem(401, 'unauthenticated', 'sign in to continue')),
  ],
  populated: [list([currentSession, ...otherSessions]), revoke],
  /** Only the current session: nothing else to revoke. */
  single: [list([currentSession]), revoke],
  empty: [list([])],
  /** The request never answers: the component stays in its loading state. */
  loading: [
    http.get(route('/sessions'), async () => {
      await delay('infinite');
      return new HttpResponse(null, { status: 204 });
    }),
  ],
  error: [
    http.get(route('/sessions'), () =>
      problem(503, 'store_unavailable', 'the auth store is unavailable'),
    ),
  ],
};
