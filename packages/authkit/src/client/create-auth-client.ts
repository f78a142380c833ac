import type { AuthkitErrorCode } from '../domain/errors.js';
import type { Session, SessionPayload, SignedOutPayload, TokenResponse } from '../domain/types.js';
import type { Member, MyOrg, OrgProfile } from '../domain/org.js';
import { createSessionStore, type SessionStore } from './session-store.js';
import {
  tenancyClients,
  type DomainsClient,
  type EntitlementsClient,
  type GroupsClient,
  type InvitationsClient,
  type LabelsClient,
  type MeClient,
  type MembershipRequestsClient,
  type RolesClient,
} from './tenancy-client.js';
import { keysClient, type KeysClient } from './keys-client.js';
import { webhooksClient, type WebhooksClient } from './webhooks-client.js';
import { auditClient, type AuditClient } from './audit-client.js';
import { accountSecurityClients, type AccountSecurityClients } from './account-client.js';
import type { MfaChallenge } from '../domain/account-security.js';

export interface ClientError {
  /** The server's stable `code`, or `network_error` when no answer arrived. */
  code:
    | AuthkitErrorCode
    | 'network_error'
    | 'invalid_grant'
    | 'invalid_scope'
    | 'invalid_target'
    | 'unsupported_grant_type';
  status: number;
  message: string;
  field?: string;
  retryAfter?: number;
  /** `step_up_required`: how recent (seconds) a sign-in or step-up must be (RFC 9470 `max_age`). */
  maxAge?: number;
  /** Why an API-key exchange failed: `expired`, `revoked`, `exhausted`, `rate_limited`, `invalid`. */
  reason?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ClientError };

export interface AuthClientOptions {
  /** Origin (and optional path) of the app serving the auth routes; omit in the browser for same-origin. */
  baseUrl?: string;
  basePath?: string;
  fetch?: typeof globalThis.fetch;
  /** `include` for a cross-origin auth server; default `same-origin`. */
  credentials?: RequestCredentials;
  /** Seed the session store (e.g. from server-rendered data) to avoid a loading state. */
  initialSession?: SessionPayload | null;
}

export interface AuthClient extends AccountSecurityClients {
  readonly session: SessionStore;
  signUp(input: {
    email: string;
    password: string;
    name?: string;
  }): Promise<Result<SessionPayload>>;
  /**
   * Signs in with email and password. When the account has a second factor (or an org requires
   * one) the answer is an `MfaChallenge` instead: finish with `secondFactor(…)`.
   */
  signIn(input: {
    email: string;
    password: string;
  }): Promise<Result<SessionPayload | MfaChallenge>>;
  signOut(): Promise<Result<SignedOutPayload>>;
  /** Reads the session from the server and updates the store. */
  getSession(): Promise<Result<SessionPayload | SignedOutPayload>>;
  listSessions(): Promise<Result<{ sessions: Session[] }>>;
  revokeSession(id: string): Promise<Result<{ revoked: true }>>;
  changePassword(input: {
    currentPassword: string;
    newPassword: string;
  }): Promise<Result<{ revokedSessions: number }>>;
  /** Rotates the refresh cookie and sets a fresh access cookie. */
  refresh(): Promise<Result<TokenResponse>>;
  /** Organisations the caller creates or belongs to (DESIGN §3 `/orgs`). */
  readonly orgs: OrgsClient;
  /** The same calls as `orgs.addMember/updateMember/removeMember`, by their resource name. */
  readonly memberships: MembershipsClient;
  readonly groups: GroupsClient;
  readonly roles: RolesClient;
  readonly invitations: InvitationsClient;
  readonly domains: DomainsClient;
  readonly membershipRequests: MembershipRequestsClient;
  readonly labels: LabelsClient;
  readonly entitlements: EntitlementsClient;
  readonly me: MeClient;
  /** API keys: your own (`keys.*`), an org's (`keys.org(orgId).*`), and the key → JWT exchange. */
  readonly keys: KeysClient;
  /** Webhook endpoints of an org (`webhooks.org(orgId).*`) or the platform (`webhooks.admin.*`). */
  readonly webhooks: WebhooksClient;
  /** The audit log of an org (`audit.org(orgId).*`) or the platform (`audit.admin.*`). */
  readonly audit: AuditClient;
  /**
   * One call to the auth API with the client's base URL, cookies and error handling. Namespaces
   * kept out of sign-in bundles (`createAdminClient`) are built on it.
   */
  request<T>(method: string, path: string, body?: unknown): Promise<Result<T>>;
  /**
   * Switches the active org (`null` for none). The server re-mints the access token with the
   * org's claims and the session store updates at once.
   */
  setActiveOrg(orgId: string | null): Promise<Result<SessionPayload>>;
}

export interface MembershipsClient {
  add: OrgsClient['addMember'];
  update: OrgsClient['updateMember'];
  remove: OrgsClient['removeMember'];
}

export interface OrgInput {
  name: string;
  slug: string;
  profile?: OrgProfile;
  settings?: Record<string, unknown>;
}

export interface OrgsClient {
  create(input: OrgInput): Promise<Result<MyOrg>>;
  list(page?: {
    cursor?: string;
    limit?: number;
  }): Promise<Result<{ orgs: MyOrg[]; nextCursor: string | null }>>;
  get(orgId: string): Promise<Result<MyOrg>>;
  update(orgId: string, patch: Partial<Omit<OrgInput, 'slug'>>): Promise<Result<MyOrg>>;
  delete(orgId: string): Promise<Result<null>>;
  listMembers(
    orgId: string,
    page?: { cursor?: string; limit?: number },
  ): Promise<Result<{ members: Member[]; nextCursor: string | null }>>;
  addMember(
    orgId: string,
    input: { userId: string; roles: OrgRole[]; groups?: string[] },
  ): Promise<Result<Member>>;
  updateMember(
    orgId: string,
    userId: string,
    patch: { roles?: OrgRole[]; labelsDelta?: string[]; groups?: string[] },
  ): Promise<Result<Member>>;
  /** Removes a member; your own user id leaves the org. */
  removeMember(orgId: string, userId: string): Promise<Result<null>>;
}

/** A built-in role or the name of one of the org's custom roles. */
export type OrgRole = 'owner' | 'admin' | 'member' | (string & {});

async function readError(response: Response): Promise<ClientError> {
  let body: {
    code?: string;
    error?: string;
    detail?: string;
    error_description?: string;
    field?: string;
    reason?: string;
    maxAge?: number;
  } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Non-JSON error bodies (a proxy's HTML page) keep the generic message below.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    code: (body.code ?? body.error ?? 'internal_error') as ClientError['code'],
    status: response.status,
    message: body.detail ?? body.error_description ?? response.statusText ?? 'request failed',
    ...(body.field ? { field: body.field } : {}),
    ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
    ...(typeof body.maxAge === 'number' ? { maxAge: body.maxAge } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
  };
}

/** A typed client for the auth routes. Works in browsers, Node, and edge runtimes alike. */
export function createAuthClient(options: AuthClientOptions = {}): AuthClient {
  const basePath = options.basePath ?? '/api/auth';
  const root = (options.baseUrl ?? '').replace(/\/$/, '') + basePath;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const session = createSessionStore(options.initialSession);

  async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    let response: Response;
    // A Blob (an image upload) goes as the raw body, typed by fetch from the Blob; else JSON.
    const raw = body instanceof Blob;
    try {
      response = await doFetch(root + path, {
        method,
        credentials: options.credentials ?? 'same-origin',
        headers:
          body === undefined || raw
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
      });
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'network_error',
          status: 0,
          message: error instanceof Error ? error.message : 'network error',
        },
      };
    }
    if (!response.ok) return { ok: false, error: await readError(response) };
    if (response.status === 204) return { ok: true, data: null as T };
    return { ok: true, data: (await response.json()) as T };
  }

  // Any answer that is not a session (signed out, or a pending second factor) leaves no session.
  const track = <T>(result: Result<T>): Result<T> => {
    if (result.ok) {
      const data = result.data as Partial<SessionPayload> | null;
      session.set(data?.user && data.session ? (data as SessionPayload) : null);
    }
    return result;
  };

  const orgs: OrgsClient = {
    create: (input) => call('POST', '/orgs', input),
    list(page = {}) {
      const query = new URLSearchParams();
      if (page.cursor) query.set('cursor', page.cursor);
      if (page.limit) query.set('limit', String(page.limit));
      const qs = query.toString();
      return call('GET', `/orgs${qs ? `?${qs}` : ''}`);
    },
    get: (orgId) => call('GET', `/orgs/${encodeURIComponent(orgId)}`),
    update: (orgId, patch) => call('PATCH', `/orgs/${encodeURIComponent(orgId)}`, patch),
    delete: (orgId) => call('DELETE', `/orgs/${encodeURIComponent(orgId)}`),
    listMembers(orgId, page = {}) {
      const query = new URLSearchParams();
      if (page.cursor) query.set('cursor', page.cursor);
      if (page.limit) query.set('limit', String(page.limit));
      const qs = query.toString();
      return call('GET', `/orgs/${encodeURIComponent(orgId)}/members${qs ? `?${qs}` : ''}`);
    },
    addMember: (orgId, input) => call('POST', `/orgs/${encodeURIComponent(orgId)}/members`, input),
    updateMember: (orgId, userId, patch) =>
      call(
        'PATCH',
        `/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}`,
        patch,
      ),
    removeMember: (orgId, userId) =>
      call('DELETE', `/orgs/${encodeURIComponent(orgId)}/members/${encodeURIComponent(userId)}`),
  };
  return {
    session,
    signUp: async (input) => track(await call<SessionPayload>('POST', '/sign-up', input)),
    signIn: async (input) =>
      track(await call<SessionPayload | MfaChallenge>('POST', '/sign-in', input)),
    async signOut() {
      const result = await call<SignedOutPayload>('POST', '/sign-out', {});
      session.set(null);
      return result;
    },
    getSession: async () => track(await call<SessionPayload | SignedOutPayload>('GET', '/session')),
    listSessions: () => call('GET', '/sessions'),
    revokeSession: (id) => call('DELETE', `/sessions/${encodeURIComponent(id)}`),
    changePassword: (input) => call('POST', '/change-password', input),
    refresh: () => call('POST', '/token', { grant_type: 'refresh_token' }),
    orgs,
    memberships: {
      add: orgs.addMember,
      update: orgs.updateMember,
      remove: orgs.removeMember,
    },
    ...tenancyClients(call),
    keys: keysClient(call),
    webhooks: webhooksClient(call),
    audit: auditClient(call, root),
    request: call,
    ...accountSecurityClients(call, track),
    setActiveOrg: async (orgId) =>
      track(await call<SessionPayload>('POST', '/session/active-org', { orgId })),
  };
}
