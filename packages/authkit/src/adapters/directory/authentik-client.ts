import { Configuration, FetchError, ResponseError } from '@goauthentik/api';
import { DirectoryError, type DirectoryObserver } from '../../ports/directory.js';
import {
  DEFAULT_TIMEOUT_MS,
  instrumented,
  isTimeout,
  noopObserver,
  statusFailure,
  timeoutSignal,
} from './shared.js';

export const AUTHENTIK = 'authentik';

export interface AuthentikConnectionOptions {
  /** The Authentik origin, e.g. `https://auth.example.com` (`/api/v3` is appended). */
  baseUrl: string;
  /** An API token (Directory → Tokens, intent "API"); a function is called per request, to rotate. */
  token: string | (() => string | Promise<string>);
  /** Per request, milliseconds (default 10 s). */
  timeoutMs?: number | undefined;
  /** Defaults to the global `fetch`; tests and proxies inject their own. */
  fetch?: typeof fetch | undefined;
  observer?: DirectoryObserver | undefined;
}

export interface AuthentikConnection {
  configuration: Configuration;
  /**
   * Runs one generated-client call with telemetry and error mapping. `signal` is the caller's:
   * the timeout is applied in the fetch wrapper so every call, including writes, is bounded.
   */
  call<T>(
    operation: string,
    fn: (init: RequestInit) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
}

export function mapAuthentikError(error: unknown, signal?: AbortSignal): DirectoryError {
  if (error instanceof ResponseError) {
    const status = error.response.status;
    return new DirectoryError(
      AUTHENTIK,
      statusFailure(status),
      `authentik answered HTTP ${status}`,
      {
        upstreamStatus: status,
      },
    );
  }
  if (isTimeout(error, signal)) {
    return new DirectoryError(AUTHENTIK, 'timeout', 'authentik did not answer in time', {
      cause: error,
    });
  }
  if (error instanceof FetchError) {
    return new DirectoryError(AUTHENTIK, 'unreachable', 'authentik is unreachable', {
      cause: error,
    });
  }
  // The generated client parses bodies itself: invalid JSON or a missing list surfaces here.
  return new DirectoryError(AUTHENTIK, 'malformed_response', 'authentik sent an unexpected body', {
    cause: error,
  });
}

export function connectAuthentik(options: AuthentikConnectionOptions): AuthentikConnection {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const token = options.token;
  const observer = options.observer ?? noopObserver;
  const configuration = new Configuration({
    basePath: `${options.baseUrl.replace(/\/+$/, '')}/api/v3`,
    accessToken: typeof token === 'string' ? token : async () => token(),
    // Bounds every request (and its body read) with the timeout, merged with the caller's signal.
    fetchApi: (input, init) =>
      baseFetch(input, { ...init, signal: timeoutSignal(timeoutMs, init?.signal ?? undefined) }),
  });
  return {
    configuration,
    call: (operation, fn, signal) =>
      instrumented(
        AUTHENTIK,
        operation,
        observer,
        (error) => mapAuthentikError(error, signal),
        () => fn(signal ? { signal } : {}),
      ),
  };
}
