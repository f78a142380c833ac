'use client';
import type { Session } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { SessionListWords } from './localization.js';
import { useErrorText, useLocale, useWords } from './localization.js';
import { partContent } from './default-content.js';
import { useSessions, type UseSessionsResult } from './use-sessions.js';

const WORDS: SessionListWords = {
  loading: 'Loading sessions…',
  empty: 'No active sessions.',
  forbidden: 'Sign in to see your sessions.',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  revoke: 'Revoke',
  revokeLabel: 'Revoke {device}',
};

interface ListContext extends UseSessionsResult {
  words: SessionListWords;
}

let listContext: React.Context<ListContext | null> | undefined;
let itemContext: React.Context<Session | null> | undefined;
const getList = () => (listContext ??= React.createContext<ListContext | null>(null));
const getItem = () => (itemContext ??= React.createContext<Session | null>(null));

function useList(part: string): ListContext {
  const value = React.useContext(getList());
  if (!value) throw new Error(`<SessionList.${part}> must be inside <SessionList.Root>`);
  return value;
}

function useItem(part: string): Session {
  const value = React.useContext(getItem());
  if (!value) throw new Error(`<SessionList.${part}> must be inside <SessionList.Item>`);
  return value;
}

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

/** Loads the sessions and shares them with the parts; `data-state` tells which state it is in. */
function Root(props: DivProps) {
  const sessions = useSessions();
  const words = useWords('sessionList', WORDS);
  const Context = getList();
  return (
    <Context.Provider value={{ ...sessions, words }}>
      <Primitive.div
        data-catalyst="session-list"
        data-state={sessions.state}
        aria-busy={sessions.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Renders only in one state; its default content is that state's words. */
function stateOnly(state: 'loading' | 'empty' | 'forbidden', part: string) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const list = useList(part);
    if (list.state !== state) return null;
    return (
      <Primitive.p asChild={asChild} data-catalyst={`session-list-${state}`} {...props}>
        {partContent(asChild, children, list.words[state])}
      </Primitive.p>
    );
  };
}

/** The last error (loading the list or a revoke), as an alert. */
function ErrorPart({ asChild, children, ...props }: ParagraphProps) {
  const list = useList('Error');
  const text = useErrorText();
  if (!list.error || list.state === 'forbidden') return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst="session-list-error"
      data-code={list.error.code}
      {...props}
    >
      {partContent(asChild, children, text(list.error))}
    </Primitive.p>
  );
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One item per session; default: `<SessionList.Item>` with device, IP, last seen and revoke. */
  children?: (session: Session) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const list = useList('Items');
  if (list.sessions.length === 0) return null;
  return (
    <Primitive.ul data-catalyst="session-list-items" {...props}>
      {list.sessions.map((session) => (
        <React.Fragment key={session.id}>
          {children ? children(session) : <DefaultItem session={session} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  session: Session;
}

function Item({ session, ...props }: ItemProps) {
  const Context = getItem();
  return (
    <Context.Provider value={session}>
      <Primitive.li
        data-catalyst="session"
        data-session-id={session.id}
        data-current={session.current ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function Device({ asChild, children, ...props }: SpanProps) {
  const session = useItem('Device');
  const { words } = useList('Device');
  return (
    <Primitive.span asChild={asChild} data-catalyst="session-device" {...props}>
      {partContent(asChild, children, session.device ?? words.unknownDevice)}
    </Primitive.span>
  );
}

/** Renders only on the current session's item. */
function Current({ asChild, children, ...props }: SpanProps) {
  const session = useItem('Current');
  const { words } = useList('Current');
  if (!session.current) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="session-current" {...props}>
      {partContent(asChild, children, words.thisDevice)}
    </Primitive.span>
  );
}

/** The address the session signed in from; not rendered when it is unknown. */
function Ip({ asChild, children, ...props }: SpanProps) {
  const session = useItem('Ip');
  if (!session.ip && children == null) return null;
  return (
    <Primitive.span asChild={asChild} data-catalyst="session-ip" {...props}>
      {partContent(asChild, children, session.ip ?? '')}
    </Primitive.span>
  );
}

function LastSeen(props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.span>, 'children'>) {
  const session = useItem('LastSeen');
  const locale = useLocale();
  const text = React.useMemo(
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(session.lastSeenAt),
      ),
    [locale, session.lastSeenAt],
  );
  return (
    <Primitive.span asChild data-catalyst="session-last-seen" {...props}>
      <time dateTime={session.lastSeenAt}>{text}</time>
    </Primitive.span>
  );
}

/** Revokes this item's session. Not rendered where the caller may not revoke (the current one). */
function Revoke({
  asChild,
  children,
  onClick,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const session = useItem('Revoke');
  const list = useList('Revoke');
  if (!list.canRevoke(session)) return null;
  const pending = list.isRevoking(session.id);
  const device = session.device ?? list.words.unknownDevice;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="session-revoke"
      data-state={pending ? 'pending' : undefined}
      disabled={pending}
      aria-label={list.words.revokeLabel.replace('{device}', device)}
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) void list.revoke(session.id);
      }}
    >
      {partContent(asChild, children, list.words.revoke)}
    </Primitive.button>
  );
}

function DefaultItem({ session }: { session: Session }) {
  return (
    <Item session={session}>
      <Device /> <Current /> <Ip /> <LastSeen /> <Revoke />
    </Item>
  );
}

const Loading = stateOnly('loading', 'Loading');
const Empty = stateOnly('empty', 'Empty');
const Forbidden = stateOnly('forbidden', 'Forbidden');

/** The user's devices, each with a revoke button except this one. Built only from the parts. */
function DefaultSessionList(props: DivProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
    </Root>
  );
}

export type SessionListProps = DivProps;
export type SessionListItemsProps = ItemsProps;
export type SessionListItemProps = ItemProps;

/**
 * `<SessionList />` is the default composition; `SessionList.Root`, `.Loading`, `.Empty`,
 * `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Device`, `.Current`, `.Ip`, `.LastSeen` and
 * `.Revoke` compose your own (each takes `asChild`).
 */
export const SessionList = Object.assign(DefaultSessionList, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Device,
  Current,
  Ip,
  LastSeen,
  Revoke,
});
