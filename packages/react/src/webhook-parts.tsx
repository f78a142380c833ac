'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { ErrorAlert, useDates } from './key-parts.js';
import type { WebhookWords } from './webhook-words.js';

/**
 * What the webhook components share: the panel that shows a signing secret once (after create
 * and after rotation), the inline confirmation (rotate, delete) and the small action button.
 */

export { fill, ErrorAlert, useDates } from './key-parts.js';

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/** A `<time>` with the date and time in the provider's locale (`Intl`). */
export function Time({
  value,
  catalyst,
  ...props
}: Omit<React.ComponentPropsWithoutRef<'time'>, 'children'> & { value: string; catalyst: string }) {
  const dates = useDates();
  return (
    <time dateTime={value} data-catalyst={catalyst} {...props}>
      {dates.dateTime(value)}
    </time>
  );
}

/** A signing secret on show: a new endpoint's, or a rotated one's. */
export interface ShownWebhookSecret {
  /** Prefix for the DOM ids of the parts. */
  id: string;
  webhookId: string;
  secret: string;
  /** The secret field's label. */
  label: string;
  /** Said under the warning (the rotation's overlap), if anything. */
  note?: string | null;
  words: WebhookWords;
  /** Forgets the secret (`Done`). */
  dismiss(): void;
}

/**
 * Shows a signing secret once (`data-catalyst="webhook-secret"`): the warning (the group's name),
 * an optional note, the secret in a read-only field (focused when it appears), copy and done.
 */
export function WebhookSecretPanel({
  value,
  ...props
}: Omit<DivProps, 'children'> & { value: ShownWebhookSecret | null }) {
  const field = React.useRef<HTMLInputElement>(null);
  const [copy, setCopy] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  const secret = value?.secret;
  React.useLayoutEffect(() => {
    setCopy('idle');
    if (secret) field.current?.focus();
  }, [secret]);
  if (!value) return null;
  const { id, words } = value;
  return (
    <Primitive.div
      role="group"
      aria-labelledby={`${id}-once`}
      data-catalyst="webhook-secret"
      data-webhook-id={value.webhookId}
      {...props}
    >
      <p id={`${id}-once`} data-catalyst="webhook-secret-once">
        {words.secretOnce}
      </p>
      {value.note && <p data-catalyst="webhook-secret-note">{value.note}</p>}
      <div data-catalyst="field" data-name="secret">
        <label htmlFor={`${id}-value`} data-catalyst="label">
          {value.label}
        </label>
        <input
          ref={field}
          id={`${id}-value`}
          type="text"
          readOnly
          spellCheck={false}
          autoComplete="off"
          value={value.secret}
          data-catalyst="input"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <button
        type="button"
        data-catalyst="webhook-copy"
        data-state={copy}
        onClick={() => {
          const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
          if (!clipboard) return setCopy('failed');
          clipboard.writeText(value.secret).then(
            () => setCopy('copied'),
            () => setCopy('failed'),
          );
        }}
      >
        {words.copy}
      </button>{' '}
      <button type="button" data-catalyst="webhook-done" onClick={value.dismiss}>
        {words.done}
      </button>
      <span role="status" data-catalyst="webhook-copy-status">
        {copy === 'copied' ? words.copied : copy === 'failed' ? words.copyFailed : null}
      </span>
    </Primitive.div>
  );
}

/** A button that runs `onPress` unless a handler of the caller's prevented it. */
export function ActionButton({
  catalyst,
  label,
  words,
  onPress,
  asChild,
  children,
  onClick,
  ...props
}: ButtonProps & { catalyst: string; label?: string; words: string; onPress(): void }) {
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst={catalyst}
      aria-label={label}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) onPress();
      }}
    >
      {partContent(asChild, children, words)}
    </Primitive.button>
  );
}

/**
 * An inline confirmation (a group named `label`): what will happen, the confirm button (focused)
 * and cancel; Escape cancels. The failure of the confirmed action shows inside it.
 */
export function ConfirmGroup({
  catalyst,
  label,
  warning,
  confirm,
  cancel,
  pending,
  onClose,
  onConfirm,
}: {
  catalyst: string;
  label: string;
  warning: string;
  confirm: string;
  cancel: string;
  pending: boolean;
  onClose(): void;
  /** Resolves with the failure, or null once done. */
  onConfirm(): Promise<ClientError | null>;
}) {
  const [error, setError] = React.useState<ClientError | null>(null);
  const button = React.useRef<HTMLButtonElement>(null);
  React.useLayoutEffect(() => button.current?.focus(), []);
  return (
    <div
      role="group"
      aria-label={label}
      data-catalyst={catalyst}
      data-state={pending ? 'pending' : error ? 'error' : 'idle'}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <p data-catalyst={`${catalyst}-warning`}>{warning}</p>
      <ErrorAlert error={error} catalyst="error" />
      <button
        ref={button}
        type="button"
        disabled={pending}
        data-catalyst="submit"
        onClick={async () => {
          setError(null);
          setError(await onConfirm());
        }}
      >
        {confirm}
      </button>{' '}
      <button type="button" onClick={onClose} data-catalyst={`${catalyst}-cancel`}>
        {cancel}
      </button>
    </div>
  );
}
