'use client';
import type { ClientError, MyOrg } from '@catalyst/authkit';
import * as React from 'react';
import type { DataState } from './data/core.js';
import { useSession } from './hooks.js';
import { ORG_ADMIN_TABS, type OrgAdminTab } from './org-admin-words.js';
import { useOrgPermissions } from './use-effective-identity.js';
import { useOrg } from './use-orgs.js';

/** The permission that shows each tab (what the server asks to read what the tab shows). */
export const ORG_ADMIN_TAB_PERMISSIONS: Readonly<Record<OrgAdminTab, string>> = {
  profile: 'org:read',
  members: 'members:read',
  roles: 'org:read',
  groups: 'org:read',
  plan: 'org:read',
  invitations: 'invitations:manage',
  domains: 'domains:manage',
  // Owners only: the org's provider signs in everyone at its verified domains.
  sso: 'sso:manage',
  // Owners only too: a directory sync adds and removes members.
  directory: 'directory:manage',
  keys: 'keys:manage',
  webhooks: 'webhooks:manage',
  audit: 'audit:read',
};

/** How the caller reaches the org: as a member, or (not a member) through a platform role. */
export type OrgAdminAccess = 'member' | 'platform-admin' | 'platform-support';

export interface UseOrgAdminPanelOptions {
  /** The tabs to offer, in order (default all: `ORG_ADMIN_TABS`); those the caller may not see are left out. */
  tabs?: readonly OrgAdminTab[];
  /** The tab open at first (default the first the caller may see). */
  defaultTab?: OrgAdminTab;
  /** The open tab, controlled (with `onTabChange`), e.g. from the URL. */
  tab?: OrgAdminTab;
  onTabChange?: (tab: OrgAdminTab) => void;
}

export interface UseOrgAdminPanelResult {
  /**
   * `loading` until the org and the caller's permissions are known; `empty` without an org;
   * `forbidden` when signed out, outside the org without a platform role (the server's 404), or
   * allowed no tab; `error` when the org failed to load.
   */
  state: DataState;
  orgId: string | null;
  org: MyOrg | null;
  error: ClientError | null;
  reload(): Promise<void>;
  /** The tabs the caller may see, of those asked for, in order. */
  tabs: OrgAdminTab[];
  /** The open tab (null until there is one the caller may see). */
  tab: OrgAdminTab | null;
  select(tab: OrgAdminTab): void;
  /** Whether the caller holds `permission` in the org (as the tabs' components decide). */
  can(permission: string): boolean;
  access: OrgAdminAccess | null;
}

const hidden = (error: ClientError | null) =>
  error !== null && (error.status === 401 || error.status === 403 || error.status === 404);

/**
 * One org's administration (the active org unless `orgId`): which tabs the caller may see and
 * which is open. An org admin sees what their roles allow; a platform admin who is not a member
 * sees everything, platform support reads the profile, members, roles, groups, plan and audit.
 */
export function useOrgAdminPanel(
  orgId?: string | null,
  options: UseOrgAdminPanelOptions = {},
): UseOrgAdminPanelResult {
  const session = useSession();
  const org = useOrg(orgId);
  const permissions = useOrgPermissions(org.orgId);
  const [chosen, setChosen] = React.useState(options.defaultTab);
  const asked = options.tabs ?? ORG_ADMIN_TABS;
  const tabs = permissions.known
    ? asked.filter((tab) => permissions.can(ORG_ADMIN_TAB_PERMISSIONS[tab]))
    : [];
  const wanted = options.tab ?? chosen;
  const tab = wanted !== undefined && tabs.includes(wanted) ? wanted : (tabs[0] ?? null);
  const { onTabChange } = options;
  const select = React.useCallback(
    (next: OrgAdminTab) => {
      setChosen(next);
      onTabChange?.(next);
    },
    [onTabChange],
  );
  const state: DataState =
    session.status === 'unauthenticated' || permissions.via === 'none' || hidden(org.error)
      ? 'forbidden'
      : org.state === 'empty' || org.state === 'error'
        ? org.state
        : org.state === 'loading' || !permissions.known
          ? 'loading'
          : tabs.length === 0
            ? 'forbidden'
            : 'ready';
  const access: OrgAdminAccess | null =
    permissions.via === 'member'
      ? 'member'
      : permissions.via === 'platform'
        ? permissions.permissions.includes('*')
          ? 'platform-admin'
          : 'platform-support'
        : null;
  return {
    state,
    orgId: org.orgId,
    org: org.org,
    error: org.error,
    reload: org.reload,
    tabs,
    tab: state === 'ready' ? tab : null,
    select,
    can: permissions.can,
    access,
  };
}
