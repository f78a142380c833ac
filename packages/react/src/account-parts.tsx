'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';

/**
 * Small parts the account-security components share: a button that runs its action unless the
 * caller's `onClick` prevented it, a text part (a title, a hint, a status), a `<time>`.
 */

export type ButtonProps = React.ComponentProps<typeof Primitive.button>;
export type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
export type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;
export type FormProps = React.ComponentPropsWithoutRef<typeof Primitive.form>;

/** A `type="button"` that calls `onPress` after the caller's `onClick`, unless it was prevented. */
export function PartButton({
  catalyst,
  text,
  onPress,
  asChild,
  children,
  onClick,
  ...props
}: ButtonProps & { catalyst: string; text: React.ReactNode; onPress(): void }) {
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst={catalyst}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) onPress();
      }}
    >
      {partContent(asChild, children, text)}
    </Primitive.button>
  );
}

/** A paragraph with default text (a title, a hint, a status message). */
export function PartText({
  catalyst,
  text,
  asChild,
  children,
  ...props
}: ParagraphProps & { catalyst: string; text: React.ReactNode }) {
  return (
    <Primitive.p asChild={asChild} data-catalyst={catalyst} {...props}>
      {partContent(asChild, children, text)}
    </Primitive.p>
  );
}

/**
 * A live region (`role="status"`): always rendered, so what appears in it is announced; empty
 * while there is nothing to say.
 */
export function LiveStatus({
  catalyst,
  text,
  asChild,
  children,
  ...props
}: React.ComponentProps<typeof Primitive.p> & { catalyst: string; text: React.ReactNode }) {
  return (
    <Primitive.p asChild={asChild} role="status" data-catalyst={catalyst} {...props}>
      {text ? partContent(asChild, children, text) : null}
    </Primitive.p>
  );
}

/** `{key}` placeholders replaced (`Passkey “{name}” added.`). */
export const fillIn = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * Copies `value` with `navigator.clipboard.writeText`: `data-state="idle|copied|failed"` on the
 * button, and a status message after it (`<catalyst>-status`).
 */
export function CopyButton({
  catalyst,
  value,
  words,
}: {
  catalyst: string;
  value: string;
  words: { copy: string; copied: string; copyFailed: string };
}) {
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  React.useEffect(() => setState('idle'), [value]);
  return (
    <>
      <button
        type="button"
        data-catalyst={catalyst}
        data-state={state}
        onClick={() => {
          const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
          if (!clipboard) return setState('failed');
          clipboard.writeText(value).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {words.copy}
      </button>
      <span role="status" data-catalyst={`${catalyst}-status`}>
        {state === 'copied' ? words.copied : state === 'failed' ? words.copyFailed : null}
      </span>
    </>
  );
}
