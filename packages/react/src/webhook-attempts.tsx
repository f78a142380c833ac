'use client';
import * as React from 'react';
import type { WebhookAttempt } from './data/webhook-resources.js';
import { useWebhookDelivery } from './use-webhook-deliveries.js';
import { ErrorAlert, fill, Time } from './webhook-parts.js';
import { useWebhookWords } from './webhook-words.js';

export interface DeliveryAttemptsProps extends Omit<
  React.ComponentPropsWithoutRef<'div'>,
  'children'
> {
  /** The org whose endpoint this is (default the active org); `'platform'` for the platform's. */
  orgId?: string | null;
  webhookId: string;
  deliveryId: string;
  /** One attempt's markup; default its time, status code, duration, response and error. */
  children?: (attempt: WebhookAttempt, index: number) => React.ReactNode;
}

/**
 * Every attempt of one delivery, oldest first (`GET …/deliveries/{id}`): when, the receiver's
 * status code (or "No response"), how long it took, the start of the response body (as text,
 * never as markup) and the error. `data-state` like every list; polls while still underway.
 */
export function DeliveryAttempts({
  orgId,
  webhookId,
  deliveryId,
  children,
  ...props
}: DeliveryAttemptsProps) {
  const words = useWebhookWords();
  const detail = useWebhookDelivery(orgId, webhookId, deliveryId);
  const state = detail.state === 'ready' && detail.attempts.length === 0 ? 'empty' : detail.state;
  return (
    <div
      data-catalyst="webhook-attempts"
      data-state={state}
      aria-busy={state === 'loading' || undefined}
      {...props}
    >
      {state === 'loading' && (
        <p data-catalyst="webhook-attempts-loading">{words.attemptsLoading}</p>
      )}
      {state === 'empty' && <p data-catalyst="webhook-attempts-empty">{words.attemptsEmpty}</p>}
      {state === 'forbidden' && <p data-catalyst="webhook-attempts-forbidden">{words.forbidden}</p>}
      <ErrorAlert
        error={state === 'error' ? detail.error : null}
        catalyst="webhook-attempts-error"
      />
      {detail.attempts.length > 0 && (
        <ol data-catalyst="webhook-attempts-items">
          {detail.attempts.map((attempt, index) => (
            <li
              key={attempt.id}
              data-catalyst="webhook-attempt"
              data-status-code={attempt.statusCode ?? undefined}
              data-ok={
                attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300
                  ? ''
                  : undefined
              }
            >
              {children ? children(attempt, index) : <AttemptDetails attempt={attempt} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Detail({
  term,
  catalyst,
  children,
}: {
  term: string;
  catalyst: string;
  children: React.ReactNode;
}) {
  return (
    <div data-catalyst={catalyst}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One attempt as a description list; the response excerpt is text in a `<pre>`. */
export function AttemptDetails({ attempt }: { attempt: WebhookAttempt }) {
  const words = useWebhookWords();
  return (
    <dl data-catalyst="webhook-attempt-details">
      <Detail term={words.attemptAt} catalyst="webhook-attempt-at">
        <Time value={attempt.attemptedAt} catalyst="time" />
      </Detail>
      <Detail term={words.statusCode} catalyst="webhook-attempt-status">
        {attempt.statusCode === null ? words.noResponse : <code>{attempt.statusCode}</code>}
      </Detail>
      <Detail term={words.duration} catalyst="webhook-attempt-duration">
        {fill(words.durationMs, { ms: String(attempt.durationMs) })}
      </Detail>
      {attempt.responseExcerpt !== null && attempt.responseExcerpt !== '' && (
        <Detail term={words.response} catalyst="webhook-attempt-response">
          <pre>{attempt.responseExcerpt}</pre>
        </Detail>
      )}
      {attempt.error && (
        <Detail term={words.error} catalyst="webhook-attempt-error">
          {attempt.error}
        </Detail>
      )}
    </dl>
  );
}
