import { delay, http, HttpResponse } from 'msw';
import { ada, currentSession, sessionPayload } from '../fixtures';
import { route, type ResponseBody, type Schemas, type Session, type User } from './api';

type ActiveOrg = Schemas['ActiveOrg'];

type SessionBody = ResponseBody<'/session', 'get', 200>;
type SignOutBody = ResponseBody<'/sign-out', 'post', 200>;

/** GET /api/auth/session (the provider asks on mount) and POST /api/auth/sign-out. */
export const authHandlers = {
  /** Signed in; `org` is the session's active org (default none). */
  signedIn: (user: User = ada, session: Session = currentSession, org: ActiveOrg | null = null) => [
    http.get(route('/session'), () =>
      HttpResponse.json(sessionPayload(user, session, org) satisfies SessionBody),
    ),
  ],
  /** The session request never answers: gates stay in their loading state. */
  sessionPending: [
    http.get(route('/session'), async () => {
      await delay('infinite');
      return HttpResponse.json({ user: null, session: null } satisfies SessionBody);
    }),
  ],
  signedOut: [
    http.get(route('/session'), () =>
      HttpResponse.json({ user: null, session: null } satisfies SessionBody),
    ),
  ],
  signOut: [
    http.post(route('/sign-out'), () =>
      HttpResponse.json({ user: null, session: null } satisfies SignOutBody),
    ),
  ],
  /** Sign-out that never answers: the button stays pending (and never navigates the preview). */
  signOutPending: [
    http.post(route('/sign-out'), async () => {
      await delay('infinite');
      return HttpResponse.json({ user: null, session: null } satisfies SignOutBody);
    }),
  ],
};
