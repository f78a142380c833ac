import { withSpan } from '../../observability/tracing.js';
import {
  DirectoryError,
  type DirectoryFailure,
  type DirectoryObserver,
  type DirectoryPage,
  type DirectoryPageRequest,
} from '../../ports/directory.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_TIMEOUT_MS = 10_000;

export const noopObserver: DirectoryObserver = { request() {} };

export function pageSize(request: DirectoryPageRequest | undefined): number {
  const limit = request?.limit ?? DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
}

/** A numeric cursor (page number or offset); anything else is the caller's bug, not the IdP's. */
export function numericCursor(
  provider: string,
  cursor: string | null | undefined,
  first: number,
): number {
  if (cursor === undefined || cursor === null) return first;
  const value = Number(cursor);
  if (!Number.isSafeInteger(value) || value < first) {
    throw new DirectoryError(provider, 'request_rejected', `${provider}: invalid cursor`);
  }
  return value;
}

export function statusFailure(status: number): DirectoryFailure {
  if (status === 401) return 'credentials_rejected';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status >= 500 || status === 429 || status === 408) return 'upstream_error';
  return 'request_rejected';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Whether the error (or a cause) is the timeout firing rather than the caller's own abort. */
export function isTimeout(error: unknown, callerSignal: AbortSignal | undefined): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (isAbort(current)) return !callerSignal?.aborted;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Combines the adapter's timeout with the caller's signal. */
export function timeoutSignal(timeoutMs: number, signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([timeout, signal]) : timeout;
}

/**
 * Runs one upstream call inside a span `directory.<provider>.<operation>` and reports it to the
 * observer. Errors come out as DirectoryError through `mapError`; the span records only the
 * class and code (never the message, which may quote upstream bodies).
 */
export async function instrumented<T>(
  provider: string,
  operation: string,
  observer: DirectoryObserver,
  mapError: (error: unknown) => DirectoryError,
  fn: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  let outcome: 'ok' | DirectoryFailure = 'ok';
  try {
    return await withSpan(
      `directory.${provider}.${operation}`,
      { 'directory.provider': provider, 'directory.operation': operation },
      async () => {
        try {
          return await fn();
        } catch (error) {
          throw error instanceof DirectoryError ? error : mapError(error);
        }
      },
    );
  } catch (error) {
    outcome = error instanceof DirectoryError ? error.failure : 'upstream_error';
    throw error;
  } finally {
    observer.request({ provider, operation, outcome, durationMs: performance.now() - started });
  }
}

/** Walks every page: `for await (const user of iteratePages((r) => dir.listUsers(r)))`. */
export async function* iteratePages<T>(
  fetchPage: (request: DirectoryPageRequest) => Promise<DirectoryPage<T>>,
  options: Omit<DirectoryPageRequest, 'cursor'> = {},
): AsyncGenerator<T, void, undefined> {
  let cursor: string | null = null;
  do {
    const page: DirectoryPage<T> = await fetchPage({ ...options, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
