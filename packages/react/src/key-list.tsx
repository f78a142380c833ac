'use client';
import type { ApiKey, IssuedApiKey } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { KeyStatusFilter } from './data/key-resources.js';
import { partContent } from './default-content.js';
import { lazyContext } from './form-kit.js';
import { RerollConfirm, RevokeForm, Trigger, useInlineForm } from './key-actions.js';
import {
  ErrorAlert,
  fill,
  KeyTime,
  SecretPanel,
  secretParts,
  stateOnly,
  useDates,
} from './key-parts.js';
import { useWords, type KeyListWords } from './localization.js';
import { useKeys, type UseKeysResult } from './use-keys.js';

const WORDS: KeyListWords = {
  loading: 'Loading API keys…',
  empty: 'No API keys to show.',
  forbidden: 'You cannot see these API keys.',
  show: 'Show',
  showActive: 'Active keys',
  showRevoked: 'Revoked keys',
  showAll: 'All keys',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  exhausted: 'Used up',
  scopes: 'Scopes',
  noScopes: 'None',
  created: 'Created',
  expires: 'Expires',
  never: 'Never',
  lastUsed: 'Last used',
  neverUsed: 'Never',
  reason: 'Revoked because',
  revoke: 'Revoke',
  revokeLabel: 'Revoke {key}',
  revokeReason: 'Reason (optional)',
  confirmRevoke: 'Revoke key',
  cancel: 'Cancel',
  reroll: 'Reroll',
  rerollLabel: 'Reroll the secret of {key}',
  rerollWarning: 'A new secret replaces this one; the current secret keeps working for one hour.',
  confirmReroll: 'Reroll secret',
  newSecret: 'New secret for {key}',
  previousUntil: 'The previous secret works until {time}.',
  secretOnce: 'Copy this key now. You will not see it again.',
  copy: 'Copy key',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the key and copy it yourself.',
  done: 'Done',
  loadMore: 'Show more',
};

interface ListContext extends UseKeysResult {
  words: KeyListWords;
  id: string;
  setStatus(status: KeyStatusFilter): void;
}

const list = lazyContext<ListContext>('KeyList');
const item = lazyContext<ApiKey>('KeyList', 'Item');

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export interface KeyListProps extends DivProps {
  /** An org's keys (needs `keys:manage` there); default: the caller's own. */
  orgId?: string | null;
  /** The status filter's first value; default `all`. */
  defaultStatus?: KeyStatusFilter;
}

/** Loads the keys (filtered by status) and shares them with the parts. */
function Root({ orgId, defaultStatus = 'all', ...props }: KeyListProps) {
  const [status, setStatus] = React.useState<KeyStatusFilter>(defaultStatus);
  const keys = useKeys({ orgId, status });
  const words = useWords('keyList', WORDS);
  const id = React.useId();
  const Context = list.get();
  return (
    <Context.Provider value={{ ...keys, words, id, setStatus }}>
      <Primitive.div
        data-catalyst="key-list"
        data-state={keys.state}
        data-can-manage={keys.canManage ? '' : undefined}
        aria-busy={keys.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Loading the keys failed; an alert with `data-code`. */
function ErrorPart(props: ParagraphProps) {
  const ctx = list.use('Error');
  return (
    <ErrorAlert
      error={ctx.state === 'forbidden' ? null : ctx.error}
      catalyst="key-list-error"
      {...props}
    />
  );
}

/** Which keys to show: active, revoked, or all. */
function StatusFilter(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.select>, 'value' | 'children'>,
) {
  const ctx = list.use('StatusFilter');
  if (ctx.state === 'forbidden') return null;
  const id = `${ctx.id}-status`;
  const options: Array<[KeyStatusFilter, string]> = [
    ['active', ctx.words.showActive],
    ['revoked', ctx.words.showRevoked],
    ['all', ctx.words.showAll],
  ];
  return (
    <div data-catalyst="field" data-name="status">
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.show}
      </label>
      <Primitive.select
        id={id}
        value={ctx.status}
        data-catalyst="key-list-filter"
        {...props}
        onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
          ctx.setStatus(event.currentTarget.value as KeyStatusFilter)
        }
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Primitive.select>
    </div>
  );
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per key; default: name, start, status, details, reroll and revoke. */
  children?: (key: ApiKey) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = list.use('Items');
  if (ctx.keys.length === 0 || ctx.state === 'forbidden') return null;
  return (
    <Primitive.ul data-catalyst="key-list-items" {...props}>
      {ctx.keys.map((key) => (
        <React.Fragment key={key.id}>
          {children ? children(key) : <DefaultItem apiKey={key} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  apiKey: ApiKey;
}

function Item({ apiKey, ...props }: ItemProps) {
  const ctx = list.use('Item');
  const pending = ctx.isRevoking(apiKey.id) || ctx.isRerolling(apiKey.id);
  const Context = item.get();
  return (
    <Context.Provider value={apiKey}>
      <Primitive.li
        data-catalyst="key"
        data-key-id={apiKey.id}
        data-status={apiKey.status}
        data-state={pending ? 'pending' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** A text part of the item: `render(key, words)` unless children are given. */
function textPart(
  catalyst: string,
  part: string,
  render: (key: ApiKey, words: KeyListWords) => React.ReactNode,
) {
  return function TextPart({ asChild, children, ...props }: SpanProps) {
    const key = item.use(part);
    const { words } = list.use(part);
    return (
      <Primitive.span
        asChild={asChild}
        data-catalyst={catalyst}
        data-status={part === 'Status' ? key.status : undefined}
        {...props}
      >
        {partContent(asChild, children, render(key, words))}
      </Primitive.span>
    );
  };
}

const Name = textPart('key-name', 'Name', (key) => key.name);
/** The secret's first characters: enough to tell keys apart, never the secret. */
const Start = textPart('key-start', 'Start', (key) => <code>{`${key.start}…`}</code>);
const Status = textPart('key-status', 'Status', (key, words) => words[key.status]);
const Scopes = textPart('key-scopes', 'Scopes', (key, words) =>
  key.scopes.length === 0 ? words.noScopes : key.scopes.join(', '),
);
const Created = textPart('key-created', 'Created', (key) => (
  <KeyTime value={key.createdAt} catalyst="time" />
));
const Expires = textPart('key-expires', 'Expires', (key, words) =>
  key.expiresAt ? <KeyTime value={key.expiresAt} catalyst="time" /> : words.never,
);
const LastUsed = textPart('key-last-used', 'LastUsed', (key, words) =>
  key.lastUsedAt ? <KeyTime value={key.lastUsedAt} relative catalyst="time" /> : words.neverUsed,
);

/** Why the key was revoked; rendered only for a revoked key with a reason. */
function RevokedReason(props: SpanProps) {
  const key = item.use('RevokedReason');
  if (key.status !== 'revoked' || !key.revokedReason) return null;
  return <RevokedReasonText {...props} />;
}
const RevokedReasonText = textPart(
  'key-revoked-reason',
  'RevokedReason',
  (key) => key.revokedReason,
);

/**
 * Revokes the key after asking for an optional reason. Only for callers who may manage the keys,
 * and only on keys not yet revoked.
 */
function Revoke(props: ButtonProps) {
  const ctx = list.use('Revoke');
  const key = item.use('Revoke');
  const form = useInlineForm();
  if (!ctx.canManage || key.status === 'revoked') return null;
  const label = fill(ctx.words.revokeLabel, { key: key.name });
  if (!form.open) {
    return (
      <Trigger
        ref={form.trigger}
        label={label}
        words={ctx.words.revoke}
        catalyst="key-revoke"
        onOpen={() => form.setOpen(true)}
        {...props}
      />
    );
  }
  return (
    <RevokeForm
      id={`${ctx.id}-revoke-${key.id}`}
      label={label}
      pending={ctx.isRevoking(key.id)}
      cancel={ctx.words.cancel}
      words={ctx.words}
      onClose={() => form.setOpen(false)}
      onConfirm={async (reason) => {
        const result = await ctx.revoke(key.id, reason ? { reason } : {});
        if (!result.ok) return result.error;
        form.setOpen(false);
        return null;
      }}
    />
  );
}

/**
 * Rolls the key's secret after a confirmation, then shows the new secret once (like
 * `CreateApiKey`, in this part's state only). Only for callers who may manage the keys, and
 * only on active keys.
 */
function Reroll(props: ButtonProps) {
  const ctx = list.use('Reroll');
  const key = item.use('Reroll');
  const form = useInlineForm();
  const [issued, setIssued] = React.useState<IssuedApiKey | null>(null);
  const dates = useDates();
  const dismiss = React.useCallback(() => setIssued(null), []);
  const label = fill(ctx.words.rerollLabel, { key: key.name });
  if (issued) {
    const shown = {
      id: `${ctx.id}-reroll-${key.id}`,
      keyId: key.id,
      secret: issued.secret,
      label: fill(ctx.words.newSecret, { key: key.name }),
      words: ctx.words,
      dismiss,
    };
    const until = issued.previousSecretExpiresAt;
    return (
      <SecretPanel value={shown}>
        <secretParts.SecretOnce />
        {until && (
          <p data-catalyst="api-key-previous-until">
            {fill(ctx.words.previousUntil, { time: dates.dateTime(until) })}
          </p>
        )}
        <secretParts.SecretValue />
        <secretParts.Copy /> <secretParts.Done />
      </SecretPanel>
    );
  }
  if (!ctx.canManage || key.status !== 'active') return null;
  if (!form.open) {
    return (
      <Trigger
        ref={form.trigger}
        label={label}
        words={ctx.words.reroll}
        catalyst="key-reroll"
        onOpen={() => form.setOpen(true)}
        {...props}
      />
    );
  }
  return (
    <RerollConfirm
      label={label}
      pending={ctx.isRerolling(key.id)}
      cancel={ctx.words.cancel}
      words={ctx.words}
      onClose={() => form.setOpen(false)}
      onConfirm={async () => {
        const result = await ctx.reroll(key.id);
        if (!result.ok) return result.error;
        form.setOpen(false);
        setIssued(result.data);
        return null;
      }}
    />
  );
}

/** Loads the next page of keys; rendered only while the server has more. */
function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = list.use('LoadMore');
  if (!ctx.hasMore || ctx.state === 'forbidden') return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="key-list-more"
      data-state={ctx.loadingMore ? 'pending' : undefined}
      disabled={ctx.loadingMore}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void ctx.loadMore();
      }}
    >
      {partContent(asChild, children, ctx.words.loadMore)}
    </Primitive.button>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div data-catalyst="key-detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function DefaultItem({ apiKey }: { apiKey: ApiKey }) {
  const { words } = list.use('Item');
  return (
    <Item apiKey={apiKey}>
      <Name /> <Start /> <Status />
      <dl data-catalyst="key-details">
        <Detail term={words.scopes}>
          <Scopes />
        </Detail>
        <Detail term={words.created}>
          <Created />
        </Detail>
        <Detail term={words.expires}>
          <Expires />
        </Detail>
        <Detail term={words.lastUsed}>
          <LastUsed />
        </Detail>
        {apiKey.status === 'revoked' && apiKey.revokedReason && (
          <Detail term={words.reason}>
            <RevokedReason />
          </Detail>
        )}
      </dl>
      <Reroll /> <Revoke />
    </Item>
  );
}

const Loading = stateOnly('loading', 'key-list', list.use, 'Loading');
const Empty = stateOnly('empty', 'key-list', list.use, 'Empty');
const Forbidden = stateOnly('forbidden', 'key-list', list.use, 'Forbidden');

function DefaultKeyList(props: KeyListProps) {
  return (
    <Root {...props}>
      <StatusFilter />
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
      <LoadMore />
    </Root>
  );
}

export type KeyListItemsProps = ItemsProps;
export type KeyListItemProps = ItemProps;

/**
 * `<KeyList />` is the default composition; `KeyList.Root`, `.StatusFilter`, `.Loading`,
 * `.Empty`, `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Name`, `.Start`, `.Status`, `.Scopes`,
 * `.Created`, `.Expires`, `.LastUsed`, `.RevokedReason`, `.Reroll`, `.Revoke` and `.LoadMore`
 * compose your own.
 */
export const KeyList = Object.assign(DefaultKeyList, {
  Root,
  StatusFilter,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Name,
  Start,
  Status,
  Scopes,
  Created,
  Expires,
  LastUsed,
  RevokedReason,
  Reroll,
  Revoke,
  LoadMore,
});
