'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { adminPanel } from './admin-user-context.js';
import { partContent } from './default-content.js';
import { useInlineForm } from './key-actions.js';

/**
 * The confirm step the panel's destructive actions share (the drawer's ban, delete and MFA
 * reset; every bulk action), and the fields it asks for.
 */

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export interface ConfirmActionProps extends Omit<ButtonProps, 'onClick'> {
  /** `data-catalyst` of the trigger; the confirm step is `<catalyst>-confirm`. */
  catalyst: string;
  /** The trigger's words. */
  text: string;
  /** What the step asks (its accessible name). */
  question: string;
  submit: string;
  cancel: string;
  pending: boolean;
  /** Inputs the step asks for (read back through `FormData`). */
  fields?: React.ReactNode;
  /** Runs `onConfirm` at once, without the step (the undoing half of a toggle: unban). */
  direct?: boolean;
  /** Runs the write; the step closes when it resolves true. */
  onConfirm(form: FormData): Promise<boolean>;
}

/**
 * A button that opens a small confirm form in its place: the question, optional fields, the
 * confirm button (focused, or the first field) and Cancel. Escape or Cancel closes it and focus
 * goes back to the button.
 */
export function ConfirmAction({
  catalyst,
  text,
  question,
  submit,
  cancel,
  pending,
  fields,
  direct = false,
  onConfirm,
  asChild,
  children,
  ...props
}: ConfirmActionProps) {
  const step = useInlineForm();
  const form = React.useRef<HTMLFormElement>(null);
  React.useLayoutEffect(() => {
    if (!step.open) return;
    form.current?.querySelector<HTMLElement>('input, select, [type="submit"]')?.focus();
  }, [step.open]);
  if (!step.open) {
    return (
      <Primitive.button
        ref={step.trigger}
        asChild={asChild}
        type="button"
        data-catalyst={catalyst}
        {...props}
        // Not `disabled` while its write is out: that would drop the focus it keeps.
        aria-disabled={(direct && pending) || undefined}
        data-state={direct && pending ? 'pending' : undefined}
        onClick={() => {
          if (!direct) step.setOpen(true);
          else if (!pending) void onConfirm(new FormData());
        }}
      >
        {partContent(asChild, children, text)}
      </Primitive.button>
    );
  }
  return (
    <form
      ref={form}
      noValidate
      aria-label={question}
      data-catalyst={`${catalyst}-confirm`}
      data-state={pending ? 'pending' : 'idle'}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Handled: the drawer around it must not close too.
        event.preventDefault();
        step.setOpen(false);
      }}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await onConfirm(new FormData(event.currentTarget))) step.setOpen(false);
      }}
    >
      <p data-catalyst="user-admin-question">{question}</p>
      {fields}
      <button type="submit" disabled={pending} data-catalyst="submit">
        {submit}
      </button>{' '}
      <button type="button" data-catalyst="user-admin-cancel" onClick={() => step.setOpen(false)}>
        {cancel}
      </button>
    </form>
  );
}

/** A labelled input inside a confirm step (`data-catalyst="field"`, like the forms). */
export function StepField({
  id,
  label,
  ...props
}: React.ComponentPropsWithoutRef<'input'> & { id: string; label: string }) {
  return (
    <div data-catalyst="field" data-name={props.name}>
      <label htmlFor={id} data-catalyst="label">
        {label}
      </label>
      <input id={id} data-catalyst="input" {...props} />
    </div>
  );
}

/** A `datetime-local` value as an ISO instant, or null when empty. */
export const isoOrNull = (value: FormDataEntryValue | null): string | null =>
  typeof value === 'string' && value ? new Date(value).toISOString() : null;
export const textOrNull = (value: FormDataEntryValue | null): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

/** The ban fields: a reason and an optional end (both sent as null when left empty). */
export function BanFields({ id }: { id: string }) {
  const { words } = adminPanel.use('BanFields');
  return (
    <>
      <StepField id={`${id}-reason`} name="reason" label={words.reason} maxLength={500} />
      <StepField
        id={`${id}-expires`}
        name="expiresAt"
        type="datetime-local"
        label={words.banEnds}
      />
    </>
  );
}
