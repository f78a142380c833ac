/** The client's API-key namespace (DESIGN §3): `/me/keys`, `/orgs/{orgId}/keys`, and `POST /token`. */
import type { ApiKeyView, ExchangedToken, RefillInterval } from '../domain/api-keys.js';

export type { ExchangedToken } from '../domain/api-keys.js';
import type { Result } from './create-auth-client.js';
import type { Call, Page } from './tenancy-client.js';

export type ApiKey = ApiKeyView;
export type IssuedApiKey = ApiKey & { secret: string };

export interface ScopeOption {
  name: string;
  description: string | null;
  source: 'app' | 'permission';
  /** Whether you may put it on a key. */
  held: boolean;
}

export interface IssueKeyInput {
  name: string;
  scopes?: string[];
  labels?: string[];
  /** ISO 8601; in the future. */
  expiresAt?: string;
  rateLimit?: { limit: number; windowSeconds: number };
  remaining?: number;
  refill?: { interval: RefillInterval; amount: number };
  /** One use (unless `remaining` says otherwise), expiring within the hour (default 15 minutes). */
  ephemeral?: boolean;
}

export interface KeyListOptions extends Page {
  status?: 'active' | 'revoked' | 'all';
}

/** The same operations for your own keys and for an org's. */
export interface OwnedKeysClient {
  list(options?: KeyListOptions): Promise<Result<{ keys: ApiKey[]; nextCursor: string | null }>>;
  scopes(): Promise<Result<{ scopes: ScopeOption[] }>>;
  create(input: IssueKeyInput): Promise<Result<IssuedApiKey>>;
  get(keyId: string): Promise<Result<ApiKey>>;
  /** Scopes may only narrow. */
  update(
    keyId: string,
    patch: { name?: string; scopes?: string[]; labels?: string[] },
  ): Promise<Result<ApiKey>>;
  revoke(keyId: string, options?: { reason?: string }): Promise<Result<null>>;
  /** A new secret; the old one keeps working for `gracePeriodSeconds` (default 3600). */
  reroll(keyId: string, options?: { gracePeriodSeconds?: number }): Promise<Result<IssuedApiKey>>;
}

export interface KeysClient extends OwnedKeysClient {
  org(orgId: string): OwnedKeysClient;
  /**
   * Trades an API key for a short-lived access JWT (RFC 8693). `scope` and `audience` can only
   * narrow. A failure's `error.reason` says why: `expired`, `revoked`, `exhausted`, `rate_limited`.
   */
  exchange(
    secret: string,
    options?: { scope?: string | string[]; audience?: string },
  ): Promise<Result<ExchangedToken>>;
}

const seg = encodeURIComponent;

/** `path` with the paging (and status) options as its query string. */
export function query(path: string, options: Page & { status?: string | undefined }): string {
  const params = new URLSearchParams();
  if (options.cursor) params.set('cursor', options.cursor);
  if (options.limit) params.set('limit', String(options.limit));
  if (options.status) params.set('status', options.status);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function owned(call: Call, base: string): OwnedKeysClient {
  return {
    list: (options = {}) => call('GET', query(base, options)),
    scopes: () => call('GET', `${base}/scopes`),
    create: (input) => call('POST', base, input),
    get: (keyId) => call('GET', `${base}/${seg(keyId)}`),
    update: (keyId, patch) => call('PATCH', `${base}/${seg(keyId)}`, patch),
    revoke: (keyId, options = {}) =>
      call(
        'DELETE',
        `${base}/${seg(keyId)}${options.reason ? `?reason=${seg(options.reason)}` : ''}`,
      ),
    reroll: (keyId, options = {}) => call('POST', `${base}/${seg(keyId)}/reroll`, options),
  };
}

export function keysClient(call: Call): KeysClient {
  return {
    ...owned(call, '/me/keys'),
    org: (orgId) => owned(call, `/orgs/${seg(orgId)}/keys`),
    exchange: (secret, options = {}) =>
      call('POST', '/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: secret,
        subject_token_type: 'urn:catalyst:token-type:api-key',
        ...(options.scope
          ? { scope: Array.isArray(options.scope) ? options.scope.join(' ') : options.scope }
          : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }),
  };
}
