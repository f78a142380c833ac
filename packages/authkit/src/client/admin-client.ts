/** The client's platform-administration namespace: `/admin/users` and impersonation. */
import type { AdminUserFilter, AdminUserSort } from '../ports/admin-store.js';
import type { AdminUserDetail, AdminUserView } from '../services/admin-user-views.js';
import type { SessionPayload, SignedOutPayload } from '../domain/types.js';
import type { MyOrg } from '../domain/org.js';
import type { Profile, ProfilePatch } from '../domain/profile.js';
import type { AuthClient, Result } from './create-auth-client.js';
import type { Call, Page } from './tenancy-client.js';

export type AdminUser = AdminUserView;
export type { AdminUserDetail, AdminUserSort };

/** Filters as the API takes them: dates as ISO strings or Dates. */
export type AdminUserQuery = Omit<
  AdminUserFilter,
  'createdAfter' | 'createdBefore' | 'activeAfter' | 'activeBefore'
> & {
  createdAfter?: string | Date;
  createdBefore?: string | Date;
  activeAfter?: string | Date;
  activeBefore?: string | Date;
  sort?: AdminUserSort;
} & Page;

export type AdminBulkAction = 'ban' | 'unban' | 'label' | 'delete' | 'signOut';

export interface AdminBulkInput {
  action: AdminBulkAction;
  userIds: string[];
  reason?: string | null;
  expiresAt?: string | null;
  addLabels?: string[];
  removeLabels?: string[];
}

export interface AdminUsersClient {
  /** Search and filter; pass `nextCursor` back as `cursor` for the next page. */
  list(query?: AdminUserQuery): Promise<Result<{ users: AdminUser[]; nextCursor: string | null }>>;
  get(userId: string): Promise<Result<AdminUserDetail>>;
  update(
    userId: string,
    edit: { name?: string | null; labels?: string[] },
  ): Promise<Result<AdminUser>>;
  setPlatformRoles(userId: string, roles: Array<'admin' | 'support'>): Promise<Result<AdminUser>>;
  /** Ends every session of the user at once; sign-in answers `user_banned` until lifted or expired. */
  ban(
    userId: string,
    ban?: { reason?: string | null; expiresAt?: string | null },
  ): Promise<Result<AdminUser>>;
  unban(userId: string): Promise<Result<AdminUser>>;
  signOutEverywhere(userId: string): Promise<Result<{ sessions: number }>>;
  sendPasswordReset(userId: string): Promise<Result<null>>;
  resetMfa(userId: string): Promise<Result<null>>;
  delete(userId: string): Promise<Result<null>>;
  bulk(
    input: AdminBulkInput,
  ): Promise<Result<{ results: Array<{ userId: string; ok: boolean; code?: string }> }>>;
  /** Locale, time zone, avatar and custom fields; the `/me/profile` rules apply to edits. */
  getProfile(userId: string): Promise<Result<Profile>>;
  updateProfile(userId: string, patch: ProfilePatch): Promise<Result<Profile>>;
  /** PNG, JPEG or WebP; the server re-encodes it. */
  uploadAvatar(userId: string, image: Blob): Promise<Result<Profile>>;
  deleteAvatar(userId: string): Promise<Result<null>>;
  /** Opens a time-limited session as the user in this browser (the admin's own is kept aside). */
  impersonate(userId: string): Promise<Result<SessionPayload>>;
}

/** An org as `/admin/orgs` shows it: no caller roles, with its owner and member count. */
export type AdminOrg = Omit<MyOrg, 'roles'> & {
  memberCount: number;
  owner: { id: string; email: string; name: string | null } | null;
};

export interface AdminOrgsClient {
  list(
    query?: { q?: string; status?: 'active' | 'deleted' | 'all'; plan?: string } & Page,
  ): Promise<Result<{ orgs: AdminOrg[]; nextCursor: string | null }>>;
  get(orgId: string): Promise<Result<AdminOrg>>;
}

export interface AdminClient {
  users: AdminUsersClient;
  /** Finding orgs; changing one goes through `client.orgs` and friends at platform scope. */
  orgs: AdminOrgsClient;
  /** Ends an impersonation and brings the admin's own session back. */
  stopImpersonating(): Promise<Result<SessionPayload | SignedOutPayload>>;
}

const seg = encodeURIComponent;

/** Any flat query object as `?a=b&…` (Dates as ISO strings), or empty. */
export function adminUserQuery(query: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === null) continue;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The admin namespace over an existing client. A separate factory, not a property of the client,
 * so apps that only sign people in never bundle it.
 */
export function createAdminClient(client: AuthClient): AdminClient {
  const call: Call = (method, path, body) => client.request(method, path, body);
  // Impersonation swaps who is signed in: hand the new session to the store at once.
  const track = <T>(result: Result<T>): Result<T> => {
    if (result.ok) {
      const data = result.data as Partial<SessionPayload> | null;
      client.session.set(data?.user && data.session ? (data as SessionPayload) : null);
    }
    return result;
  };
  const user = (id: string) => `/admin/users/${seg(id)}`;
  return {
    users: {
      list: (query = {}) => call('GET', `/admin/users${adminUserQuery(query)}`),
      get: (id) => call('GET', user(id)),
      update: (id, edit) => call('PATCH', user(id), edit),
      setPlatformRoles: (id, roles) => call('PUT', `${user(id)}/platform-roles`, { roles }),
      ban: (id, ban = {}) => call('POST', `${user(id)}/ban`, ban),
      unban: (id) => call('DELETE', `${user(id)}/ban`),
      signOutEverywhere: (id) => call('DELETE', `${user(id)}/sessions`),
      sendPasswordReset: (id) => call('POST', `${user(id)}/password-reset`),
      resetMfa: (id) => call('DELETE', `${user(id)}/mfa`),
      delete: (id) => call('DELETE', user(id)),
      bulk: (input) => call('POST', '/admin/users/bulk', input),
      getProfile: (id) => call('GET', `${user(id)}/profile`),
      updateProfile: (id, patch) => call('PATCH', `${user(id)}/profile`, patch),
      uploadAvatar: (id, image) => call('PUT', `${user(id)}/avatar`, image),
      deleteAvatar: (id) => call('DELETE', `${user(id)}/avatar`),
      impersonate: async (id) =>
        track(await call<SessionPayload>('POST', `${user(id)}/impersonation`)),
    },
    orgs: {
      list: (query = {}) => call('GET', `/admin/orgs${adminUserQuery(query)}`),
      get: (id) => call('GET', `/admin/orgs/${seg(id)}`),
    },
    stopImpersonating: async () =>
      track(await call<SessionPayload | SignedOutPayload>('DELETE', '/session/impersonation')),
  };
}
