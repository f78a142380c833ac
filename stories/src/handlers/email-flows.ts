import { http, HttpResponse } from 'msw';
import {
  EXPIRED_TOKEN,
  GOOD_CODE,
  GOOD_TOKEN,
  mfaSession,
  OTHER_BROWSER_TOKEN,
} from '../account-fixtures';
import { ada } from '../fixtures';
import { hang, problem, route, unavailable, type RequestBody, type ResponseBody } from './api';

/**
 * The emailed-link routes (issue 11) for each state of `MagicLink`, `MagicLinkCallback`,
 * `ForgotPassword`, `ResetPassword`, `VerifyEmail` and `EmailVerificationBanner`. The stories'
 * server takes `GOOD_CODE` and `GOOD_TOKEN`; `EXPIRED_TOKEN` has expired and
 * `OTHER_BROWSER_TOKEN` was asked for in another browser.
 */

type SignInAnswer = ResponseBody<'/sign-in', 'post', 200>;
type MagicVerifyBody = RequestBody<'/magic-link/verify', 'post'>;
type ResetBody = RequestBody<'/password/reset', 'post'>;
type Sent = ResponseBody<'/password/forgot', 'post', 202>;

const wrongCode = () => problem(401, 'invalid_code', 'the code is not valid', { field: 'code' });
const rateLimited = () => problem(429, 'rate_limited', 'too many attempts; try again later');
const sent = () => HttpResponse.json({ sent: true } satisfies Sent, { status: 202 });
const invalidToken = () =>
  problem(400, 'invalid_token', 'this link is not valid or was already used', { field: 'token' });
const expired = () => problem(410, 'token_expired', 'the link expired');

/** `POST /magic-link` and `/magic-link/verify` (token or email and code). */
export const magicLinkHandlers = {
  accepting: (answer: SignInAnswer = mfaSession) => [
    http.post(route('/magic-link'), sent),
    http.post<never, MagicVerifyBody>(route('/magic-link/verify'), async ({ request }) => {
      const body = await request.json();
      if ('code' in body) return body.code === GOOD_CODE ? HttpResponse.json(answer) : wrongCode();
      if (body.token === OTHER_BROWSER_TOKEN)
        return problem(403, 'link_browser_mismatch', 'open the link in the browser that asked');
      if (body.token === EXPIRED_TOKEN) return expired();
      if (body.token !== GOOD_TOKEN) return invalidToken();
      return HttpResponse.json(answer);
    }),
  ],
  pending: [http.post(route('/magic-link'), hang), http.post(route('/magic-link/verify'), hang)],
  rateLimited: [http.post(route('/magic-link'), rateLimited)],
};

/** `POST /password/forgot` and `/password/reset`. */
export const passwordResetHandlers = {
  accepting: [
    http.post(route('/password/forgot'), sent),
    http.post<never, ResetBody>(route('/password/reset'), async ({ request }) => {
      const body = await request.json();
      if (body.token === EXPIRED_TOKEN) return expired();
      if (body.token !== GOOD_TOKEN) return invalidToken();
      if (body.password.length < 12)
        return problem(400, 'weak_password', 'this password is too easy to guess', {
          field: 'password',
        });
      return HttpResponse.json({
        reset: true,
      } satisfies ResponseBody<'/password/reset', 'post', 200>);
    }),
  ],
  pending: [http.post(route('/password/forgot'), hang), http.post(route('/password/reset'), hang)],
  rateLimited: [http.post(route('/password/forgot'), rateLimited)],
};

/** `POST /email/verify` and `/email/verification`. */
export const emailVerificationHandlers = {
  accepting: [
    http.post<never, { token: string }>(route('/email/verify'), async ({ request }) => {
      const { token } = await request.json();
      if (token === EXPIRED_TOKEN) return expired();
      if (token !== GOOD_TOKEN) return invalidToken();
      return HttpResponse.json({
        verified: true,
        email: ada.email,
      } satisfies ResponseBody<'/email/verify', 'post', 200>);
    }),
    http.post(route('/email/verification'), sent),
  ],
  pending: [http.post(route('/email/verify'), hang), http.post(route('/email/verification'), hang)],
  error: [http.post(route('/email/verify'), unavailable)],
};
