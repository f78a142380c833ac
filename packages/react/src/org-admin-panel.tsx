'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartText } from './account-parts.js';
import { AuditViewer } from './audit-viewer.js';
import { DomainManager } from './domain-manager.js';
import { GroupManager } from './group-manager.js';
import { InviteMember } from './invite-member.js';
import { KeyManager } from './key-manager.js';
import { LogoUploader } from './logo-uploader.js';
import { MemberList } from './member-list.js';
import type { OrgAdminTab } from './org-admin-words.js';
import {
  Access,
  ErrorPart,
  panel,
  Root,
  Loading,
  Empty,
  Forbidden,
  Tab,
  tabDomId,
  TabList,
  Title,
  type OrgAdminPanelProps,
} from './org-admin-panel-parts.js';
import { OrgPlanPanel } from './org-plan-panel.js';
import { OrgProfileForm } from './org-profile-form.js';
import { RoleManager } from './role-manager.js';
import { WebhookManager } from './webhook-manager.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/**
 * A tab whose code loads when it first opens (`import()`), so the panel does not carry it: single
 * sign-on (`SsoSettings`, `ClaimMappingEditor`) and the directory. Made on first render, not at
 * import.
 */
function lazyTab<P extends object>(load: () => Promise<React.ComponentType<P>>) {
  let Lazy: React.LazyExoticComponent<React.ComponentType<P>> | undefined;
  return function LazyTab(props: P) {
    const ctx = panel.use('Panel');
    Lazy ??= React.lazy(async () => ({ default: await load() }));
    return (
      <React.Suspense
        fallback={<PartText catalyst="org-admin-tab-loading" text={ctx.words.tabLoading} />}
      >
        <Lazy {...props} />
      </React.Suspense>
    );
  };
}

const SsoTab = lazyTab(async () => (await import('./org-admin-panel-sso.js')).OrgSsoTab);
const DirectoryTab = lazyTab(
  async () => (await import('./directory-settings.js')).DirectorySettings,
);

/**
 * What a tab shows by default: the component that exists for it, on the panel's org. The
 * profile tab has the logo uploader only for those who may change the profile (`org:update`).
 */
function TabContent({ tab }: { tab: OrgAdminTab }) {
  const ctx = panel.use('Panel');
  const orgId = ctx.orgId;
  switch (tab) {
    case 'profile':
      return (
        <>
          {ctx.can('org:update') && <LogoUploader orgId={orgId} />}
          <OrgProfileForm orgId={orgId} />
        </>
      );
    case 'members':
      return <MemberList orgId={orgId} />;
    case 'roles':
      return <RoleManager orgId={orgId} />;
    case 'groups':
      return <GroupManager orgId={orgId} />;
    case 'plan':
      return <OrgPlanPanel orgId={orgId} />;
    case 'invitations':
      return <InviteMember orgId={orgId} />;
    case 'domains':
      return <DomainManager orgId={orgId} />;
    case 'sso':
      return <SsoTab orgId={orgId} owner={ctx.can('sso:manage')} />;
    case 'directory':
      return <DirectoryTab orgId={orgId} />;
    case 'keys':
      return <KeyManager orgId={orgId} />;
    case 'webhooks':
      return <WebhookManager orgId={orgId} />;
    case 'audit':
      return <AuditViewer orgId={orgId} />;
  }
}

/**
 * A tab's panel (`role="tabpanel"`, named by its tab); rendered only while its tab is open, so a
 * closed tab loads nothing. Without children it shows the tab's component.
 */
function Panel({ tab, children, ...props }: DivProps & { tab: OrgAdminTab }) {
  const ctx = panel.use('Panel');
  if (ctx.state !== 'ready' || ctx.tab !== tab) return null;
  return (
    <Primitive.div
      role="tabpanel"
      id={tabDomId(ctx.id, 'panel', tab)}
      aria-labelledby={tabDomId(ctx.id, 'tab', tab)}
      tabIndex={0}
      data-catalyst="org-admin-tab-panel"
      data-tab={tab}
      {...props}
    >
      {children ?? <TabContent tab={tab} />}
    </Primitive.div>
  );
}

/** A `Panel` for every tab the caller may see (the open one renders), each with its default. */
function Panels() {
  const ctx = panel.use('Panels');
  return (
    <>
      {ctx.tabs.map((tab) => (
        <Panel key={tab} tab={tab} />
      ))}
    </>
  );
}

function DefaultOrgAdminPanel(props: OrgAdminPanelProps) {
  return (
    <Root {...props}>
      <Title />
      <Access />
      <Loading />
      <Empty />
      <Forbidden />
      <ErrorPart />
      <TabList />
      <Panels />
    </Root>
  );
}

export type { OrgAdminPanelProps };

/**
 * `<OrgAdminPanel orgId={…} />`: one org's profile, members, roles, groups, plan and
 * entitlements, invitations, domains, single sign-on and directory sync (owners), API keys,
 * webhooks and audit log as tabs, each the kit's
 * own component. The caller sees the tabs their permissions there allow; a platform admin who is
 * not a member sees all of them, platform support reads. Compose your own from
 * `OrgAdminPanel.Root` (`orgId`, `tabs`, `defaultTab`, `tab`, `onTabChange`), `.Title`,
 * `.Access`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.TabList`, `.Tab`, `.Panel` and
 * `.Panels`.
 */
export const OrgAdminPanel = Object.assign(DefaultOrgAdminPanel, {
  Root,
  Title,
  Access,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  TabList,
  Tab,
  Panel,
  Panels,
});
