import type { ForwardAuthLog, RevocationOptions } from './types.js';

export interface RevocationList {
  /** True when `sid` (a session id, or an API key's id) is on the current list. */
  isRevoked(sid: string): Promise<boolean>;
  close(): void;
}

interface Dependencies {
  fetch: typeof fetch;
  log: ForwardAuthLog;
  now: () => Date;
}

const DEFAULT_POLL_SECONDS = 10;

function seconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.min(value, 3600)
    : null;
}

/** Where the list lives, without a query string that could hold a credential. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

/**
 * The revoked-session list, refreshed lazily: a request that finds it older than `pollSeconds`
 * starts one refresh (never two at once) and waits for it. No timers: edge hosts have none they
 * keep running. When a refresh fails the last list stays in force (fail-open for the list, since
 * tokens are short-lived anyway), one warning is logged per outage, and the next request retries
 * without waiting for it, so an unreachable server does not slow every request down.
 */
export function createRevocationList(
  options: RevocationOptions,
  deps: Dependencies,
): RevocationList {
  if ('url' in options) {
    try {
      new URL(options.url);
    } catch {
      throw new TypeError(
        `revocations.url must be an absolute URL, got ${JSON.stringify(options.url)}`,
      );
    }
  } else if (typeof options.source !== 'function') {
    throw new TypeError('revocations needs `url` or a `source` function');
  }
  const configuredPoll = seconds(options.pollSeconds);
  if (options.pollSeconds !== undefined && configuredPoll === null)
    throw new TypeError('revocations.pollSeconds must be a positive number');

  let revoked = new Set<string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let pollMs = (configuredPoll ?? DEFAULT_POLL_SECONDS) * 1000;
  let healthy = true;
  let warned = false;
  let inflight: Promise<void> | null = null;
  let controller: AbortController | null = null;

  async function fromUrl(url: string): Promise<Iterable<string>> {
    const config = options as Extract<RevocationOptions, { url: string }>;
    controller = new AbortController();
    const timer = config.timeoutMs ?? 2000;
    const signal =
      typeof AbortSignal.any === 'function' && typeof AbortSignal.timeout === 'function'
        ? AbortSignal.any([controller.signal, AbortSignal.timeout(timer)])
        : controller.signal;
    const response = await deps.fetch(url, {
      headers: { accept: 'application/json', ...config.headers },
      signal,
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    const body = (await response.json()) as { revoked?: unknown; ttlSeconds?: unknown };
    if (!Array.isArray(body.revoked)) throw new Error('answer has no "revoked" array');
    if (configuredPoll === null) pollMs = (seconds(body.ttlSeconds) ?? DEFAULT_POLL_SECONDS) * 1000;
    return body.revoked.filter((entry): entry is string => typeof entry === 'string');
  }

  async function load(): Promise<void> {
    try {
      const entries = 'url' in options ? await fromUrl(options.url) : await options.source();
      revoked = new Set(entries);
      loadedAt = deps.now().getTime();
      healthy = true;
      warned = false;
    } catch (error) {
      healthy = false;
      if (!warned) {
        warned = true;
        deps.log(
          'warn',
          'forward-auth: the revocation list could not be refreshed; keeping the last one',
          {
            source: 'url' in options ? describeUrl(options.url) : 'source()',
            error: error instanceof Error ? error.message : String(error),
          },
        );
      }
    } finally {
      controller = null;
    }
  }

  async function refreshIfStale(): Promise<void> {
    if (deps.now().getTime() - loadedAt < pollMs) return;
    const waitForIt = healthy;
    if (!inflight) inflight = load().finally(() => (inflight = null));
    if (waitForIt) await inflight;
  }

  return {
    async isRevoked(sid) {
      await refreshIfStale();
      return revoked.has(sid);
    },
    close() {
      controller?.abort();
    },
  };
}
