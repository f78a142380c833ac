'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fillIn, PartText } from './account-parts.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { ErrorAlert, stateOnly } from './key-parts.js';
import { onTablistKeyDown } from './tablist-keys.js';
import { useWords } from './localization.js';
import { ORG_ADMIN_WORDS, type OrgAdminPanelWords, type OrgAdminTab } from './org-admin-words.js';
import {
  useOrgAdminPanel,
  type UseOrgAdminPanelOptions,
  type UseOrgAdminPanelResult,
} from './use-org-admin-panel.js';

/**
 * The frame of `<OrgAdminPanel>`: its root, title, states and accessible tabs (`role="tablist"`,
 * `tab`, `tabpanel`; ←/→/Home/End move and open). The tabs' contents are in org-admin-panel.tsx.
 */

export interface PanelContext extends UseOrgAdminPanelResult {
  id: string;
  words: OrgAdminPanelWords;
}

export const panel = lazyContext<PanelContext>('OrgAdminPanel');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export const tabDomId = (id: string, kind: 'tab' | 'panel', tab: OrgAdminTab) =>
  `${id}-${kind}-${tab}`;

export interface OrgAdminPanelProps extends DivProps, UseOrgAdminPanelOptions {
  /** The org to administer; default the session's active org. */
  orgId?: string | null;
}

/**
 * Knows the org, the caller's access and the open tab. `data-state` is
 * `loading|empty|error|ready|forbidden`, `data-access` is `member|platform-admin|platform-support`.
 */
export function Root({ orgId, tabs, defaultTab, tab, onTabChange, ...props }: OrgAdminPanelProps) {
  const options: UseOrgAdminPanelOptions = {};
  if (tabs) options.tabs = tabs;
  if (defaultTab) options.defaultTab = defaultTab;
  if (tab) options.tab = tab;
  if (onTabChange) options.onTabChange = onTabChange;
  const admin = useOrgAdminPanel(orgId, options);
  const words = useWords('orgAdminPanel', ORG_ADMIN_WORDS);
  const id = React.useId();
  const Context = panel.get();
  return (
    <Context.Provider value={{ ...admin, id, words }}>
      <Primitive.div
        data-catalyst="org-admin-panel"
        data-state={admin.state}
        data-access={admin.access ?? undefined}
        aria-busy={admin.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** The org's name; rendered once the org is loaded. */
export function Title({ asChild, children, ...props }: ParagraphProps) {
  const ctx = panel.use('Title');
  if (!ctx.org || ctx.state !== 'ready') return null;
  return (
    <Primitive.p asChild={asChild} data-catalyst="org-admin-title" {...props}>
      {partContent(asChild, children, ctx.org.name)}
    </Primitive.p>
  );
}

/** Says the caller is not a member and acts through a platform role; nothing for members. */
export function Access(props: ParagraphProps) {
  const ctx = panel.use('Access');
  if (ctx.state !== 'ready' || ctx.access === null || ctx.access === 'member') return null;
  const text =
    ctx.access === 'platform-admin' ? ctx.words.platformAdmin : ctx.words.platformSupport;
  return (
    <PartText
      catalyst="org-admin-access"
      data-access={ctx.access}
      role="note"
      text={text}
      {...props}
    />
  );
}

export const Loading = stateOnly('loading', 'org-admin', panel.use, 'Loading');
export const Empty = stateOnly('empty', 'org-admin', panel.use, 'Empty');
export const Forbidden = stateOnly('forbidden', 'org-admin', panel.use, 'Forbidden');

/** Loading the org failed (an alert with `data-code`). */
export function ErrorPart(props: ParagraphProps) {
  const ctx = panel.use('Error');
  if (ctx.state !== 'error') return null;
  return <ErrorAlert error={ctx.error} catalyst="org-admin-error" {...props} />;
}

/**
 * The tab list (`role="tablist"`, named "Administration of …"): one `Tab` per tab the caller
 * may see, or yours. ←/→ (wrapping), Home and End move the focus and open the tab.
 */
export function TabList({ children, onKeyDown, ...props }: DivProps) {
  const ctx = panel.use('TabList');
  if (ctx.state !== 'ready') return null;
  return (
    <Primitive.div
      role="tablist"
      aria-label={fillIn(ctx.words.tabsLabel, { org: ctx.org?.name ?? '' })}
      aria-orientation="horizontal"
      data-catalyst="org-admin-tabs"
      {...props}
      onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        onTablistKeyDown(event);
      }}
    >
      {children ?? ctx.tabs.map((tab) => <Tab key={tab} tab={tab} />)}
    </Primitive.div>
  );
}

/**
 * One tab (`data-tab`, `data-state="active|inactive"`); only the open one is in the Tab order.
 * Not rendered for a tab the caller may not see.
 */
export function Tab({
  tab,
  asChild,
  children,
  onClick,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.button> & { tab: OrgAdminTab }) {
  const ctx = panel.use('Tab');
  if (!ctx.tabs.includes(tab)) return null;
  const selected = ctx.tab === tab;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      role="tab"
      id={tabDomId(ctx.id, 'tab', tab)}
      aria-selected={selected}
      aria-controls={tabDomId(ctx.id, 'panel', tab)}
      tabIndex={selected ? 0 : -1}
      data-catalyst="org-admin-tab"
      data-tab={tab}
      data-state={selected ? 'active' : 'inactive'}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented && !selected) ctx.select(tab);
      }}
    >
      {partContent(asChild, children, ctx.words[tab])}
    </Primitive.button>
  );
}
