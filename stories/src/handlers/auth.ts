import { delay, http, HttpResponse } from 'msw';
import { ada, currentSession, sessionPayload } from '../fixtures';
import { route, type ResponseBody, type Session, type User } from './api';

type SessionBody = ResponseBody<'/session', 'get', 200>;
type SignOutBody = ResponseBody<'/sign-out', 'post', 200>;

/** GET /api/auth/session (the provider asks on mount) and POST /api/auth/sign-out. */
export const authHandlers = {
  signedIn: (user: User = ada, session: Session = currentSession) => [
    http.get(route('/session'), () =>
      HttpResponse.json(sessionPayload(user, session) satisfies SessionBody),
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
