'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { LiveStatus } from './account-parts.js';
import { Actions } from './admin-user-actions.js';
import {
  ADMIN_USER_TABS,
  adminDrawer,
  adminPanel,
  type AdminDrawerContext,
  type AdminUserTab,
} from './admin-user-context.js';
import { ProfileDetails } from './admin-user-profile.js';
import { onTablistKeyDown } from './tablist-keys.js';
import { Access, Activity, Factors, Keys, Orgs, Profile, Sessions } from './admin-user-tabs.js';
import type { UserAdminPanelWords } from './admin-words.js';
import { partContent } from './default-content.js';
import { ErrorAlert } from './key-parts.js';
import { useAdminUser } from './use-admin-user.js';

/**
 * The user drawer: a non-modal dialog beside the table with the user's name, a close button, the
 * last write's outcome, the account actions and the tabs (plain ARIA tabs: arrow keys, Home and
 * End move between them).
 */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/**
 * The open user's drawer (nothing while none is open), loading that user (`useAdminUser`).
 * `role="dialog"` named by its title, `data-state="loading|error|ready|forbidden"`; it takes
 * focus when it opens, and Escape closes it.
 */
export function Drawer(props: DivProps) {
  const panel = adminPanel.use('Drawer');
  if (!panel.openUserId) return null;
  // Keyed: another user starts on the first tab, with no leftover notice.
  return <DrawerFor key={panel.openUserId} userId={panel.openUserId} {...props} />;
}

function DrawerFor({ userId, children, onKeyDown, ...props }: DivProps & { userId: string }) {
  const panel = adminPanel.use('Drawer');
  const user = useAdminUser(userId);
  const [tab, setTab] = React.useState<AdminUserTab>('profile');
  const [notice, setNotice] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<ClientError | null>(null);
  const perform = React.useCallback(
    async <T,>(run: () => Promise<Result<T>>, message: (data: T) => string) => {
      setNotice(null);
      setFailure(null);
      const result = await run();
      if (result.ok) setNotice(message(result.data) || null);
      else setFailure(result.error);
      return result;
    },
    [],
  );
  const self = React.useRef<HTMLDivElement>(null);
  React.useLayoutEffect(() => self.current?.focus(), []);
  const id = `${panel.id}-drawer`;
  const value: AdminDrawerContext = {
    ...user,
    words: panel.words,
    id,
    tab,
    setTab,
    close: panel.closeUser,
    notice,
    failure,
    perform,
  };
  const Context = adminDrawer.get();
  return (
    <Context.Provider value={value}>
      <Primitive.div
        ref={self}
        role="dialog"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        data-catalyst="user-admin-drawer"
        data-state={user.state}
        data-user-id={userId}
        aria-busy={user.state === 'loading' || undefined}
        {...props}
        onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
          onKeyDown?.(event);
          // A confirm step inside takes its own Escape (and prevents it): it closes only itself.
          if (!event.defaultPrevented && event.key === 'Escape') panel.closeUser();
        }}
      >
        {children ?? (
          <>
            <Title /> <Close />
            <Notice />
            <DrawerError />
            <Actions />
            <Tabs />
          </>
        )}
      </Primitive.div>
    </Context.Provider>
  );
}

/** The drawer's heading (its accessible name): the user's name or email, or "Loading user…". */
export function Title({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.h2>) {
  const ctx = adminDrawer.use('Title');
  const text = ctx.user ? (ctx.user.name ?? ctx.user.email) : ctx.words.drawerLoading;
  return (
    <Primitive.h2
      asChild={asChild}
      id={`${ctx.id}-title`}
      data-catalyst="user-admin-drawer-title"
      {...props}
    >
      {partContent(asChild, children, text)}
    </Primitive.h2>
  );
}

/** Closes the drawer; focus goes back to the row that opened it. */
export function Close({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = adminDrawer.use('Close');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="user-admin-drawer-close"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.close();
      }}
    >
      {partContent(asChild, children, ctx.words.close)}
    </Primitive.button>
  );
}

/** What the last write did (`role="status"`, always present so it is announced). */
export function Notice(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = adminDrawer.use('Notice');
  return <LiveStatus catalyst="user-admin-notice" text={ctx.notice} {...props} />;
}

/** Loading the user failed, or the last write did: an alert with `data-code`. */
export function DrawerError(props: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const ctx = adminDrawer.use('Error');
  const error =
    ctx.failure ?? (ctx.state === 'error' || ctx.state === 'forbidden' ? ctx.error : null);
  return <ErrorAlert error={error} catalyst="user-admin-drawer-error" {...props} />;
}

const TAB_WORDS: Record<AdminUserTab, keyof UserAdminPanelWords> = {
  profile: 'tabProfile',
  access: 'tabAccess',
  orgs: 'tabOrgs',
  sessions: 'tabSessions',
  keys: 'tabKeys',
  factors: 'tabFactors',
  activity: 'tabActivity',
};

const PANELS: Record<AdminUserTab, () => React.ReactNode> = {
  profile: () => (
    <>
      <Profile />
      <ProfileDetails />
    </>
  ),
  access: () => <Access />,
  orgs: () => <Orgs />,
  sessions: () => <Sessions />,
  keys: () => <Keys />,
  factors: () => <Factors />,
  activity: () => <Activity />,
};

const tabId = (ctx: AdminDrawerContext, tab: AdminUserTab) => `${ctx.id}-tab-${tab}`;
const panelId = (ctx: AdminDrawerContext, tab: AdminUserTab) => `${ctx.id}-panel-${tab}`;

/** The tab buttons (`role="tablist"`): one tab stop; arrows, Home and End move and select. */
export function TabList(props: DivProps) {
  const ctx = adminDrawer.use('TabList');
  return (
    <Primitive.div
      role="tablist"
      aria-label={ctx.words.tabsLabel}
      data-catalyst="user-admin-tablist"
      {...props}
      onKeyDown={onTablistKeyDown}
    >
      {ADMIN_USER_TABS.map((tab) => {
        const selected = tab === ctx.tab;
        return (
          <button
            key={tab}
            id={tabId(ctx, tab)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId(ctx, tab)}
            tabIndex={selected ? 0 : -1}
            data-catalyst="user-admin-tab"
            data-tab={tab}
            data-state={selected ? 'active' : 'inactive'}
            onClick={() => ctx.setTab(tab)}
          >
            {ctx.words[TAB_WORDS[tab]]}
          </button>
        );
      })}
    </Primitive.div>
  );
}

/** One tab's panel (`role="tabpanel"`): its content only while selected, hidden otherwise. */
export function TabPanel({ tab, children, ...props }: DivProps & { tab: AdminUserTab }) {
  const ctx = adminDrawer.use('TabPanel');
  const selected = ctx.tab === tab;
  return (
    <Primitive.div
      role="tabpanel"
      id={panelId(ctx, tab)}
      aria-labelledby={tabId(ctx, tab)}
      hidden={!selected}
      tabIndex={0}
      data-catalyst="user-admin-tabpanel"
      data-tab={tab}
      {...props}
    >
      {selected ? (children ?? PANELS[tab]()) : null}
    </Primitive.div>
  );
}

/** The tab list and every panel; rendered once the user is loaded. */
export function Tabs({ children, ...props }: DivProps) {
  const ctx = adminDrawer.use('Tabs');
  if (ctx.state !== 'ready') return null;
  return (
    <Primitive.div data-catalyst="user-admin-tabs" {...props}>
      {children ?? (
        <>
          <TabList />
          {ADMIN_USER_TABS.map((tab) => (
            <TabPanel key={tab} tab={tab} />
          ))}
        </>
      )}
    </Primitive.div>
  );
}
