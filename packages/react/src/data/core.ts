import type { ClientError, Result } from '@catalyst/authkit';

/**
 * A failed request as an Error (query libraries expect thrown Errors), carrying the server's
 * `code`, `status` and `field`.
 */
export class CatalystRequestError extends Error implements ClientError {
  readonly code: ClientError['code'];
  readonly status: number;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(error: ClientError) {
    super(error.message);
    this.name = 'CatalystRequestError';
    this.code = error.code;
    this.status = error.status;
    if (error.field !== undefined) this.field = error.field;
    if (error.retryAfter !== undefined) this.retryAfter = error.retryAfter;
  }
}

/** A 4xx will not get better by asking again; network and 5xx errors get two retries. */
export function retryRequest(failures: number, error: unknown): boolean {
  return (
    !(error instanceof CatalystRequestError && error.status >= 400 && error.status < 500) &&
    failures < 2
  );
}

/** A result's data, or its error thrown as a `CatalystRequestError`. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CatalystRequestError(result.error);
  return result.data;
}

/** Whose data a query holds: a cached list must never be shown to the next user of the tab. */
export interface ResourceScope {
  userId: string | null;
}

/** The component state DESIGN §9 names, from a request's outcome. */
export type DataState = 'loading' | 'empty' | 'error' | 'ready' | 'forbidden';

export function dataState(pending: boolean, error: ClientError | null, count: number): DataState {
  if (error) return error.status === 401 || error.status === 403 ? 'forbidden' : 'error';
  if (pending) return 'loading';
  return count === 0 ? 'empty' : 'ready';
}

export function asClientError(error: unknown): ClientError | null {
  if (!error) return null;
  if (error instanceof CatalystRequestError) return error;
  return {
    code: 'network_error',
    status: 0,
    message: error instanceof Error ? error.message : String(error),
  };
}
