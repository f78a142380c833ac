'use client';
import { Primitive } from '@radix-ui/react-primitive';
import type * as React from 'react';
import { LiveStatus, PartButton, type ButtonProps } from './account-parts.js';
import { editor } from './claim-mapping-context.js';
import { ruleFieldOf } from './claim-mapping-draft.js';
import { ErrorAlert } from './key-parts.js';

/** The controls of `<ClaimMappingEditor>`'s form besides its rules: add, deprovision, save. */

type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;

export function AddRule(props: ButtonProps) {
  const ctx = editor.use('AddRule');
  return (
    <PartButton
      catalyst="claim-mapping-add"
      text={ctx.words.addRule}
      disabled={ctx.saving}
      {...props}
      onPress={() => {
        ctx.setSaved(false);
        ctx.draft.add();
      }}
    />
  );
}

/** Whether a sign-in that matches no rule takes the member out, with what that means. */
export function Deprovision(props: Omit<DivProps, 'children'>) {
  const ctx = editor.use('Deprovision');
  const id = `${ctx.id}-deprovision`;
  return (
    <Primitive.div data-catalyst="checkbox" data-name="deprovision" {...props}>
      <input
        id={id}
        type="checkbox"
        checked={ctx.draft.deprovision}
        disabled={ctx.saving}
        aria-describedby={`${id}-hint`}
        onChange={(event) => ctx.draft.setDeprovision(event.currentTarget.checked)}
        data-catalyst="input"
      />
      <label htmlFor={id} data-catalyst="label">
        {ctx.words.deprovision}
      </label>
      <span id={`${id}-hint`} data-catalyst="hint">
        {ctx.words.deprovisionHint}
      </span>
    </Primitive.div>
  );
}

/** The save's error when it names no rule part on show (`rules`, `deprovision`, 403…). */
export function FormError(props: ParagraphProps) {
  const ctx = editor.use('FormError');
  const error = ctx.saveError;
  const at = ruleFieldOf(error?.field);
  const onRule = at !== null && at.index < ctx.draft.rules.length;
  return (
    <ErrorAlert error={onRule ? null : error} catalyst="claim-mapping-form-error" {...props} />
  );
}

export function Save({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const ctx = editor.use('Save');
  return (
    <Primitive.button
      asChild={asChild}
      type="submit"
      disabled={ctx.saving}
      data-catalyst="submit"
      data-state={ctx.saving ? 'pending' : undefined}
      {...props}
    >
      {asChild || children ? children : ctx.words.save}
    </Primitive.button>
  );
}

/** Back to the saved rules; rendered while there are unsaved edits. */
export function Discard(props: ButtonProps) {
  const ctx = editor.use('Discard');
  if (!ctx.draft.dirty) return null;
  return (
    <PartButton
      catalyst="claim-mapping-discard"
      text={ctx.words.discard}
      disabled={ctx.saving}
      {...props}
      onPress={() => {
        ctx.setSaveError(null);
        ctx.setResult(null);
        ctx.draft.reset();
      }}
    />
  );
}

/** A `role="status"` region: "Claim rules saved." after a save here. */
export function Announcement(props: React.ComponentProps<typeof Primitive.p>) {
  const ctx = editor.use('Announcement');
  const text = ctx.saved && !ctx.draft.dirty ? ctx.words.saved : null;
  return <LiveStatus catalyst="claim-mapping-announcement" text={text} {...props} />;
}
