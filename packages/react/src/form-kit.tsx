'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { useErrorText } from './localization.js';

/**
 * The field parts the org forms share (`Label`, `Field`, `Error`, `Submit`), in the markup the
 * credentials forms use: `data-catalyst="label|input|error|submit"`, errors as `role="alert"`
 * tied to their input with `aria-describedby`, `data-invalid` on the input at fault.
 */
export interface FormKit<N extends string> {
  id: string;
  pending: boolean;
  /** Inputs disabled for lack of permission (the form still shows the values). */
  readOnly: boolean;
  error: ClientError | null;
  /** Whether a server `field` belongs to an input of this form (else the error is form-level). */
  isField(field: string): boolean;
  label(name: N): string;
  /** What an input needs beyond the shared wiring: value, onChange, type, autocomplete… */
  input(name: N): React.ComponentPropsWithoutRef<'input'>;
  submit: string;
}

export const fieldDomId = (id: string, name: string) => `${id}-${name.replaceAll('.', '-')}`;
const errorDomId = (id: string, name: string | undefined) =>
  `${fieldDomId(id, name ?? 'form')}-error`;

export interface KitLabelProps<N extends string> extends React.ComponentPropsWithoutRef<
  typeof Primitive.label
> {
  name: N;
}
export interface KitFieldProps<N extends string> extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.input>,
  'name'
> {
  name: N;
}
export interface KitErrorProps<N extends string> extends React.ComponentPropsWithoutRef<
  typeof Primitive.p
> {
  /** The field whose error to show; omit for errors not tied to a field of this form. */
  field?: N;
}
export type KitSubmitProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export function makeFormParts<N extends string>(useKit: (part: string) => FormKit<N>) {
  function Label({ name, asChild, children, ...props }: KitLabelProps<N>) {
    const kit = useKit('Label');
    return (
      <Primitive.label
        asChild={asChild}
        htmlFor={fieldDomId(kit.id, name)}
        data-catalyst="label"
        {...props}
      >
        {partContent(asChild, children, kit.label(name))}
      </Primitive.label>
    );
  }

  function Field({ name, ...props }: KitFieldProps<N>) {
    const kit = useKit('Field');
    const invalid = kit.error?.field === name;
    return (
      <Primitive.input
        id={fieldDomId(kit.id, name)}
        name={name}
        disabled={kit.pending || kit.readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorDomId(kit.id, name) : undefined}
        data-catalyst="input"
        data-invalid={invalid ? '' : undefined}
        {...kit.input(name)}
        {...props}
      />
    );
  }

  function ErrorMessage({ field, asChild, children, ...props }: KitErrorProps<N>) {
    const kit = useKit('Error');
    const text = useErrorText();
    const error = kit.error;
    const matches =
      error && (field ? error.field === field : !error.field || !kit.isField(error.field));
    if (!matches) return null;
    return (
      <Primitive.p
        asChild={asChild}
        id={errorDomId(kit.id, field)}
        role="alert"
        data-catalyst="error"
        data-code={error.code}
        {...props}
      >
        {partContent(asChild, children, text(error))}
      </Primitive.p>
    );
  }

  function Submit({ asChild, children, ...props }: KitSubmitProps) {
    const kit = useKit('Submit');
    return (
      <Primitive.button
        asChild={asChild}
        type="submit"
        disabled={kit.pending || kit.readOnly}
        data-catalyst="submit"
        data-state={kit.pending ? 'pending' : undefined}
        {...props}
      >
        {partContent(asChild, children, kit.submit)}
      </Primitive.button>
    );
  }

  return { Label, Field, Error: ErrorMessage, Submit };
}

/** A lazily created context (server components import this package: no createContext at import). */
export function lazyContext<T>(component: string, container = 'Root') {
  let context: React.Context<T | null> | undefined;
  const get = () => (context ??= React.createContext<T | null>(null));
  function use(part: string): T {
    const value = React.useContext(get());
    if (!value)
      throw new Error(`<${component}.${part}> must be inside <${component}.${container}>`);
    return value;
  }
  return { get, use };
}
