'use client';
import type { ClientError } from '@catalyst/authkit';
import type { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus } from './data/webhook-resources.js';
import { lazyContext } from './form-kit.js';
import { isUnderway, type UseWebhookDeliveriesResult } from './use-webhook-deliveries.js';
import type { WebhookScope } from './use-webhooks.js';
import { DeliveryAttempts } from './webhook-attempts.js';
import { ActionButton, ErrorAlert, fill, Time, useDates } from './webhook-parts.js';
import type { WebhookWords } from './webhook-words.js';

/** `WebhookDeliveries`' contexts, and the parts of one delivery's row. */

export interface DeliveriesContext extends UseWebhookDeliveriesResult {
  words: WebhookWords;
  id: string;
  scope: WebhookScope;
  webhook: Pick<Webhook, 'id' | 'url'>;
  status: WebhookDeliveryStatus | null;
  setStatus(status: WebhookDeliveryStatus | null): void;
}

export interface RowContext {
  delivery: WebhookDelivery;
  id: string;
  expanded: boolean;
  setExpanded(on: boolean): void;
}

export const deliveries = lazyContext<DeliveriesContext>('WebhookDeliveries');
export const row = lazyContext<RowContext>('WebhookDeliveries', 'Row');

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/** One delivery: a `<tbody>` holding its row and, when expanded, its attempts. */
export function Row({
  delivery,
  ...props
}: React.ComponentPropsWithoutRef<'tbody'> & { delivery: WebhookDelivery }) {
  const ctx = deliveries.use('Row');
  const [expanded, setExpanded] = React.useState(false);
  const Context = row.get();
  return (
    <Context.Provider value={{ delivery, id: `${ctx.id}-${delivery.id}`, expanded, setExpanded }}>
      <tbody
        data-catalyst="webhook-delivery"
        data-delivery-id={delivery.id}
        data-status={delivery.status}
        data-expanded={expanded ? '' : undefined}
        {...props}
      />
    </Context.Provider>
  );
}

/** The delivery's status as words (`data-status`); a pending one says when it is tried next. */
export function Status(props: React.ComponentPropsWithoutRef<'span'>) {
  const { words } = deliveries.use('Status');
  const { delivery } = row.use('Status');
  const dates = useDates();
  const next = delivery.nextAttemptAt;
  return (
    <span data-catalyst="webhook-delivery-status" data-status={delivery.status} {...props}>
      {words[delivery.status]}
      {next && delivery.attempts > 0 && (
        <span data-catalyst="webhook-delivery-next">
          {' '}
          {fill(words.nextAttempt, { time: dates.dateTime(next) })}
        </span>
      )}
    </span>
  );
}

const when = (delivery: WebhookDelivery, dates: ReturnType<typeof useDates>) =>
  dates.dateTime(delivery.createdAt);

/** Shows or hides the delivery's attempts (status code, duration, response, error). */
export function AttemptsToggle(props: ButtonProps) {
  const { words } = deliveries.use('AttemptsToggle');
  const r = row.use('AttemptsToggle');
  const dates = useDates();
  return (
    <ActionButton
      catalyst="webhook-attempts-toggle"
      aria-expanded={r.expanded}
      aria-controls={r.expanded ? `${r.id}-attempts` : undefined}
      label={fill(words.attemptsLabel, {
        event: r.delivery.eventType,
        time: when(r.delivery, dates),
      })}
      words={words.attempts}
      onPress={() => r.setExpanded(!r.expanded)}
      {...props}
    />
  );
}

/** Sends the delivery again now; for finished deliveries (delivered or dead) only. */
export function Retry(props: ButtonProps) {
  const ctx = deliveries.use('Retry');
  const { delivery } = row.use('Retry');
  const dates = useDates();
  const [error, setError] = React.useState<ClientError | null>(null);
  if (!ctx.canManage || isUnderway(delivery)) return null;
  const pending = ctx.isRetrying(delivery.id);
  return (
    <>
      <ActionButton
        catalyst="webhook-retry"
        label={fill(ctx.words.retryLabel, {
          event: delivery.eventType,
          time: when(delivery, dates),
        })}
        words={ctx.words.retry}
        disabled={pending}
        data-state={pending ? 'pending' : undefined}
        onPress={async () => {
          setError(null);
          const result = await ctx.retry(delivery.id);
          if (!result.ok) setError(result.error);
        }}
        {...props}
      />
      <ErrorAlert error={error} catalyst="webhook-retry-error" />
    </>
  );
}

/** The delivery's attempts, in a row of their own under it while expanded. */
export function Attempts() {
  const ctx = deliveries.use('Attempts');
  const r = row.use('Attempts');
  if (!r.expanded) return null;
  return (
    <tr data-catalyst="webhook-attempts-row">
      <td colSpan={6}>
        <DeliveryAttempts
          id={`${r.id}-attempts`}
          orgId={ctx.scope}
          webhookId={ctx.webhook.id}
          deliveryId={r.delivery.id}
        />
      </td>
    </tr>
  );
}

export function DefaultRow() {
  const { words } = deliveries.use('Row');
  const { delivery } = row.use('Row');
  const last =
    delivery.lastStatus !== null
      ? String(delivery.lastStatus)
      : delivery.attempts > 0
        ? words.noResponse
        : '—';
  return (
    <>
      <tr>
        <td data-catalyst="webhook-delivery-event">
          <code>{delivery.eventType}</code>
        </td>
        <td>
          <Status />
        </td>
        <td data-catalyst="webhook-delivery-attempts">{delivery.attempts}</td>
        <td data-catalyst="webhook-delivery-last-status">{last}</td>
        <td>
          <Time value={delivery.createdAt} catalyst="webhook-delivery-time" />
        </td>
        <td>
          <AttemptsToggle /> <Retry />
        </td>
      </tr>
      <Attempts />
    </>
  );
}
