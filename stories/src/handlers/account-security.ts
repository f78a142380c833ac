import { http, HttpResponse } from 'msw';
import {
  challenge as defaultChallenge,
  creationOptions,
  enrolmentChallenge,
  GOOD_CODE,
  GOOD_RECOVERY_CODE,
  keyPasskey,
  laptopPasskey,
  mfaSession,
  mfaStatus,
  newRecoveryCodes,
  recoveryCodes,
  requestOptions,
  totpEnrolment,
  type MfaChallengeFixture,
  type MfaStatusFixture,
  type PasskeyFixture,
} from '../account-fixtures';
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

/**
 * The account-security routes (issue 11) for each state of `TwoFactor`, `TotpSetup`,
 * `RecoveryCodes`, `PasskeySetup` and `PasskeyList` (the emailed links: `./email-flows`). The
 * stories' server takes `GOOD_CODE` and `GOOD_RECOVERY_CODE`; anything else is refused as the
 * real one refuses it.
 */

type SignInAnswer = ResponseBody<'/sign-in', 'post', 200>;
type SecondFactorBody = RequestBody<'/sign-in/second-factor', 'post'>;
type StepUpBody = RequestBody<'/me/step-up', 'post'>;

const wrongCode = () => problem(401, 'invalid_code', 'the code is not valid', { field: 'code' });
const stepUpRequired = () =>
  problem(401, 'step_up_required', 'confirm it is you: sign in again or use a second factor');
const rateLimited = () => problem(429, 'rate_limited', 'too many attempts; try again later');
const session = () => HttpResponse.json(mfaSession satisfies SignInAnswer);

/** Whether a proof is the one the stories' server accepts (any passkey: nothing is verified). */
const good = (body: SecondFactorBody | StepUpBody) =>
  'passkey' in body ||
  ('code' in body && body.code === GOOD_CODE) ||
  ('recoveryCode' in body && body.recoveryCode === GOOD_RECOVERY_CODE) ||
  ('password' in body && body.password === 'correct horse battery staple');

/** `POST /sign-in` answering that a second factor is due (or an enrolment). */
export const mfaSignInHandlers = {
  challenge: (answer: MfaChallengeFixture = defaultChallenge) => [
    http.post(route('/sign-in'), () => HttpResponse.json(answer satisfies SignInAnswer)),
  ],
  enrolment: [
    http.post(route('/sign-in'), () =>
      HttpResponse.json(enrolmentChallenge satisfies SignInAnswer),
    ),
    http.post(route('/sign-in/mfa-enrolment/totp'), () =>
      HttpResponse.json(
        totpEnrolment satisfies ResponseBody<'/sign-in/mfa-enrolment/totp', 'post', 201>,
        { status: 201 },
      ),
    ),
    http.post<never, { code: string }>(
      route('/sign-in/mfa-enrolment/totp/confirm'),
      async ({ request }) =>
        (await request.json()).code === GOOD_CODE
          ? HttpResponse.json({
              ...mfaSession,
              recoveryCodes,
            } satisfies ResponseBody<'/sign-in/mfa-enrolment/totp/confirm', 'post', 200>)
          : wrongCode(),
    ),
  ],
  /** `POST /sign-in/passkey/options` and `/sign-in/passkey` (a discoverable passkey). */
  passkey: [
    http.post(route('/sign-in/passkey/options'), () => HttpResponse.json(requestOptions)),
    http.post(route('/sign-in/passkey'), () => session()),
  ],
};

/**
 * `GET /sign-in/second-factor`: what the pending sign-in behind a provider's `?mfa=required`
 * redirect waits for (the user's factors, or enrolment), or `401` once it is over.
 */
export const pendingSignInHandlers = {
  challenge: (answer: MfaChallengeFixture = defaultChallenge) => [
    http.get(route('/sign-in/second-factor'), () =>
      HttpResponse.json(answer satisfies ResponseBody<'/sign-in/second-factor', 'get', 200>),
    ),
  ],
  expired: [
    http.get(route('/sign-in/second-factor'), () =>
      problem(401, 'unauthenticated', 'the sign-in has expired or was completed; sign in again'),
    ),
  ],
};

/** `POST /sign-in/second-factor` (and the passkey options of a pending sign-in). */
export const secondFactorHandlers = {
  accepting: [
    http.post<never, SecondFactorBody>(route('/sign-in/second-factor'), async ({ request }) =>
      good(await request.json()) ? session() : wrongCode(),
    ),
    http.post(route('/sign-in/passkey/options'), () => HttpResponse.json(requestOptions)),
  ],
  pending: [http.post(route('/sign-in/second-factor'), hang)],
  rateLimited: [http.post(route('/sign-in/second-factor'), rateLimited)],
  /** The pending sign-in is over (10 minutes, or another tab finished it). */
  expired: [
    http.post(route('/sign-in/second-factor'), () =>
      problem(401, 'unauthenticated', 'the sign-in has expired; sign in again'),
    ),
  ],
};

/** `GET /me/mfa` (the factors a step-up offers) and `POST /me/step-up`. */
export const stepUpHandlers = {
  accepting: (status: MfaStatusFixture = mfaStatus()) => [
    http.get(route('/me/mfa'), () =>
      HttpResponse.json(status satisfies ResponseBody<'/me/mfa', 'get', 200>),
    ),
    http.post<never, StepUpBody>(route('/me/step-up'), async ({ request }) =>
      good(await request.json()) ? session() : wrongCode(),
    ),
  ],
  loading: [http.get(route('/me/mfa'), hang)],
  error: [http.get(route('/me/mfa'), unavailable)],
};

/** `POST /me/mfa/totp` and `/me/mfa/totp/confirm`. */
export const totpHandlers = {
  enrolling: [
    http.post(route('/me/mfa/totp'), () =>
      HttpResponse.json(totpEnrolment satisfies ResponseBody<'/me/mfa/totp', 'post', 201>, {
        status: 201,
      }),
    ),
    http.post<never, { code: string }>(route('/me/mfa/totp/confirm'), async ({ request }) =>
      (await request.json()).code === GOOD_CODE
        ? HttpResponse.json({
            recoveryCodes,
          } satisfies ResponseBody<'/me/mfa/totp/confirm', 'post', 200>)
        : wrongCode(),
    ),
  ],
  loading: [http.post(route('/me/mfa/totp'), hang)],
  confirming: [
    http.post(route('/me/mfa/totp'), () => HttpResponse.json(totpEnrolment, { status: 201 })),
    http.post(route('/me/mfa/totp/confirm'), hang),
  ],
  alreadyEnabled: [
    http.post(route('/me/mfa/totp'), () =>
      problem(409, 'mfa_already_enabled', 'an authenticator app is already on'),
    ),
  ],
  error: [http.post(route('/me/mfa/totp'), unavailable)],
};

/**
 * `GET /me/mfa` and `POST /me/mfa/recovery-codes`. With `stale`, regenerating answers
 * `step_up_required` until `POST /me/step-up` succeeds. Fresh state per call.
 */
function recoveryCodeRoutes(status: MfaStatusFixture, stale = false) {
  let current = status;
  let recent = !stale;
  return [
    http.get(route('/me/mfa'), () => HttpResponse.json(current)),
    http.post(route('/me/mfa/recovery-codes'), () => {
      if (!recent) return stepUpRequired();
      current = { ...current, recoveryCodes: { remaining: 10 } };
      return HttpResponse.json({
        recoveryCodes: newRecoveryCodes,
      } satisfies ResponseBody<'/me/mfa/recovery-codes', 'post', 200>);
    }),
    http.post<never, StepUpBody>(route('/me/step-up'), async ({ request }) => {
      if (!good(await request.json())) return wrongCode();
      recent = true;
      return session();
    }),
  ];
}

export const recoveryCodeHandlers = {
  ready: (remaining = 7) => recoveryCodeRoutes(mfaStatus({ recoveryCodes: { remaining } })),
  /** The sign-in is older than the server's step-up limit. */
  stale: () => recoveryCodeRoutes(mfaStatus(), true),
  empty: [
    http.get(route('/me/mfa'), () =>
      HttpResponse.json(
        mfaStatus({
          totp: { enabled: false, confirmedAt: null },
          recoveryCodes: { remaining: 0 },
          methods: [],
        }),
      ),
    ),
  ],
  loading: [http.get(route('/me/mfa'), hang)],
  error: [http.get(route('/me/mfa'), unavailable)],
  forbidden: [http.get(route('/me/mfa'), unauthenticated)],
  regenerateFails: [
    http.get(route('/me/mfa'), () => HttpResponse.json(mfaStatus())),
    http.post(route('/me/mfa/recovery-codes'), rateLimited),
  ],
};

/**
 * `/me/passkeys…` with state: list, rename, remove (`stale`: `step_up_required` until a
 * step-up; `lastWayIn`: `last_sign_in_method`), and registration. Fresh state per call.
 */
function passkeyRoutes(
  initial: PasskeyFixture[],
  options: { stale?: boolean; lastWayIn?: boolean } = {},
) {
  let passkeys = [...initial];
  let recent = !options.stale;
  return [
    http.get(route('/me/passkeys'), () =>
      HttpResponse.json({ passkeys } satisfies ResponseBody<'/me/passkeys', 'get', 200>),
    ),
    http.post(route('/me/passkeys/options'), () => HttpResponse.json(creationOptions)),
    http.post<never, RequestBody<'/me/passkeys', 'post'>>(
      route('/me/passkeys'),
      async ({ request }) => {
        const { name } = await request.json();
        const added: PasskeyFixture = {
          ...laptopPasskey,
          id: `pk_${passkeys.length + 1}`,
          name: name ?? 'Passkey',
          lastUsedAt: null,
          createdAt: '2025-03-04T10:35:00.000Z',
        };
        passkeys = [...passkeys, added];
        return HttpResponse.json(added satisfies ResponseBody<'/me/passkeys', 'post', 201>, {
          status: 201,
        });
      },
    ),
    http.patch<{ id: string }, { name: string }>(
      route('/me/passkeys/{id}'),
      async ({ params, request }) => {
        const { name } = await request.json();
        passkeys = passkeys.map((p) => (p.id === params.id ? { ...p, name } : p));
        return HttpResponse.json(passkeys.find((p) => p.id === params.id)!);
      },
    ),
    http.delete<{ id: string }>(route('/me/passkeys/{id}'), ({ params }) => {
      if (options.lastWayIn)
        return problem(409, 'last_sign_in_method', 'this passkey is the only way into the account');
      if (!recent) return stepUpRequired();
      passkeys = passkeys.filter((p) => p.id !== params.id);
      return noContent();
    }),
    // What the step-up prompt offers.
    http.get(route('/me/mfa'), () => HttpResponse.json(mfaStatus({ passkeys: passkeys.length }))),
    http.post<never, StepUpBody>(route('/me/step-up'), async ({ request }) => {
      if (!good(await request.json())) return wrongCode();
      recent = true;
      return session();
    }),
  ];
}

export const passkeyHandlers = {
  populated: () => passkeyRoutes([laptopPasskey, keyPasskey]),
  empty: () => passkeyRoutes([]),
  stale: () => passkeyRoutes([laptopPasskey, keyPasskey], { stale: true }),
  lastWayIn: () => passkeyRoutes([laptopPasskey], { lastWayIn: true }),
  loading: [http.get(route('/me/passkeys'), hang)],
  error: [http.get(route('/me/passkeys'), unavailable)],
  forbidden: [http.get(route('/me/passkeys'), unauthenticated)],
  /** Registration whose answer the server cannot verify. */
  invalid: [
    http.post(route('/me/passkeys/options'), () => HttpResponse.json(creationOptions)),
    http.post(route('/me/passkeys'), () =>
      problem(400, 'invalid_passkey', 'the passkey could not be verified'),
    ),
  ],
  registering: [http.post(route('/me/passkeys/options'), hang)],
};
