'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { Webhook } from './data/webhook-resources.js';
import { partContent } from './default-content.js';
import { stateOnly } from './key-parts.js';
import { useWebhooks } from './use-webhooks.js';
import {
  Deliveries,
  DeliveriesToggle,
  Delete,
  Edit,
  Rotate,
  Test,
  Toggle,
} from './webhook-actions.js';
import { scopeOf, webhookItem, webhookList } from './webhook-list-context.js';
import { ErrorAlert, fill, useDates } from './webhook-parts.js';
import { useWebhookWords, type WebhookWords } from './webhook-words.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type SpanProps = React.ComponentPropsWithoutRef<typeof Primitive.span>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export interface WebhookListProps extends DivProps {
  /** The org whose endpoints to list (default the active org; needs `webhooks:manage`). */
  orgId?: string | null;
  /** The platform's endpoints (`/admin/webhooks`) instead of an org's. */
  platform?: boolean;
}

/** Loads the endpoints and shares them with the parts. */
function Root({ orgId, platform, ...props }: WebhookListProps) {
  const scope = scopeOf({ orgId, platform });
  const hook = useWebhooks(scope);
  const words = useWebhookWords();
  const id = React.useId();
  const Context = webhookList.get();
  return (
    <Context.Provider value={{ ...hook, words, id, scope }}>
      <Primitive.div
        data-catalyst="webhook-list"
        data-state={hook.state}
        data-can-manage={hook.canManage ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** Loading the endpoints failed; an alert with `data-code`. */
function ErrorPart(props: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const ctx = webhookList.use('Error');
  const error = ctx.state === 'forbidden' ? null : ctx.error;
  return <ErrorAlert error={error} catalyst="webhook-list-error" {...props} />;
}

interface ItemsProps extends Omit<React.ComponentPropsWithoutRef<typeof Primitive.ul>, 'children'> {
  /** One entry per endpoint; default: URL, status, description, events, actions, deliveries. */
  children?: (webhook: Webhook) => React.ReactNode;
}

function Items({ children, ...props }: ItemsProps) {
  const ctx = webhookList.use('Items');
  if (ctx.webhooks.length === 0 || ctx.state === 'forbidden') return null;
  return (
    <Primitive.ul aria-label={ctx.words.listLabel} data-catalyst="webhook-list-items" {...props}>
      {ctx.webhooks.map((webhook) => (
        <React.Fragment key={webhook.id}>
          {children ? children(webhook) : <DefaultItem webhook={webhook} />}
        </React.Fragment>
      ))}
    </Primitive.ul>
  );
}

interface ItemProps extends React.ComponentPropsWithoutRef<typeof Primitive.li> {
  webhook: Webhook;
}

/** `data-enabled`, `data-reason` (`gone`, `failing`, `manual`) and `data-failing` state it. */
function Item({ webhook, ...props }: ItemProps) {
  const ctx = webhookList.use('Item');
  const [editing, setEditing] = React.useState(false);
  const [deliveriesOpen, setDeliveriesOpen] = React.useState(false);
  const id = `${ctx.id}-${webhook.id}`;
  const Context = webhookItem.get();
  return (
    <Context.Provider
      value={{ webhook, id, editing, setEditing, deliveriesOpen, setDeliveriesOpen }}
    >
      <Primitive.li
        data-catalyst="webhook"
        data-webhook-id={webhook.id}
        data-enabled={webhook.enabled ? '' : undefined}
        data-reason={webhook.enabled ? undefined : (webhook.disabledReason ?? 'manual')}
        data-failing={webhook.failingSince ? '' : undefined}
        data-editing={editing ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** A text part of the item: `render(webhook, words, dateTime)` unless children are given. */
function textPart(
  catalyst: string,
  part: string,
  render: (webhook: Webhook, words: WebhookWords, time: (iso: string) => string) => React.ReactNode,
) {
  return function TextPart({ asChild, children, ...props }: SpanProps) {
    const { webhook } = webhookItem.use(part);
    const { words } = webhookList.use(part);
    const dates = useDates();
    const content = render(webhook, words, dates.dateTime);
    if (content === null) return null;
    return (
      <Primitive.span asChild={asChild} data-catalyst={catalyst} {...props}>
        {partContent(asChild, children, content)}
      </Primitive.span>
    );
  };
}

const Url = textPart('webhook-url', 'Url', (webhook) => <code>{webhook.url}</code>);
const Description = textPart('webhook-description', 'Description', (webhook, words) =>
  webhook.description ? webhook.description : words.noDescription,
);

/** Enabled, or disabled with its reason: the receiver said 410 Gone, or it kept failing. */
const Status = textPart('webhook-status', 'Status', (webhook, words, time) => {
  if (webhook.enabled) return words.enabled;
  if (webhook.disabledReason === 'gone') return words.disabledGone;
  if (webhook.disabledReason === 'failing' && webhook.failingSince) {
    return fill(words.disabledFailing, { time: time(webhook.failingSince) });
  }
  return words.disabled;
});

/** "Failing since …" for an endpoint still enabled whose deliveries keep failing; else nothing. */
const FailingSince = textPart('webhook-failing-since', 'FailingSince', (webhook, words, time) =>
  webhook.enabled && webhook.failingSince
    ? fill(words.failingSince, { time: time(webhook.failingSince) })
    : null,
);

/** The event filters as a list (`*` reads "All events"). */
function Events(props: React.ComponentPropsWithoutRef<typeof Primitive.ul>) {
  const { webhook } = webhookItem.use('Events');
  const { words } = webhookList.use('Events');
  return (
    <Primitive.ul aria-label={words.events} data-catalyst="webhook-events-list" {...props}>
      {webhook.events.map((event) => (
        <li key={event} data-catalyst="webhook-event" data-event={event}>
          {event === '*' ? words.allEvents : <code>{event}</code>}
        </li>
      ))}
    </Primitive.ul>
  );
}

/** Loads the next page of endpoints; rendered only while the server has more. */
function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = webhookList.use('LoadMore');
  if (!ctx.hasMore || ctx.state === 'forbidden') return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="webhook-list-more"
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

/** The row's content: while the edit form is open it stands alone (the tree stays the same). */
function DefaultContent() {
  const { editing } = webhookItem.use('Item');
  const shown = !editing;
  return (
    <>
      {shown && (
        <>
          <Url /> <Status /> <FailingSince />
          <Description />
          <Events />
        </>
      )}
      <div data-catalyst="webhook-actions">
        {shown && (
          <>
            <Test /> <DeliveriesToggle /> <Toggle />{' '}
          </>
        )}
        <Edit />
        {shown && (
          <>
            {' '}
            <Rotate /> <Delete />
          </>
        )}
      </div>
      {shown && <Deliveries />}
    </>
  );
}

function DefaultItem({ webhook }: { webhook: Webhook }) {
  return (
    <Item webhook={webhook}>
      <DefaultContent />
    </Item>
  );
}

const Loading = stateOnly('loading', 'webhook-list', webhookList.use, 'Loading');
const Empty = stateOnly('empty', 'webhook-list', webhookList.use, 'Empty');
const Forbidden = stateOnly('forbidden', 'webhook-list', webhookList.use, 'Forbidden');

function DefaultWebhookList(props: WebhookListProps) {
  return (
    <Root {...props}>
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Items />
      <LoadMore />
    </Root>
  );
}

export type WebhookListItemsProps = ItemsProps;
export type WebhookListItemProps = ItemProps;

/**
 * `<WebhookList />` is the default composition; compose your own from `WebhookList.Root`,
 * `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Items`, `.Item`, `.Url`, `.Status`,
 * `.FailingSince`, `.Description`, `.Events`, `.Test`, `.DeliveriesToggle`, `.Deliveries`,
 * `.Toggle`, `.Edit`, `.Rotate`, `.Delete` and `.LoadMore`.
 */
export const WebhookList = Object.assign(DefaultWebhookList, {
  Root,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Items,
  Item,
  Url,
  Status,
  FailingSince,
  Description,
  Events,
  Test,
  DeliveriesToggle,
  Deliveries,
  Toggle,
  Edit,
  Rotate,
  Delete,
  LoadMore,
});
