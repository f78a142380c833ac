import type { ZodError } from 'zod';
import { AuthkitError, type AuthkitErrorCode } from '../domain/errors.js';

/** RFC 9457 body. `code` and `field` are ours and stable. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: AuthkitErrorCode;
  field?: string;
  /** `step_up_required`: the largest acceptable age of the last authentication, in seconds. */
  maxAge?: number;
  errors?: Array<{ field: string; message: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Partial<Record<AuthkitErrorCode, string>> = {
  invalid_request: 'Invalid request',
  malformed_json: 'Malformed JSON',
  invalid_credentials: 'Invalid credentials',
  rate_limited: 'Too many requests',
  unauthenticated: 'Not signed in',
  origin_mismatch: 'Origin not allowed',
};

export function problemBody(
  error: AuthkitError,
  errors?: ProblemDetails['errors'],
): ProblemDetails {
  return {
    type: `urn:catalyst:problem:${error.code}`,
    title: TITLES[error.code] ?? error.code.replaceAll('_', ' '),
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.maxAge !== undefined ? { maxAge: error.maxAge } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function problemResponse(error: AuthkitError, errors?: ProblemDetails['errors']): Response {
  const headers = new Headers({
    'content-type': PROBLEM_CONTENT_TYPE,
    'cache-control': 'no-store',
  });
  if (error.retryAfter !== undefined) headers.set('retry-after', String(error.retryAfter));
  // The rest of a refused body may still be on the wire: the client must not reuse this socket
  // (the server closes it once the unread bytes are drained or dropped).
  if (error.status === 413) headers.set('connection', 'close');
  if (error.code === 'step_up_required') {
    // RFC 9470 §3: the challenge a client (or its SDK) recognises as "authenticate again".
    headers.set(
      'www-authenticate',
      `Bearer error="insufficient_user_authentication", error_description="a recent sign-in is required"${
        error.maxAge === undefined ? '' : `, max_age=${error.maxAge}`
      }`,
    );
  }
  return new Response(JSON.stringify(problemBody(error, errors)), {
    status: error.status,
    headers,
  });
}

/** A zod failure as a 400 naming the first failing field (and listing all of them). */
export function validationProblem(error: ZodError): Response {
  const errors = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  const first = errors[0] ?? { field: '(body)', message: 'invalid' };
  return problemResponse(
    new AuthkitError('invalid_request', `${first.field}: ${first.message}`, { field: first.field }),
    errors,
  );
}
