import type { OrgRecord, UserRecord } from './store.js';

/** How the admin user list is ordered; `-` means descending. Ties break on the user id. */
export const ADMIN_USER_SORTS = [
  'created',
  '-created',
  'email',
  '-email',
  'lastActive',
  '-lastActive',
] as const;
export type AdminUserSort = (typeof ADMIN_USER_SORTS)[number];

/** Every field narrows the list; absent fields do not filter. */
export interface AdminUserFilter {
  /** Substring of the email or name (case-insensitive), or an exact user id. */
  q?: string | undefined;
  /** Exact (normalized) address. */
  email?: string | undefined;
  /** `none`: users without a platform role; `any`: with one. */
  platformRole?: 'admin' | 'support' | 'any' | 'none' | undefined;
  banned?: boolean | undefined;
  /** Members of this org. */
  orgId?: string | undefined;
  /** Users carrying this label themselves (not through an org). */
  label?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
  activeAfter?: Date | undefined;
  activeBefore?: Date | undefined;
}

/** Where the previous page stopped: the sort value of its last row and that row's id. */
export interface AdminUserCursor {
  value: string | null;
  id: string;
}

export interface AdminUserPage {
  sort: AdminUserSort;
  after?: AdminUserCursor | undefined;
  limit: number;
}

export interface UserMembershipRow {
  orgId: string;
  slug: string;
  name: string;
  roles: string[];
  joinedAt: Date;
}

export interface BanInput {
  reason: string | null;
  expiresAt: Date | null;
}

/** Platform-wide reads and writes over users that no org-scoped repository may do. */
export interface AdminUserRepository {
  /** Rows with `sortKey`: the sort value exactly as the next page's cursor must carry it. */
  search(
    filter: AdminUserFilter,
    page: AdminUserPage,
  ): Promise<Array<UserRecord & { sortKey: string | null }>>;
  memberships(userId: string): Promise<UserMembershipRow[]>;
  /** Sets (input) or lifts (null) the ban; null when there is no such user. */
  setBan(userId: string, ban: BanInput | null, at: Date): Promise<UserRecord | null>;
  setName(userId: string, name: string | null, at: Date): Promise<UserRecord | null>;
  /** Ids of active orgs the user owns (a delete must not orphan them). */
  ownedOrgs(userId: string): Promise<string[]>;
  /**
   * Deleted orgs keep an owner for referential integrity only: hands those of `from` to `to` (the
   * admin deleting `from`) and answers their ids.
   */
  handOverDeletedOrgs(from: string, to: string): Promise<string[]>;
  /** Erases the user; sessions, memberships, factors and profile go by cascade. */
  delete(userId: string): Promise<boolean>;
  /** Users holding `admin` (to keep at least one). */
  countAdmins(): Promise<number>;
}

export interface AdminOrgFilter {
  /** Substring of the name or slug (case-insensitive), or an exact org id. */
  q?: string | undefined;
  status?: 'active' | 'deleted' | 'all' | undefined;
  plan?: string | undefined;
}

export interface AdminOrgRow {
  org: OrgRecord;
  memberCount: number;
  owner: { id: string; email: string; name: string | null } | null;
}

/** Every org of the platform, whoever asks (the admin API checks the platform role first). */
export interface AdminOrgRepository {
  /** Ordered by id after `afterId`. */
  search(
    filter: AdminOrgFilter,
    page: { afterId?: string | undefined; limit: number },
  ): Promise<AdminOrgRow[]>;
  get(orgId: string): Promise<AdminOrgRow | null>;
}
