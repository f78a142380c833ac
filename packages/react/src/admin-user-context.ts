'use client';
import type { AdminUser, ClientError, Result, SessionPayload } from '@catalyst/authkit';
import type { UserAdminPanelWords } from './admin-words.js';
import type { ProfileFieldDescription } from './user-profile-values.js';
import { lazyContext } from './form-kit.js';
import type { UseAdminUserResult } from './use-admin-user.js';
import type { UseAdminUsersResult } from './use-admin-users.js';

/** What `UserAdminPanel.Root` shares with its parts (search, filters, table, pager, drawer). */
export interface UserAdminPanelContext extends UseAdminUsersResult {
  words: UserAdminPanelWords;
  /** DOM id prefix for the parts. */
  id: string;
  /** The user whose drawer is open. */
  openUserId: string | null;
  /** Opens the drawer; focus comes back to what had it when the drawer closes. */
  openUser(userId: string): void;
  closeUser(): void;
  /** Called once an impersonation has started (the session store already holds the user's). */
  onImpersonate: ((session: SessionPayload) => void) | undefined;
  profileFields: Record<string, ProfileFieldDescription> | undefined;
}

/** The drawer's tabs, in order. */
export const ADMIN_USER_TABS = [
  'profile',
  'access',
  'orgs',
  'sessions',
  'keys',
  'factors',
  'activity',
] as const;
export type AdminUserTab = (typeof ADMIN_USER_TABS)[number];

/** What `UserAdminPanel.Drawer` shares with its tabs and actions. */
export interface AdminDrawerContext extends UseAdminUserResult {
  words: UserAdminPanelWords;
  id: string;
  tab: AdminUserTab;
  setTab(tab: AdminUserTab): void;
  close(): void;
  /** What the last write said it did (shown in a status line), or null. */
  notice: string | null;
  /** The last write's failure (shown as an alert), or null. */
  failure: ClientError | null;
  /** Runs a write and reports it: its notice on success, its error on failure. */
  perform<T>(run: () => Promise<Result<T>>, notice: (data: T) => string): Promise<Result<T>>;
}

export const adminPanel = lazyContext<UserAdminPanelContext>('UserAdminPanel');
export const adminRow = lazyContext<{ user: AdminUser }>('UserAdminPanel', 'Row');
export const adminDrawer = lazyContext<AdminDrawerContext>('UserAdminPanel', 'Drawer');
