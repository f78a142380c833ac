'use client';
import type { ClientError, Result } from '@catalyst/authkit';
import * as React from 'react';
import type { Webhook, WebhookReplayRange } from './data/webhook-resources.js';
import { Trigger, useInlineForm } from './key-actions.js';
import { useErrorText } from './localization.js';
import { ErrorAlert, fill } from './webhook-parts.js';
import type { WebhookWords } from './webhook-words.js';

/** `YYYY-MM-DDTHH:mm` in local time, what `<input type="datetime-local">` holds. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface ReplayProps {
  words: WebhookWords;
  webhook: Pick<Webhook, 'id' | 'url'>;
  replay(range: WebhookReplayRange): Promise<Result<{ queued: number }>>;
  pending: boolean;
}

/**
 * "Replay": a button that opens a small form (since, optional until, failed deliveries only or
 * every event), then says how many deliveries were queued. Escape or Cancel closes the form and
 * focus goes back to the button; the server's `since`/`until` errors show by their field.
 */
export function Replay({ words, webhook, replay, pending }: ReplayProps) {
  const inline = useInlineForm();
  const id = React.useId();
  const text = useErrorText();
  const [since, setSince] = React.useState(() => localDateTime(new Date(Date.now() - 86_400_000)));
  const [until, setUntil] = React.useState('');
  const [mode, setMode] = React.useState<'failed' | 'all'>('failed');
  const [error, setError] = React.useState<ClientError | null>(null);
  const [queued, setQueued] = React.useState<number | null>(null);
  const label = fill(words.replayLabel, { url: webhook.url });
  const status = (
    <span role="status" data-catalyst="webhook-replay-status">
      {queued === null ? null : fill(words.replayQueued, { n: String(queued) })}
    </span>
  );
  const fieldError = (field: 'since' | 'until') =>
    error?.field === field ? (
      <p id={`${id}-${field}-error`} role="alert" data-catalyst="error" data-code={error.code}>
        {text(error)}
      </p>
    ) : null;
  const invalid = (field: 'since' | 'until') =>
    error?.field === field
      ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error`, 'data-invalid': '' }
      : {};
  const trigger = (
    <Trigger
      ref={inline.trigger}
      label={label}
      words={words.replay}
      catalyst="webhook-replay-open"
      onOpen={() => {
        setQueued(null);
        inline.setOpen(true);
      }}
    />
  );
  const form = (
    <form
      noValidate
      aria-label={label}
      data-catalyst="webhook-replay-form"
      data-state={pending ? 'pending' : error ? 'error' : 'idle'}
      onKeyDown={(event) => event.key === 'Escape' && inline.setOpen(false)}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!since) {
          return setError({
            code: 'invalid_request',
            status: 400,
            message: words.sinceRequired,
            field: 'since',
          });
        }
        setError(null);
        const result = await replay({
          since: new Date(since).toISOString(),
          ...(until ? { until: new Date(until).toISOString() } : {}),
          mode,
        });
        if (!result.ok) return setError(result.error);
        setQueued(result.data.queued);
        inline.setOpen(false);
      }}
    >
      <div data-catalyst="field" data-name="since">
        <label htmlFor={`${id}-since`} data-catalyst="label">
          {words.since}
        </label>
        <input
          id={`${id}-since`}
          type="datetime-local"
          required
          autoFocus
          value={since}
          disabled={pending}
          onChange={(event) => setSince(event.currentTarget.value)}
          data-catalyst="input"
          {...invalid('since')}
        />
        {fieldError('since')}
      </div>
      <div data-catalyst="field" data-name="until">
        <label htmlFor={`${id}-until`} data-catalyst="label">
          {words.until}
        </label>
        <input
          id={`${id}-until`}
          type="datetime-local"
          value={until}
          disabled={pending}
          onChange={(event) => setUntil(event.currentTarget.value)}
          data-catalyst="input"
          {...invalid('until')}
        />
        {fieldError('until')}
      </div>
      <fieldset data-catalyst="webhook-replay-mode" disabled={pending}>
        <legend data-catalyst="legend">{words.mode}</legend>
        {(['failed', 'all'] as const).map((value) => (
          <div key={value} data-catalyst="radio" data-name={value}>
            <input
              id={`${id}-mode-${value}`}
              type="radio"
              name={`${id}-mode`}
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
              data-catalyst="input"
            />
            <label htmlFor={`${id}-mode-${value}`} data-catalyst="label">
              {value === 'failed' ? words.modeFailed : words.modeAll}
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorAlert
        error={error && error.field !== 'since' && error.field !== 'until' ? error : null}
        catalyst="error"
      />
      <button type="submit" disabled={pending} data-catalyst="submit">
        {words.replaySubmit}
      </button>{' '}
      <button
        type="button"
        onClick={() => inline.setOpen(false)}
        data-catalyst="webhook-replay-cancel"
      >
        {words.cancel}
      </button>
    </form>
  );
  return (
    <div data-catalyst="webhook-replay" data-state={inline.open ? 'open' : 'closed'}>
      {inline.open ? form : trigger} {status}
    </div>
  );
}
