'use client';
import type { ClientError } from '@catalyst/authkit';
import * as React from 'react';
import { fillIn, type ButtonProps } from './account-parts.js';
import { ErrorAlert } from './key-parts.js';
import { ItemButton, passkeyItem, passkeyList } from './passkey-list-context.js';
import { useStepUp } from './use-step-up.js';
import { ConfirmGroup } from './webhook-parts.js';

/**
 * The actions of a `<PasskeyList.Item>`: rename inline (Escape cancels, focus returns to the
 * button) and remove after a confirmation, through a step-up prompt when the server asks.
 */

export function PasskeyRename(props: ButtonProps) {
  const passkey = passkeyItem.use('Rename');
  const ctx = passkeyList.use('Rename');
  const [editing, setEditing] = React.useState(false);
  const [name, setName] = React.useState(passkey.name);
  const [error, setError] = React.useState<ClientError | null>(null);
  const id = React.useId();
  const input = React.useRef<HTMLInputElement>(null);
  const button = React.useRef<HTMLButtonElement>(null);
  const wasEditing = React.useRef(false);
  React.useLayoutEffect(() => {
    if (editing) input.current?.focus();
    else if (wasEditing.current) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const close = () => {
    setEditing(false);
    setError(null);
  };
  if (!editing)
    return (
      <ItemButton
        ref={button}
        catalyst="passkey-rename"
        text={ctx.words.rename}
        label={ctx.words.renameLabel}
        onPress={() => {
          setName(passkey.name);
          setEditing(true);
        }}
        {...props}
      />
    );
  const pending = ctx.isRenaming(passkey.id);
  return (
    <form
      noValidate
      aria-label={fillIn(ctx.words.renameLabel, { name: passkey.name })}
      data-catalyst="passkey-rename-form"
      data-state={pending ? 'pending' : error ? 'error' : 'idle'}
      onKeyDown={(event) => event.key === 'Escape' && close()}
      onSubmit={async (event) => {
        event.preventDefault();
        const trimmed = name.trim();
        if (!trimmed || trimmed === passkey.name) return close();
        const result = await ctx.rename(passkey.id, trimmed);
        if (result.ok) close();
        else setError(result.error);
      }}
    >
      <label htmlFor={`${id}-name`} data-catalyst="label">
        {fillIn(ctx.words.newName, { name: passkey.name })}
      </label>
      <input
        ref={input}
        id={`${id}-name`}
        type="text"
        maxLength={100}
        autoComplete="off"
        value={name}
        disabled={pending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setName(event.currentTarget.value)}
        data-catalyst="input"
      />
      <ErrorAlert error={error} id={`${id}-error`} catalyst="error" />
      <button type="submit" disabled={pending} data-catalyst="submit">
        {ctx.words.save}
      </button>{' '}
      <button type="button" onClick={close} data-catalyst="passkey-rename-cancel">
        {ctx.words.cancel}
      </button>
    </form>
  );
}

export function PasskeyRemove(props: ButtonProps) {
  const passkey = passkeyItem.use('Remove');
  const ctx = passkeyList.use('Remove');
  const stepUp = useStepUp();
  const [asking, setAsking] = React.useState(false);
  if (!asking)
    return (
      <ItemButton
        catalyst="passkey-remove"
        text={ctx.words.remove}
        label={ctx.words.removeLabel}
        onPress={() => setAsking(true)}
        {...props}
      />
    );
  return (
    <>
      <ConfirmGroup
        catalyst="passkey-remove-confirm"
        label={fillIn(ctx.words.removeLabel, { name: passkey.name })}
        warning={fillIn(ctx.words.removeWarning, { name: passkey.name })}
        confirm={ctx.words.confirmRemove}
        cancel={ctx.words.cancel}
        pending={ctx.isRemoving(passkey.id) || stepUp.required}
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          const result = await stepUp.run(() => ctx.remove(passkey.id));
          return result.ok ? null : result.error;
        }}
      />
      {stepUp.prompt}
    </>
  );
}
