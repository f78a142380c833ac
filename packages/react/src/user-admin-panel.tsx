'use client';
import {
  Ban,
  Delete,
  Impersonate,
  ResetMfa,
  SendPasswordReset,
  SignOutEverywhere,
  Actions,
} from './admin-user-actions.js';
import { BulkBar } from './admin-user-bulk.js';
import { ConfirmAction } from './admin-user-confirm.js';
import {
  Close,
  Drawer,
  DrawerError,
  Notice,
  TabList,
  TabPanel,
  Tabs,
  Title,
} from './admin-user-drawer.js';
import {
  Empty,
  ErrorPart,
  FilterChips,
  Forbidden,
  Loading,
  Pager,
  Root,
  Search,
  type UserAdminPanelProps,
} from './admin-user-parts.js';
import { ProfileDetails } from './admin-user-profile.js';
import { Access, Activity, Factors, Keys, Orgs, Profile, Sessions } from './admin-user-tabs.js';
import {
  Created,
  DefaultCells,
  Labels,
  LastActive,
  Name,
  Open,
  Roles,
  Row,
  Select,
  SelectAll,
  SortHeader,
  Status,
  Table,
} from './admin-user-table.js';

export type { UserAdminPanelProps };

function DefaultUserAdminPanel(props: UserAdminPanelProps) {
  return (
    <Root {...props}>
      <Forbidden />
      <Search />
      <FilterChips />
      <BulkBar />
      <Loading />
      <ErrorPart />
      <Empty />
      <Table />
      <Pager />
      <Drawer />
    </Root>
  );
}

/**
 * `<UserAdminPanel />`: the platform's users for admin and support staff. A search box, filter
 * chips (platform role, ban status, label, org), a table sorted on the server (email, created,
 * last active) in keyset pages, row selection with bulk actions (ban, unban, label, sign out,
 * delete; each confirmed), and a drawer per user with tabs (profile, labels and roles, orgs,
 * sessions, API keys, second factors, activity) and the account actions (ban or unban,
 * impersonate, delete, sign out everywhere, reset second factors, send a password reset).
 * Support staff get the same views without any write control; without a platform role the
 * panel is `forbidden`. Compose your own from the parts below.
 */
export const UserAdminPanel = Object.assign(DefaultUserAdminPanel, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Search,
  FilterChips,
  BulkBar,
  Table,
  SortHeader,
  SelectAll,
  Row,
  DefaultCells,
  Select,
  Open,
  Name,
  Roles,
  Status,
  Labels,
  Created,
  LastActive,
  Pager,
  Drawer,
  Title,
  Close,
  Notice,
  DrawerError,
  Actions,
  Ban,
  Impersonate,
  Delete,
  Tabs,
  TabList,
  TabPanel,
  Profile,
  ProfileDetails,
  Access,
  Orgs,
  Sessions,
  Keys,
  Factors,
  Activity,
  SignOutEverywhere,
  SendPasswordReset,
  ResetMfa,
  ConfirmAction,
});
