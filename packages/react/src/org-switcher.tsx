'use client';
import type { MyInvitation, MyOrg, OrgSuggestion } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { CreateOrg } from './create-org.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { useErrorText, useWords, type OrgSwitcherWords } from './localization.js';
import {
  useOrgSwitcher,
  type UseOrgSwitcherOptions,
  type UseOrgSwitcherResult,
} from './use-org-switcher.js';

const WORDS: OrgSwitcherWords = {
  noOrg: 'No organization',
  orgs: 'Organizations',
  loading: 'Loading organizations…',
  empty: 'You are not in any organization yet.',
  forbidden: 'Sign in to see your organizations.',
  personal: 'Personal account',
  invitations: 'Invitations',
  accept: 'Join {org}',
  decline: 'Decline',
  declineLabel: 'Decline the invitation to {org}',
  suggestions: 'Suggested for you',
  requestToJoin: 'Ask to join {org}',
  requested: 'Asked to join {org}',
  createOrg: 'Create organization',
  createOrgTitle: 'New organization',
  cancel: 'Cancel',
  loadMore: 'Show more',
};

type Focus = 'first' | 'last' | 'active';

interface SwitcherContext extends UseOrgSwitcherResult {
  words: OrgSwitcherWords;
  id: string;
  open: boolean;
  focusOnOpen: Focus;
  /** Opens (focusing an item) or closes the menu (focus back on the trigger). */
  setOpen(open: boolean, focus?: Focus): void;
  creating: boolean;
  setCreating(creating: boolean): void;
  /** The create-org entry's action: the app's, else the inline panel. */
  createOrg(): void;
  onSwitch: ((org: MyOrg | null) => void) | undefined;
  triggerRef: React.RefObject<HTMLButtonElement | null>;
}

const switcher = lazyContext<SwitcherContext>('OrgSwitcher');
const invitationItem = lazyContext<MyInvitation>('OrgSwitcher', 'Invitation');
const suggestionItem = lazyContext<OrgSuggestion>('OrgSwitcher', 'Suggestion');

const fill = (template: string, org: string) => template.replace('{org}', org);

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export interface OrgSwitcherProps extends DivProps, UseOrgSwitcherOptions {
  /** The "create organization" entry calls this instead of opening the inline `<CreateOrg>`. */
  onCreateOrg?: () => void;
  /** Called once the session switched (the org, or null for none). */
  onSwitch?: (org: MyOrg | null) => void;
}

/**
 * Loads my orgs, invitations and suggestions, and holds the menu's open state. Closes on a click
 * outside. `data-state` is the org list's state; `data-pending` is set while an action is out.
 */
function Root({
  invitations,
  suggestions,
  onCreateOrg,
  onSwitch,
  children,
  ...props
}: OrgSwitcherProps) {
  const data = useOrgSwitcher({
    ...(invitations === undefined ? {} : { invitations }),
    ...(suggestions === undefined ? {} : { suggestions }),
  });
  const words = useWords('orgSwitcher', WORDS);
  const id = React.useId();
  const [open, setOpenState] = React.useState(false);
  const [focusOnOpen, setFocusOnOpen] = React.useState<Focus>('active');
  const [creating, setCreating] = React.useState(false);
  const rootRef = React.useRef<HTMLDivElement>(null);
  const triggerRef = React.useRef<HTMLButtonElement>(null);

  const setOpen = React.useCallback((next: boolean, focus: Focus = 'active') => {
    setFocusOnOpen(focus);
    setOpenState(next);
    if (!next) triggerRef.current?.focus();
  }, []);

  React.useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpenState(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const value: SwitcherContext = {
    ...data,
    words,
    id,
    open,
    focusOnOpen,
    setOpen,
    creating,
    setCreating,
    createOrg: () => (onCreateOrg ? onCreateOrg() : setCreating(true)),
    onSwitch,
    triggerRef,
  };
  const Context = switcher.get();
  return (
    <Context.Provider value={value}>
      <Primitive.div
        ref={rootRef}
        data-catalyst="org-switcher"
        data-state={data.state}
        data-pending={data.pending ? '' : undefined}
        {...props}
      >
        {children}
      </Primitive.div>
    </Context.Provider>
  );
}

/**
 * The menu button: shows the active org's name (the loading words until the session is known);
 * Enter, Space or the arrow keys open the menu.
 */
function Trigger({ asChild, children, onClick, onKeyDown, ...props }: ButtonProps) {
  const ctx = switcher.use('Trigger');
  return (
    <Primitive.button
      asChild={asChild}
      ref={ctx.triggerRef}
      type="button"
      id={`${ctx.id}-trigger`}
      aria-haspopup="menu"
      aria-expanded={ctx.open}
      aria-controls={ctx.open ? `${ctx.id}-menu` : undefined}
      aria-busy={ctx.switchingTo !== undefined || ctx.sessionLoading || undefined}
      disabled={ctx.state === 'forbidden'}
      data-catalyst="org-switcher-trigger"
      data-state={ctx.open ? 'open' : 'closed'}
      data-pending={ctx.switchingTo !== undefined ? '' : undefined}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) ctx.setOpen(!ctx.open);
      }}
      onKeyDown={(event: React.KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (event.defaultPrevented) return;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          ctx.setOpen(true, event.key === 'ArrowDown' ? 'first' : 'last');
        }
      }}
    >
      {partContent(
        asChild,
        children,
        ctx.active?.name ?? (ctx.sessionLoading ? ctx.words.loading : ctx.words.noOrg),
      )}
    </Primitive.button>
  );
}

const ITEM =
  '[role="menuitem"]:not([aria-disabled="true"]),[role="menuitemradio"]:not([aria-disabled="true"])';

/**
 * The menu (`role="menu"`), rendered only while open. Arrow keys, Home and End move between
 * items (disabled ones are skipped), Escape closes and returns focus to the trigger, Tab closes.
 */
function Content({ onKeyDown, ...props }: DivProps) {
  const ctx = switcher.use('Content');
  const ref = React.useRef<HTMLDivElement>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])];
  const { open, focusOnOpen } = ctx;

  React.useEffect(() => {
    if (!open) return;
    const all = items();
    const active = ref.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    const target =
      focusOnOpen === 'last' ? all.at(-1) : focusOnOpen === 'active' && active ? active : all[0];
    (target ?? ref.current)?.focus();
  }, [open, focusOnOpen]);

  if (!open) return null;
  return (
    <Primitive.div
      ref={ref}
      role="menu"
      id={`${ctx.id}-menu`}
      aria-labelledby={`${ctx.id}-trigger`}
      tabIndex={-1}
      data-catalyst="org-switcher-menu"
      data-state="open"
      {...props}
      onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        if (event.defaultPrevented) return;
        const all = items();
        const index = all.indexOf(document.activeElement as HTMLElement);
        const move = (to: number) => {
          event.preventDefault();
          all[(to + all.length) % all.length]?.focus();
        };
        if (event.key === 'ArrowDown') move(index + 1);
        else if (event.key === 'ArrowUp') move(index < 0 ? -1 : index - 1);
        else if (event.key === 'Home') move(0);
        else if (event.key === 'End') move(-1);
        else if (event.key === 'Escape') {
          event.preventDefault();
          ctx.setOpen(false);
        } else if (event.key === 'Tab') ctx.setOpen(false);
      }}
    />
  );
}

/** A menu entry's props: a button's, but its role is the part's. */
type ItemProps = Omit<ButtonProps, 'role'>;

interface MenuItemProps extends ItemProps {
  part: string;
  itemRole?: 'menuitem' | 'menuitemradio';
  disabled?: boolean;
  onChoose: () => void;
}

/** One entry of the menu: a button with a menu role; selecting it closes the menu. */
function MenuItem({
  part,
  itemRole = 'menuitem',
  disabled,
  onChoose,
  onClick,
  ...props
}: MenuItemProps) {
  const ctx = switcher.use(part);
  return (
    <Primitive.button
      type="button"
      role={itemRole}
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      data-disabled={disabled ? '' : undefined}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (event.defaultPrevented || disabled) return;
        ctx.setOpen(false);
        onChoose();
      }}
    />
  );
}

interface GroupProps extends DivProps {
  part: string;
  label: string;
}

/** A labelled group of items (`role="group"`), its label a plain element before the items. */
function Group({ part, label, children, ...props }: GroupProps) {
  const ctx = switcher.use(part);
  const labelId = `${ctx.id}-${part}-label`;
  return (
    <Primitive.div role="group" aria-labelledby={labelId} {...props}>
      <div role="presentation" id={labelId} data-catalyst="org-switcher-label">
        {label}
      </div>
      {children}
    </Primitive.div>
  );
}

interface OrgsProps extends Omit<DivProps, 'children'> {
  /** One entry per org; default `<OrgSwitcher.Org org={org} />`. */
  children?: (org: MyOrg) => React.ReactNode;
}

/**
 * My orgs, the active one checked (`menuitemradio`). While loading, or with no orgs, one
 * disabled entry says so; "Show more" loads the next page.
 */
function Orgs({ children, ...props }: OrgsProps) {
  const ctx = switcher.use('Orgs');
  const note = ctx.state === 'loading' || ctx.state === 'empty' ? ctx.words[ctx.state] : null;
  return (
    <Group part="Orgs" label={ctx.words.orgs} data-catalyst="org-switcher-orgs" {...props}>
      {note !== null && (
        <MenuItem
          part="Orgs"
          disabled
          onChoose={() => undefined}
          data-catalyst={`org-switcher-${ctx.state}`}
        >
          {note}
        </MenuItem>
      )}
      {ctx.orgs.map((org) => (
        <React.Fragment key={org.id}>{children ? children(org) : <Org org={org} />}</React.Fragment>
      ))}
      {ctx.hasMore && (
        <MenuItem
          part="Orgs"
          onChoose={() => void ctx.loadMore()}
          data-catalyst="org-switcher-more"
        >
          {ctx.words.loadMore}
        </MenuItem>
      )}
    </Group>
  );
}

interface OrgProps extends ItemProps {
  org: MyOrg;
}

/** Switches to `org`; `aria-checked` and `data-active` on the active one. */
function Org({ org, asChild, children, ...props }: OrgProps) {
  const ctx = switcher.use('Org');
  const active = ctx.active?.id === org.id;
  return (
    <MenuItem
      part="Org"
      itemRole="menuitemradio"
      aria-checked={active}
      asChild={asChild}
      data-catalyst="org-switcher-org"
      data-org-id={org.id}
      data-active={active ? '' : undefined}
      data-state={ctx.switchingTo === org.id ? 'pending' : undefined}
      onChoose={() => {
        if (active) return;
        void ctx.switchTo(org.id).then((switched) => switched && ctx.onSwitch?.(org));
      }}
      {...props}
    >
      {partContent(asChild, children, org.name)}
    </MenuItem>
  );
}

/** Switches to no org (the personal account); checked when none is active. */
function Personal({ asChild, children, ...props }: ItemProps) {
  const ctx = switcher.use('Personal');
  const active = ctx.active === null;
  return (
    <MenuItem
      part="Personal"
      itemRole="menuitemradio"
      aria-checked={active}
      asChild={asChild}
      data-catalyst="org-switcher-personal"
      data-active={active ? '' : undefined}
      onChoose={() => {
        if (!active) void ctx.switchTo(null).then((switched) => switched && ctx.onSwitch?.(null));
      }}
      {...props}
    >
      {partContent(asChild, children, ctx.words.personal)}
    </MenuItem>
  );
}

interface InvitationsProps extends Omit<DivProps, 'children'> {
  /** One entry per invitation; default: `Invitation` with `Accept` and `Decline`. */
  children?: (invitation: MyInvitation) => React.ReactNode;
}

/** Invitations addressed to me; renders nothing when there are none. */
function Invitations({ children, ...props }: InvitationsProps) {
  const ctx = switcher.use('Invitations');
  if (ctx.invitations.length === 0) return null;
  return (
    <Group
      part="Invitations"
      label={ctx.words.invitations}
      data-catalyst="org-switcher-invitations"
      {...props}
    >
      {ctx.invitations.map((invitation) => (
        <React.Fragment key={invitation.id}>
          {children ? (
            children(invitation)
          ) : (
            <Invitation invitation={invitation}>
              <Accept />
              <Decline />
            </Invitation>
          )}
        </React.Fragment>
      ))}
    </Group>
  );
}

interface InvitationProps extends DivProps {
  invitation: MyInvitation;
}

function Invitation({ invitation, ...props }: InvitationProps) {
  const Context = invitationItem.get();
  return (
    <Context.Provider value={invitation}>
      <Primitive.div
        role="none"
        data-catalyst="org-switcher-invitation"
        data-invitation-id={invitation.id}
        {...props}
      />
    </Context.Provider>
  );
}

function respond(kind: 'accept' | 'decline') {
  return function Respond({ asChild, children, ...props }: ItemProps) {
    const part = kind === 'accept' ? 'Accept' : 'Decline';
    const ctx = switcher.use(part);
    const invitation = invitationItem.use(part);
    const pending = ctx.isResponding(invitation.id);
    const org = invitation.org.name;
    return (
      <MenuItem
        part={part}
        asChild={asChild}
        disabled={pending}
        data-catalyst={`org-switcher-${kind}`}
        data-state={pending ? 'pending' : undefined}
        aria-label={kind === 'decline' ? fill(ctx.words.declineLabel, org) : undefined}
        onChoose={() => void (kind === 'accept' ? ctx.accept : ctx.decline)(invitation.id)}
        {...props}
      >
        {partContent(
          asChild,
          children,
          kind === 'accept' ? fill(ctx.words.accept, org) : ctx.words.decline,
        )}
      </MenuItem>
    );
  };
}

const Accept = respond('accept');
const Decline = respond('decline');

interface SuggestionsProps extends Omit<DivProps, 'children'> {
  children?: (suggestion: OrgSuggestion) => React.ReactNode;
}

/** Orgs whose verified domain matches my email; renders nothing when there are none. */
function Suggestions({ children, ...props }: SuggestionsProps) {
  const ctx = switcher.use('Suggestions');
  if (ctx.suggestions.length === 0) return null;
  return (
    <Group
      part="Suggestions"
      label={ctx.words.suggestions}
      data-catalyst="org-switcher-suggestions"
      {...props}
    >
      {ctx.suggestions.map((suggestion) => (
        <React.Fragment key={suggestion.org.id}>
          {children ? (
            children(suggestion)
          ) : (
            <Suggestion suggestion={suggestion}>
              <RequestToJoin />
            </Suggestion>
          )}
        </React.Fragment>
      ))}
    </Group>
  );
}

interface SuggestionProps extends DivProps {
  suggestion: OrgSuggestion;
}

function Suggestion({ suggestion, ...props }: SuggestionProps) {
  const Context = suggestionItem.get();
  return (
    <Context.Provider value={suggestion}>
      <Primitive.div
        role="none"
        data-catalyst="org-switcher-suggestion"
        data-org-id={suggestion.org.id}
        {...props}
      />
    </Context.Provider>
  );
}

/** Asks to join the suggested org; disabled (and says so) once asked. */
function RequestToJoin({ asChild, children, ...props }: ItemProps) {
  const ctx = switcher.use('RequestToJoin');
  const suggestion = suggestionItem.use('RequestToJoin');
  const pending = ctx.isRequesting(suggestion.org.id);
  const org = suggestion.org.name;
  return (
    <MenuItem
      part="RequestToJoin"
      asChild={asChild}
      disabled={pending || suggestion.requested}
      data-catalyst="org-switcher-request"
      data-state={pending ? 'pending' : suggestion.requested ? 'requested' : undefined}
      onChoose={() => void ctx.requestToJoin(suggestion.org.id)}
      {...props}
    >
      {partContent(
        asChild,
        children,
        fill(suggestion.requested ? ctx.words.requested : ctx.words.requestToJoin, org),
      )}
    </MenuItem>
  );
}

function Separator(props: DivProps) {
  return <Primitive.div role="separator" data-catalyst="org-switcher-separator" {...props} />;
}

/** "Create organization": calls the Root's `onCreateOrg`, else opens `OrgSwitcher.CreatePanel`. */
function CreateOrgItem({ asChild, children, ...props }: ItemProps) {
  const ctx = switcher.use('CreateOrgItem');
  return (
    <MenuItem
      part="CreateOrgItem"
      asChild={asChild}
      data-catalyst="org-switcher-create-org"
      onChoose={ctx.createOrg}
      {...props}
    >
      {partContent(asChild, children, ctx.words.createOrg)}
    </MenuItem>
  );
}

/**
 * The inline create-org panel, shown after "Create organization" (without `onCreateOrg`): a
 * labelled group holding `<CreateOrg>` (or your children) and a cancel button. Focus moves to
 * its first field; Escape or cancel closes it. The new org becomes the active one.
 */
function CreatePanel({ children, onKeyDown, ...props }: DivProps) {
  const ctx = switcher.use('CreatePanel');
  const ref = React.useRef<HTMLDivElement>(null);
  const { creating, setCreating, triggerRef } = ctx;
  React.useEffect(() => {
    if (creating) ref.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [creating]);
  if (!creating) return null;
  const close = () => {
    setCreating(false);
    triggerRef.current?.focus();
  };
  const titleId = `${ctx.id}-create-title`;
  return (
    <Primitive.div
      ref={ref}
      role="group"
      aria-labelledby={titleId}
      data-catalyst="org-switcher-create"
      {...props}
      onKeyDown={(event: React.KeyboardEvent<HTMLDivElement>) => {
        onKeyDown?.(event);
        if (!event.defaultPrevented && event.key === 'Escape') close();
      }}
    >
      <p id={titleId} data-catalyst="org-switcher-create-title">
        {ctx.words.createOrgTitle}
      </p>
      {children ?? <CreateOrg onCreated={close} />}
      <button type="button" data-catalyst="org-switcher-cancel" onClick={close}>
        {ctx.words.cancel}
      </button>
    </Primitive.div>
  );
}

function stateOnly(state: 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const ctx = switcher.use(part);
    if (ctx.state !== state) return null;
    return (
      <Primitive.p asChild={asChild} data-catalyst={`org-switcher-${state}`} {...props}>
        {partContent(asChild, children, ctx.words[state])}
      </Primitive.p>
    );
  };
}

const Forbidden = stateOnly('forbidden', 'Forbidden');

/** Loading my orgs failed, or the last action did; an alert with the server's `data-code`. */
function ErrorPart({ asChild, children, ...props }: ParagraphProps) {
  const ctx = switcher.use('Error');
  const text = useErrorText();
  if (!ctx.error || ctx.state === 'forbidden') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst="org-switcher-error"
      data-code={ctx.error.code}
      {...props}
    >
      {partContent(asChild, children, text(ctx.error))}
    </Primitive.p>
  );
}

function DefaultOrgSwitcher(props: OrgSwitcherProps) {
  return (
    <Root {...props}>
      <Trigger />
      <Forbidden />
      <ErrorPart />
      <Content>
        <Orgs />
        <Invitations />
        <Suggestions />
        <Separator />
        <CreateOrgItem />
      </Content>
      <CreatePanel />
    </Root>
  );
}

export type OrgSwitcherOrgsProps = OrgsProps;
export type OrgSwitcherOrgProps = OrgProps;

/**
 * `<OrgSwitcher />` is the default composition (a menu button); `OrgSwitcher.Root`, `.Trigger`,
 * `.Content`, `.Orgs`, `.Org`, `.Personal`, `.Invitations`, `.Invitation`, `.Accept`, `.Decline`,
 * `.Suggestions`, `.Suggestion`, `.RequestToJoin`, `.Separator`, `.CreateOrgItem`,
 * `.CreatePanel`, `.Forbidden` and `.Error` compose your own.
 */
export const OrgSwitcher = Object.assign(DefaultOrgSwitcher, {
  Root,
  Trigger,
  Content,
  Orgs,
  Org,
  Personal,
  Invitations,
  Invitation,
  Accept,
  Decline,
  Suggestions,
  Suggestion,
  RequestToJoin,
  Separator,
  CreateOrgItem,
  CreatePanel,
  Forbidden,
  Error: ErrorPart,
});
