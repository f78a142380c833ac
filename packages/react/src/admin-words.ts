'use client';
import { useWords } from './localization.js';

/**
 * The words of `<UserAdminPanel>` and its parts, overridable on
 * `<AuthProvider localization={{ userAdminPanel: { … } }}>`. `{user}`, `{n}`, `{label}`, `{org}`,
 * `{time}`, `{ok}`, `{failed}`, `{filter}` and `{code}` are replaced.
 */
export interface UserAdminPanelWords {
  loading: string;
  empty: string;
  /** No user matches the search or the filters. */
  emptyFiltered: string;
  /** Without a platform role (or signed out). */
  forbidden: string;
  searchLabel: string;
  search: string;
  searchSubmit: string;
  filtersLabel: string;
  roleAdmin: string;
  roleSupport: string;
  roleAny: string;
  roleNone: string;
  banned: string;
  notBanned: string;
  labelFilter: string;
  orgFilter: string;
  removeFilter: string;
  clearFilters: string;
  /** The table's caption. */
  tableLabel: string;
  selectAll: string;
  selectUser: string;
  columnEmail: string;
  columnName: string;
  columnRoles: string;
  columnStatus: string;
  columnLabels: string;
  columnCreated: string;
  columnLastActive: string;
  openUser: string;
  filterByLabel: string;
  never: string;
  none: string;
  statusActive: string;
  statusBanned: string;
  bannedUntil: string;
  pagerLabel: string;
  previous: string;
  next: string;
  page: string;
  bulkLabel: string;
  selected: string;
  bulkBan: string;
  bulkUnban: string;
  bulkAddLabel: string;
  bulkRemoveLabel: string;
  bulkSignOut: string;
  bulkDelete: string;
  clearSelection: string;
  confirmBulkBan: string;
  confirmBulkUnban: string;
  confirmBulkAddLabel: string;
  confirmBulkRemoveLabel: string;
  confirmBulkSignOut: string;
  confirmBulkDelete: string;
  bulkDone: string;
  bulkFailure: string;
  label: string;
  reason: string;
  banEnds: string;
  confirm: string;
  cancel: string;
  close: string;
  drawerLoading: string;
  actionsLabel: string;
  tabsLabel: string;
  tabProfile: string;
  tabAccess: string;
  tabOrgs: string;
  tabSessions: string;
  tabKeys: string;
  tabFactors: string;
  tabActivity: string;
  email: string;
  name: string;
  userId: string;
  verified: string;
  yes: string;
  no: string;
  created: string;
  lastActive: string;
  status: string;
  banReason: string;
  labels: string;
  labelsHint: string;
  saveLabels: string;
  platformRole: string;
  roleNoneOption: string;
  roleSupportOption: string;
  roleAdminOption: string;
  saveRole: string;
  saved: string;
  noOrgs: string;
  orgRoles: string;
  joined: string;
  showMembers: string;
  noSessions: string;
  unknownDevice: string;
  signOutEverywhere: string;
  signedOut: string;
  noKeys: string;
  keyActive: string;
  keyRevoked: string;
  totp: string;
  on: string;
  off: string;
  recoveryCodes: string;
  passkeys: string;
  noPasskeys: string;
  resetMfa: string;
  confirmResetMfa: string;
  mfaReset: string;
  sendPasswordReset: string;
  passwordResetSent: string;
  noActivity: string;
  ban: string;
  banTitle: string;
  banSubmit: string;
  userBanned: string;
  unban: string;
  unbanned: string;
  impersonate: string;
  delete: string;
  confirmDelete: string;
  deleteSubmit: string;
  deleted: string;
}

export const USER_ADMIN_PANEL_WORDS: UserAdminPanelWords = {
  loading: 'Loading users…',
  empty: 'No users yet.',
  emptyFiltered: 'No users match this search.',
  forbidden: 'You need a platform role (admin or support) to see the users.',
  searchLabel: 'Search users',
  search: 'Email, name or user ID',
  searchSubmit: 'Search',
  filtersLabel: 'Filters',
  roleAdmin: 'Admins',
  roleSupport: 'Support',
  roleAny: 'Any platform role',
  roleNone: 'No platform role',
  banned: 'Banned',
  notBanned: 'Not banned',
  labelFilter: 'Label: {label}',
  orgFilter: 'Org: {org}',
  removeFilter: 'Remove filter {filter}',
  clearFilters: 'Clear filters',
  tableLabel: 'Users',
  selectAll: 'Select every user on this page',
  selectUser: 'Select {user}',
  columnEmail: 'Email',
  columnName: 'Name',
  columnRoles: 'Platform roles',
  columnStatus: 'Status',
  columnLabels: 'Labels',
  columnCreated: 'Created',
  columnLastActive: 'Last active',
  openUser: 'Open {user}',
  filterByLabel: 'Show users labelled {label}',
  never: 'Never',
  none: '—',
  statusActive: 'Active',
  statusBanned: 'Banned',
  bannedUntil: 'Banned until {time}',
  pagerLabel: 'Pages',
  previous: 'Previous',
  next: 'Next',
  page: 'Page {n}',
  bulkLabel: 'Bulk actions',
  selected: '{n} selected',
  bulkBan: 'Ban',
  bulkUnban: 'Unban',
  bulkAddLabel: 'Add label',
  bulkRemoveLabel: 'Remove label',
  bulkSignOut: 'Sign out',
  bulkDelete: 'Delete',
  clearSelection: 'Clear selection',
  confirmBulkBan: 'Ban {n} users? Their sessions end at once.',
  confirmBulkUnban: 'Lift the ban on {n} users?',
  confirmBulkAddLabel: 'Add a label to {n} users.',
  confirmBulkRemoveLabel: 'Remove a label from {n} users.',
  confirmBulkSignOut: 'Sign {n} users out everywhere?',
  confirmBulkDelete: 'Delete {n} users? This cannot be undone.',
  bulkDone: '{ok} done, {failed} failed.',
  bulkFailure: '{user}: {code}',
  label: 'Label',
  reason: 'Reason (optional)',
  banEnds: 'Ban ends (optional)',
  confirm: 'Confirm',
  cancel: 'Cancel',
  close: 'Close',
  drawerLoading: 'Loading user…',
  actionsLabel: 'Actions',
  tabsLabel: 'User details',
  tabProfile: 'Profile',
  tabAccess: 'Labels & roles',
  tabOrgs: 'Orgs',
  tabSessions: 'Sessions',
  tabKeys: 'API keys',
  tabFactors: 'Second factors',
  tabActivity: 'Activity',
  email: 'Email',
  name: 'Name',
  userId: 'User ID',
  verified: 'Email verified',
  yes: 'Yes',
  no: 'No',
  created: 'Created',
  lastActive: 'Last active',
  status: 'Status',
  banReason: 'Ban reason',
  labels: 'Labels',
  labelsHint: 'Comma-separated.',
  saveLabels: 'Save labels',
  platformRole: 'Platform role',
  roleNoneOption: 'None',
  roleSupportOption: 'Support (read-only)',
  roleAdminOption: 'Admin',
  saveRole: 'Save role',
  saved: 'Saved.',
  noOrgs: 'Not a member of any org.',
  orgRoles: 'Roles',
  joined: 'Joined',
  showMembers: 'Show members of {org}',
  noSessions: 'No active sessions.',
  unknownDevice: 'Unknown device',
  signOutEverywhere: 'Sign out everywhere',
  signedOut: 'Signed out of {n} sessions.',
  noKeys: 'No API keys.',
  keyActive: 'Active',
  keyRevoked: 'Revoked',
  totp: 'Authenticator app',
  on: 'On',
  off: 'Off',
  recoveryCodes: 'Recovery codes left',
  passkeys: 'Passkeys',
  noPasskeys: 'No passkeys.',
  resetMfa: 'Reset second factors',
  confirmResetMfa: 'Remove the authenticator app, recovery codes and passkeys of {user}?',
  mfaReset: 'Second factors reset.',
  sendPasswordReset: 'Send password reset',
  passwordResetSent: 'Password-reset email sent.',
  noActivity: 'No recent activity.',
  ban: 'Ban',
  banTitle: 'Ban {user}',
  banSubmit: 'Ban user',
  userBanned: 'User banned.',
  unban: 'Unban',
  unbanned: 'Ban lifted.',
  impersonate: 'Impersonate',
  delete: 'Delete',
  confirmDelete: 'Delete {user}? This cannot be undone.',
  deleteSubmit: 'Delete user',
  deleted: 'User deleted.',
};

/** The panel's words: the defaults above with the provider's `userAdminPanel` on top. */
export const useUserAdminPanelWords = () => useWords('userAdminPanel', USER_ADMIN_PANEL_WORDS);
