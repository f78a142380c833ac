import {
  createAdminClient,
  type AdminBulkInput,
  type AdminClient,
  type AdminUser,
  type AdminUserDetail,
  type AdminUserSort,
  type AuthClient,
  type Profile,
  type ProfilePatch,
  type Result,
  type SessionPayload,
} from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';

/*
 * The platform-administration resources (`adminQueries`, `adminMutations`). Deliberately not part
 * of `catalystQueries`: that aggregate is imported by every data hook, and an app's sign-in page
 * must never bundle `createAdminClient`. Only the admin hooks import this file.
 */

/**
 * The list's filters as the inputs hold them: every one narrows, a blank one is no filter. Dates
 * are ISO 8601 strings (`createdAfter`…); `banned: false` means "not banned".
 */
export interface AdminUserFilters {
  /** Substring of the email or name, or an exact user id. */
  q?: string;
  email?: string;
  platformRole?: 'admin' | 'support' | 'any' | 'none';
  banned?: boolean;
  orgId?: string;
  label?: string;
  createdAfter?: string;
  createdBefore?: string;
  activeAfter?: string;
  activeBefore?: string;
}

export type AdminUserFilterName = keyof AdminUserFilters;
const TEXT_FILTERS = [
  'q',
  'email',
  'orgId',
  'label',
  'createdAfter',
  'createdBefore',
  'activeAfter',
  'activeBefore',
] as const satisfies readonly AdminUserFilterName[];

/** One page of the list; `nextCursor` is the server's keyset cursor (null on the last page). */
export interface AdminUserPage {
  users: AdminUser[];
  nextCursor: string | null;
}

/** The server's default page size (`limit`, at most 100). */
export const ADMIN_PAGE_SIZE = 25;

/** Trimmed and without blanks, in a fixed order: the same filters always make the same key. */
export function normalizeAdminUserFilters(filters: AdminUserFilters): AdminUserFilters {
  const out: AdminUserFilters = {};
  for (const name of TEXT_FILTERS) {
    const value = filters[name]?.trim();
    if (value) out[name] = value;
  }
  if (filters.platformRole) out.platformRole = filters.platformRole;
  if (filters.banned !== undefined) out.banned = filters.banned;
  return out;
}

// One admin namespace per auth client: `createAdminClient` is cheap, but stable identities keep
// the query functions' closures small and comparable.
const admins = new WeakMap<AuthClient, AdminClient>();
export function adminClientFor(client: AuthClient): AdminClient {
  let admin = admins.get(client);
  if (!admin) admins.set(client, (admin = createAdminClient(client)));
  return admin;
}

const USERS = ['catalyst', 'admin', 'users'] as const;
const lists = () => [...USERS, 'list'] as const;
const details = () => [...USERS, 'detail'] as const;
/** Everything cached about one user (the target first, so one prefix covers every viewer). */
const detailOf = (userId: string) => [...details(), userId] as const;
/** One user's profile (locale, time zone, avatar, custom fields), fetched on its own. */
const profileOf = (userId: string) => [...USERS, 'profile', userId] as const;

/** Who asks for which list: viewer, filters, sort and page size are all in the key. */
export interface AdminUsersScope extends ResourceScope {
  filters: AdminUserFilters;
  sort: AdminUserSort;
  limit?: number;
}

/**
 * Query keys and fetchers: `['catalyst', 'admin', 'users', 'list', viewerId, filters, sort,
 * limit]` and `['catalyst', 'admin', 'users', 'detail', userId, viewerId]`.
 */
export const adminQueries = {
  all: ['catalyst', 'admin'] as const,
  users: {
    all: USERS,
    lists,
    details,
    detailOf,
    profileOf,
    /** One keyset-paged list (`infiniteQueryOptions` shape): each page holds its `nextCursor`. */
    list: (client: AuthClient, scope: AdminUsersScope) => {
      const filters = normalizeAdminUserFilters(scope.filters);
      const limit = scope.limit ?? ADMIN_PAGE_SIZE;
      return {
        queryKey: [...lists(), scope.userId, filters, scope.sort, limit] as const,
        queryFn: async ({ pageParam }: { pageParam: string | null }): Promise<AdminUserPage> =>
          unwrap(
            await adminClientFor(client).users.list({
              ...filters,
              sort: scope.sort,
              limit,
              ...(pageParam ? { cursor: pageParam } : {}),
            }),
          ),
        initialPageParam: null as string | null,
        getNextPageParam: (last: AdminUserPage): string | null => last.nextCursor,
        retry: retryRequest,
      };
    },
    /** One user's profile, memberships, sessions, keys, second factors and recent events. */
    detail: (client: AuthClient, scope: ResourceScope & { targetId: string }) => ({
      queryKey: [...detailOf(scope.targetId), scope.userId] as const,
      queryFn: async (): Promise<AdminUserDetail> =>
        unwrap(await adminClientFor(client).users.get(scope.targetId)),
      retry: retryRequest,
    }),
    /** `GET /admin/users/{id}/profile`: what `/me/profile` shows the user. */
    profile: (client: AuthClient, scope: ResourceScope & { targetId: string }) => ({
      queryKey: [...profileOf(scope.targetId), scope.userId] as const,
      queryFn: async (): Promise<Profile> =>
        unwrap(await adminClientFor(client).users.getProfile(scope.targetId)),
      retry: retryRequest,
    }),
  },
};

type Users = AdminClient['users'];

/** A write on one user: what shows in the list changes too when `listed`. */
const write = <V, R>(
  client: AuthClient,
  userId: string,
  name: string,
  run: (users: Users, variables: V) => Promise<Result<R>>,
  listed: boolean,
) => ({
  mutationKey: [...USERS, name, userId] as const,
  mutationFn: async (variables: V): Promise<R> =>
    unwrap(await run(adminClientFor(client).users, variables)),
  invalidates: listed ? [lists(), detailOf(userId)] : [detailOf(userId)],
});

/**
 * The writes, each bound to the user it changes, and the keys each makes stale. Lists only go
 * stale when a column they show changes (name, labels, roles, ban); the others change only the
 * detail (its sessions, factors or activity). `delete` leaves the detail alone: refetching it
 * would only find a 404 (the hooks drop it from the cache instead).
 */
export const adminMutations = {
  users: {
    update: (client: AuthClient, userId: string) =>
      write(
        client,
        userId,
        'update',
        (u, edit: { name?: string | null; labels?: string[] }) => u.update(userId, edit),
        true,
      ),
    setPlatformRoles: (client: AuthClient, userId: string) =>
      write(
        client,
        userId,
        'platform-roles',
        (u, roles: Array<'admin' | 'support'>) => u.setPlatformRoles(userId, roles),
        true,
      ),
    ban: (client: AuthClient, userId: string) =>
      write(
        client,
        userId,
        'ban',
        (u, ban: { reason?: string | null; expiresAt?: string | null }) => u.ban(userId, ban),
        true,
      ),
    unban: (client: AuthClient, userId: string) =>
      write<void, AdminUser>(client, userId, 'unban', (u) => u.unban(userId), true),
    signOutEverywhere: (client: AuthClient, userId: string) =>
      write<void, { sessions: number }>(
        client,
        userId,
        'sign-out',
        (u) => u.signOutEverywhere(userId),
        false,
      ),
    sendPasswordReset: (client: AuthClient, userId: string) =>
      write<void, null>(
        client,
        userId,
        'password-reset',
        (u) => u.sendPasswordReset(userId),
        false,
      ),
    resetMfa: (client: AuthClient, userId: string) =>
      write<void, null>(client, userId, 'reset-mfa', (u) => u.resetMfa(userId), false),
    /** Swaps the browser's session (the session store updates); the user's activity grows. */
    impersonate: (client: AuthClient, userId: string) =>
      write<void, SessionPayload>(
        client,
        userId,
        'impersonate',
        (u) => u.impersonate(userId),
        false,
      ),
    delete: (client: AuthClient, userId: string) => ({
      mutationKey: [...USERS, 'delete', userId] as const,
      mutationFn: async (_: void): Promise<null> =>
        unwrap(await adminClientFor(client).users.delete(userId)),
      invalidates: [lists()],
    }),
    /** The profile and the name the list and detail show. */
    updateProfile: (client: AuthClient, userId: string) => ({
      mutationKey: [...USERS, 'update-profile', userId] as const,
      mutationFn: async (patch: ProfilePatch): Promise<Profile> =>
        unwrap(await adminClientFor(client).users.updateProfile(userId, patch)),
      invalidates: [lists(), detailOf(userId), profileOf(userId)],
    }),
    uploadAvatar: (client: AuthClient, userId: string) => ({
      mutationKey: [...USERS, 'upload-avatar', userId] as const,
      mutationFn: async (image: Blob): Promise<Profile> =>
        unwrap(await adminClientFor(client).users.uploadAvatar(userId, image)),
      invalidates: [profileOf(userId), detailOf(userId)],
    }),
    deleteAvatar: (client: AuthClient, userId: string) => ({
      mutationKey: [...USERS, 'delete-avatar', userId] as const,
      mutationFn: async (_: void): Promise<null> =>
        unwrap(await adminClientFor(client).users.deleteAvatar(userId)),
      invalidates: [profileOf(userId), detailOf(userId)],
    }),
    /** One action on the selected users: the lists and those users' details go stale. */
    bulk: (client: AuthClient, userIds: readonly string[]) => ({
      mutationKey: [...USERS, 'bulk'] as const,
      mutationFn: async (input: Omit<AdminBulkInput, 'userIds'>) =>
        unwrap(await adminClientFor(client).users.bulk({ ...input, userIds: [...userIds] })),
      invalidates: [lists(), ...userIds.map(detailOf)],
    }),
  },
};
