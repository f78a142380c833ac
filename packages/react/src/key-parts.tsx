'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import type { DataState } from './data/core.js';
import { partContent } from './default-content.js';
import { useErrorText, useLocale, type SecretWords } from './localization.js';

/**
 * What CreateApiKey, KeyList and KeyManager share: state-only parts, the error alert, dates
 * through `Intl`, and the panel that shows a secret once (warning, read-only field, copy, done).
 */

export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

type ParagraphProps = React.ComponentPropsWithoutRef<typeof Primitive.p>;
type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
type DivProps = React.ComponentPropsWithoutRef<typeof Primitive.div>;

/** A part rendered only in one state, its default content that state's words. */
export function stateOnly<S extends 'loading' | 'empty' | 'forbidden'>(
  state: S,
  prefix: string,
  use: (part: string) => { state: DataState; words: Record<S, string> },
  part: string,
) {
  return function StatePart({ asChild, children, ...props }: ParagraphProps) {
    const ctx = use(part);
    if (ctx.state !== state) return null;
    return (
      <Primitive.p asChild={asChild} data-catalyst={`${prefix}-${state}`} {...props}>
        {partContent(asChild, children, ctx.words[state])}
      </Primitive.p>
    );
  };
}

/** An error as an alert with `data-code`; nothing without one. */
export function ErrorAlert({
  error,
  catalyst,
  asChild,
  children,
  ...props
}: ParagraphProps & { error: ClientError | null; catalyst: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <Primitive.p
      asChild={asChild}
      role="alert"
      data-catalyst={catalyst}
      data-code={error.code}
      {...props}
    >
      {partContent(asChild, children, text(error))}
    </Primitive.p>
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** Dates in the provider's locale: absolute (`Mar 4, 2025`) or relative (`3 days ago`). */
export function useDates() {
  const locale = useLocale();
  return React.useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return {
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      relative(iso: string, now = Date.now()) {
        const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
        const found = UNITS.find(([, size]) => Math.abs(seconds) >= size);
        return found
          ? relative.format(Math.round(seconds / found[1]), found[0])
          : relative.format(seconds, 'second');
      },
    };
  }, [locale]);
}

/** A `<time>`: relative or absolute text, the full date and time as its title. */
export function KeyTime({
  value,
  relative = false,
  catalyst,
  ...props
}: Omit<React.ComponentPropsWithoutRef<'time'>, 'children'> & {
  value: string;
  relative?: boolean;
  catalyst: string;
}) {
  const dates = useDates();
  return (
    <time dateTime={value} title={dates.dateTime(value)} data-catalyst={catalyst} {...props}>
      {relative ? dates.relative(value) : dates.date(value)}
    </time>
  );
}

/** A secret on show: a new key's, or a rolled key's. */
export interface ShownSecret {
  /** Prefix for the DOM ids of the parts. */
  id: string;
  keyId: string;
  secret: string;
  /** The secret field's label. */
  label: string;
  words: SecretWords;
  /** Forgets the secret (`Done`). */
  dismiss(): void;
}

let secretContext: React.Context<ShownSecret | null> | undefined;
const getSecret = () => (secretContext ??= React.createContext<ShownSecret | null>(null));

function useSecret(part: string): ShownSecret {
  const value = React.useContext(getSecret());
  if (!value) throw new Error(`<${part}> must be inside <CreateApiKey.Secret> or <KeyList.Reroll>`);
  return value;
}

/**
 * The group that shows a secret once (`data-catalyst="api-key-secret"`); nothing without one.
 * Default content: the warning, the secret, copy and done.
 */
export function SecretPanel({
  value,
  children,
  ...props
}: DivProps & { value: ShownSecret | null }) {
  const Context = getSecret();
  if (!value) return null;
  return (
    <Context.Provider value={value}>
      <Primitive.div
        role="group"
        aria-labelledby={`${value.id}-once`}
        data-catalyst="api-key-secret"
        data-key-id={value.keyId}
        {...props}
      >
        {children ?? (
          <>
            <SecretOnce />
            <SecretValue />
            <Copy /> <Done />
          </>
        )}
      </Primitive.div>
    </Context.Provider>
  );
}

/** "You will not see it again." (the panel's accessible name). */
function SecretOnce({ asChild, children, ...props }: ParagraphProps) {
  const shown = useSecret('SecretOnce');
  return (
    <Primitive.p
      asChild={asChild}
      id={`${shown.id}-once`}
      data-catalyst="api-key-secret-once"
      {...props}
    >
      {partContent(asChild, children, shown.words.secretOnce)}
    </Primitive.p>
  );
}

/** The secret in a labelled, read-only field, focused when it appears and selected on focus. */
function SecretValue(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.input>, 'value' | 'id'>,
) {
  const shown = useSecret('SecretValue');
  const ref = React.useRef<HTMLInputElement>(null);
  React.useLayoutEffect(() => ref.current?.focus(), [shown.secret]);
  const id = `${shown.id}-value`;
  return (
    <div data-catalyst="field" data-name="secret">
      <label htmlFor={id} data-catalyst="label">
        {shown.label}
      </label>
      <Primitive.input
        ref={ref}
        id={id}
        type="text"
        readOnly
        spellCheck={false}
        autoComplete="off"
        value={shown.secret}
        data-catalyst="input"
        onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.currentTarget.select()}
        {...props}
      />
    </div>
  );
}

/**
 * Copies the secret with `navigator.clipboard.writeText`; `data-state="idle|copied|failed"` and
 * a status message after.
 */
function Copy({ asChild, children, onClick, ...props }: ButtonProps) {
  const shown = useSecret('Copy');
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  React.useEffect(() => setState('idle'), [shown.secret]);
  return (
    <>
      <Primitive.button
        asChild={asChild}
        type="button"
        data-catalyst="api-key-copy"
        data-state={state}
        {...props}
        onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
          onClick?.(event);
          if (event.defaultPrevented) return;
          const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
          if (!clipboard) return setState('failed');
          clipboard.writeText(shown.secret).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {partContent(asChild, children, shown.words.copy)}
      </Primitive.button>
      <span role="status" data-catalyst="api-key-copy-status">
        {state === 'copied'
          ? shown.words.copied
          : state === 'failed'
            ? shown.words.copyFailed
            : null}
      </span>
    </>
  );
}

/** Forgets the secret: it cannot be shown again. */
function Done({ asChild, children, onClick, ...props }: ButtonProps) {
  const shown = useSecret('Done');
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="api-key-done"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) shown.dismiss();
      }}
    >
      {partContent(asChild, children, shown.words.done)}
    </Primitive.button>
  );
}

/** The parts inside a `SecretPanel` (`CreateApiKey.Secret`, the reroll's panel). */
export const secretParts = { SecretOnce, SecretValue, Copy, Done };
