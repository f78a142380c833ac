import { http, HttpResponse } from 'msw';
import { otherSessions } from '../fixtures';
import { hang, problem, route, type RequestBody, type ResponseBody } from './api';

/**
 * `POST /change-password` for each state of `ChangePassword`: the server checks the current
 * password (`invalid_credentials` on `currentPassword`) and the new one's strength
 * (`weak_password` on `newPassword`), then signs out every other session.
 */

type ChangeBody = RequestBody<'/change-password', 'post'>;
type Changed = ResponseBody<'/change-password', 'post', 200>;

/** Ada's current password in the stories. */
export const currentPassword = 'correct horse battery staple';

const CHANGE = route('/change-password');

export const changePasswordHandlers = {
  /** Checks both passwords; a change signs out Ada's other sessions (`otherSessions`). */
  accepting: [
    http.post<never, ChangeBody>(CHANGE, async ({ request }) => {
      const body = await request.json();
      if (body.currentPassword !== currentPassword) {
        return problem(401, 'invalid_credentials', 'current password is incorrect', {
          field: 'currentPassword',
        });
      }
      if (body.newPassword.length < 12) {
        return problem(400, 'weak_password', 'this password is too easy to guess', {
          field: 'newPassword',
        });
      }
      return HttpResponse.json({ revokedSessions: otherSessions.length } satisfies Changed);
    }),
  ],
  /** The request never answers: the form stays `pending`. */
  pending: [http.post(CHANGE, hang)],
  /** Too many attempts for this user. */
  rateLimited: [
    http.post(CHANGE, () =>
      problem(429, 'rate_limited', 'too many password change attempts; try again later'),
    ),
  ],
};
