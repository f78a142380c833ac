'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { ErrorAlert } from './key-parts.js';

/**
 * The inline confirmations behind `KeyList.Revoke` and `KeyList.Reroll`: a trigger button, and
 * the small form it opens (Escape or Cancel closes it, focus goes back to the trigger).
 */

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

/** Whether the confirmation is open; focus returns to the trigger when it closes. */
export function useInlineForm() {
  const [open, setOpen] = React.useState(false);
  const trigger = React.useRef<HTMLButtonElement>(null);
  const wasOpen = React.useRef(false);
  React.useEffect(() => {
    if (wasOpen.current && !open) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { open, setOpen, trigger };
}

/** The button that opens a confirmation: visible `words`, accessible name `label`. */
export function Trigger({
  ref,
  label,
  words,
  catalyst,
  onOpen,
  asChild,
  children,
  onClick,
  ...props
}: ButtonProps & {
  ref: React.Ref<HTMLButtonElement>;
  label: string;
  words: string;
  catalyst: string;
  onOpen(): void;
}) {
  return (
    <Primitive.button
      ref={ref}
      asChild={asChild}
      type="button"
      data-catalyst={catalyst}
      aria-label={label}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) onOpen();
      }}
    >
      {partContent(asChild, children, words)}
    </Primitive.button>
  );
}

interface ConfirmProps {
  /** The form's accessible name (the trigger's label). */
  label: string;
  pending: boolean;
  cancel: string;
  onClose(): void;
}

const state = (pending: boolean, error: ClientError | null) =>
  pending ? 'pending' : error ? 'error' : 'idle';

/** Asks for an optional reason (focused), then revokes; the failure shows in the form. */
export function RevokeForm({
  id,
  label,
  pending,
  cancel,
  onClose,
  words,
  onConfirm,
}: ConfirmProps & {
  id: string;
  words: { revokeReason: string; confirmRevoke: string };
  /** Resolves with the failure, or null once revoked. */
  onConfirm(reason: string): Promise<ClientError | null>;
}) {
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<ClientError | null>(null);
  const input = React.useRef<HTMLInputElement>(null);
  React.useLayoutEffect(() => input.current?.focus(), []);
  return (
    <form
      noValidate
      aria-label={label}
      data-catalyst="key-revoke-form"
      data-state={state(pending, error)}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        setError(await onConfirm(reason.trim()));
      }}
    >
      <label htmlFor={id} data-catalyst="label">
        {words.revokeReason}
      </label>
      <input
        ref={input}
        id={id}
        type="text"
        maxLength={200}
        value={reason}
        disabled={pending}
        onChange={(event) => setReason(event.currentTarget.value)}
        data-catalyst="input"
      />
      <ErrorAlert error={error} catalyst="error" />
      <button type="submit" disabled={pending} data-catalyst="submit">
        {words.confirmRevoke}
      </button>
      <button type="button" onClick={onClose} data-catalyst="key-revoke-cancel">
        {cancel}
      </button>
    </form>
  );
}

/** Says what a reroll does, then rolls (the confirm button is focused). */
export function RerollConfirm({
  label,
  pending,
  cancel,
  onClose,
  words,
  onConfirm,
}: ConfirmProps & {
  words: { rerollWarning: string; confirmReroll: string };
  /** Resolves with the failure, or null once rolled. */
  onConfirm(): Promise<ClientError | null>;
}) {
  const [error, setError] = React.useState<ClientError | null>(null);
  const confirm = React.useRef<HTMLButtonElement>(null);
  React.useLayoutEffect(() => confirm.current?.focus(), []);
  return (
    <div
      role="group"
      aria-label={label}
      data-catalyst="key-reroll-confirm"
      data-state={state(pending, error)}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <p data-catalyst="key-reroll-warning">{words.rerollWarning}</p>
      <ErrorAlert error={error} catalyst="error" />
      <button
        ref={confirm}
        type="button"
        disabled={pending}
        data-catalyst="submit"
        onClick={async () => {
          setError(null);
          setError(await onConfirm());
        }}
      >
        {words.confirmReroll}
      </button>
      <button type="button" onClick={onClose} data-catalyst="key-reroll-cancel">
        {cancel}
      </button>
    </div>
  );
}
