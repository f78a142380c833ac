import { delay, http, HttpResponse } from 'msw';
import { ada, sessionPayload } from '../fixtures';
import { problem, route, type RequestBody, type ResponseBody } from './api';

type SignInBody = RequestBody<'/sign-in', 'post'>;
type SignUpBody = RequestBody<'/sign-up', 'post'>;

/** POST /api/auth/sign-in. */
export const signInHandlers = {
  success: [
    http.post<never, SignInBody>(route('/sign-in'), async ({ request }) => {
      const { email } = await request.json();
      return HttpResponse.json(
        sessionPayload({ ...ada, email }) satisfies ResponseBody<'/sign-in', 'post', 200>,
      );
    }),
  ],
  wrongPassword: [
    http.post(route('/sign-in'), () =>
      problem(401, 'invalid_credentials', 'email or password is incorrect'),
    ),
  ],
  /** Never answers: the form stays pending. */
  pending: [
    http.post(route('/sign-in'), async () => {
      await delay('infinite');
      return problem(503, 'store_unavailable', 'unreachable');
    }),
  ],
  rateLimited: [
    http.post(route('/sign-in'), () =>
      problem(429, 'rate_limited', 'too many attempts, try again in a minute'),
    ),
  ],
};

/** POST /api/auth/sign-up. */
export const signUpHandlers = {
  success: [
    http.post<never, SignUpBody>(route('/sign-up'), async ({ request }) => {
      const { email, name } = await request.json();
      return HttpResponse.json(
        sessionPayload({ ...ada, email, name: name ?? null }) satisfies ResponseBody<
          '/sign-up',
          'post',
          201
        >,
        { status: 201 },
      );
    }),
  ],
  weakPassword: [
    http.post(route('/sign-up'), () =>
      problem(400, 'weak_password', 'this password is too easy to guess', { field: 'password' }),
    ),
  ],
};
