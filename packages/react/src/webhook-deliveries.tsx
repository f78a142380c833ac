'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus } from './data/webhook-resources.js';
import { partContent } from './default-content.js';
import { stateOnly } from './key-parts.js';
import { useWebhookDeliveries } from './use-webhook-deliveries.js';
import {
  AttemptsToggle,
  Attempts,
  DefaultRow,
  deliveries,
  Retry,
  Row,
  Status,
} from './webhook-delivery-row.js';
import { scopeOf } from './webhook-list-context.js';
import { ErrorAlert, fill } from './webhook-parts.js';
import { Replay } from './webhook-replay.js';
import { useWebhookWords } from './webhook-words.js';

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export interface WebhookDeliveriesProps extends DivProps {
  /** The org whose endpoint this is (default the active org); `'platform'` for the platform's. */
  orgId?: string | null;
  platform?: boolean;
  /** The endpoint (its URL names the table). */
  webhook: Pick<Webhook, 'id' | 'url'>;
  /** The status filter's first value; default every status. */
  defaultStatus?: WebhookDeliveryStatus | null;
}

/** One endpoint's deliveries, newest first; polls while one is pending or delivering. */
function Root({
  orgId,
  platform,
  webhook,
  defaultStatus = null,
  ...props
}: WebhookDeliveriesProps) {
  const scope = scopeOf({ orgId, platform });
  const [status, setStatus] = React.useState(defaultStatus);
  const hook = useWebhookDeliveries(scope, webhook.id, { status });
  const words = useWebhookWords();
  const id = React.useId();
  const Context = deliveries.get();
  return (
    <Context.Provider value={{ ...hook, words, id, scope, webhook, status, setStatus }}>
      <Primitive.div
        role="group"
        aria-label={fill(words.deliveriesLabel, { url: webhook.url })}
        data-catalyst="webhook-deliveries"
        data-state={hook.state}
        data-underway={hook.underway ? '' : undefined}
        aria-busy={hook.state === 'loading' || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

const STATUSES: WebhookDeliveryStatus[] = ['pending', 'delivering', 'delivered', 'dead'];

/** Which deliveries to show: every status, or one. */
function StatusFilter(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.select>, 'value' | 'children'>,
) {
  const ctx = deliveries.use('StatusFilter');
  if (ctx.state === 'forbidden') return null;
  const id = `${ctx.id}-status`;
  return (
    <div data-catalyst="field" data-name="status">
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.statusFilter}
      </label>
      <Primitive.select
        id={id}
        value={ctx.status ?? 'all'}
        data-catalyst="webhook-deliveries-filter"
        {...props}
        onChange={(event: React.ChangeEvent<HTMLSelectElement>) => {
          const value = event.currentTarget.value;
          ctx.setStatus(value === 'all' ? null : (value as WebhookDeliveryStatus));
        }}
      >
        <option value="all">{ctx.words.statusAll}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {ctx.words[status]}
          </option>
        ))}
      </Primitive.select>
    </div>
  );
}

/** Loading the deliveries failed; an alert with `data-code`. */
function ErrorPart(props: React.ComponentPropsWithoutRef<typeof Primitive.p>) {
  const ctx = deliveries.use('Error');
  const error = ctx.state === 'forbidden' ? null : ctx.error;
  return <ErrorAlert error={error} catalyst="webhook-deliveries-error" {...props} />;
}

interface TableProps extends Omit<React.ComponentPropsWithoutRef<'table'>, 'children'> {
  /** The rows of one delivery; default: event, status, attempts, last response, time, actions. */
  children?: (delivery: WebhookDelivery) => React.ReactNode;
}

/** The deliveries as a table captioned with the endpoint's URL; nothing while there are none. */
function Table({ children, ...props }: TableProps) {
  const ctx = deliveries.use('Table');
  if (ctx.deliveries.length === 0 || ctx.state === 'forbidden') return null;
  const w = ctx.words;
  return (
    <table data-catalyst="webhook-deliveries-table" {...props}>
      <caption data-catalyst="webhook-deliveries-caption">
        {fill(w.deliveriesLabel, { url: ctx.webhook.url })}
      </caption>
      <thead>
        <tr>
          {[w.columnEvent, w.columnStatus, w.columnAttempts, w.columnLastStatus, w.columnTime].map(
            (name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ),
          )}
          <th scope="col">{w.columnActions}</th>
        </tr>
      </thead>
      {ctx.deliveries.map((delivery) => (
        <Row key={delivery.id} delivery={delivery}>
          {children ? children(delivery) : <DefaultRow />}
        </Row>
      ))}
    </table>
  );
}

/** Loads older deliveries; rendered only while the server has more. */
function LoadMore({ asChild, children, onClick, ...props }: ButtonProps) {
  const ctx = deliveries.use('LoadMore');
  if (!ctx.hasMore || ctx.state === 'forbidden') return null;
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="webhook-deliveries-more"
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

/** The replay form for this endpoint (`<Replay>` with the context's scope and endpoint). */
function ReplayPart() {
  const ctx = deliveries.use('Replay');
  if (!ctx.canManage || ctx.state === 'forbidden') return null;
  return (
    <Replay words={ctx.words} webhook={ctx.webhook} replay={ctx.replay} pending={ctx.replaying} />
  );
}

const useStateWords = (part: string) => {
  const ctx = deliveries.use(part);
  const words = {
    ...ctx.words,
    loading: ctx.words.deliveriesLoading,
    empty: ctx.words.deliveriesEmpty,
  };
  return { state: ctx.state, words };
};
const Loading = stateOnly('loading', 'webhook-deliveries', useStateWords, 'Loading');
const Empty = stateOnly('empty', 'webhook-deliveries', useStateWords, 'Empty');
const Forbidden = stateOnly('forbidden', 'webhook-deliveries', useStateWords, 'Forbidden');

function DefaultWebhookDeliveries(props: WebhookDeliveriesProps) {
  return (
    <Root {...props}>
      <StatusFilter />
      <ReplayPart />
      <Loading />
      <Forbidden />
      <ErrorPart />
      <Empty />
      <Table />
      <LoadMore />
    </Root>
  );
}

/**
 * `<WebhookDeliveries webhook={…} />`: one endpoint's deliveries with a status filter, the attempts
 * of each (expandable), retry, replay and "Show more". Compose your own from `.Root`,
 * `.StatusFilter`, `.Replay`, `.Loading`, `.Empty`, `.Forbidden`, `.Error`, `.Table`, `.Row`,
 * `.Status`, `.AttemptsToggle`, `.Attempts`, `.Retry` and `.LoadMore`.
 */
export const WebhookDeliveries = Object.assign(DefaultWebhookDeliveries, {
  Root,
  StatusFilter,
  Replay: ReplayPart,
  Loading,
  Empty,
  Forbidden,
  Error: ErrorPart,
  Table,
  Row,
  Status,
  AttemptsToggle,
  Attempts,
  Retry,
  LoadMore,
});
