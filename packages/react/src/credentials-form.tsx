'use client';
import {
  safeRedirect,
  type ClientError,
  type Result,
  type SessionPayload,
} from '@catalyst/authkit';
import { Slot } from '@radix-ui/react-slot';
import * as React from 'react';
import { useAuthClient } from './hooks.js';

export type CredentialsKind = 'sign-in' | 'sign-up';
export type CredentialsFieldName = 'email' | 'password' | 'name';

interface FormState {
  kind: CredentialsKind;
  id: string;
  pending: boolean;
  error: ClientError | null;
}

let formContext: React.Context<FormState | null> | undefined;
const getFormContext = () => (formContext ??= React.createContext<FormState | null>(null));

function useFormState(part: string): FormState {
  const state = React.useContext(getFormContext());
  if (!state) throw new Error(`<${part}> must be inside its <Root>`);
  return state;
}

/** The `redirect_url` query parameter or the fallback, kept on this origin (no open redirects). */
export function resolveRedirect(explicit: string | undefined, fallback: string): string {
  if (typeof window === 'undefined') return explicit ?? fallback;
  const { origin, search } = window.location;
  const wanted = explicit ?? new URLSearchParams(search).get('redirect_url');
  return safeRedirect(wanted, origin, fallback);
}

export interface RootProps extends Omit<
  React.FormHTMLAttributes<HTMLFormElement>,
  'onSubmit' | 'onError'
> {
  asChild?: boolean;
  /** Where to go after success; default: the `redirect_url` query parameter, else `fallbackRedirectUrl`. */
  redirectUrl?: string;
  fallbackRedirectUrl?: string;
  /** Stay on the page after success (you handle navigation in `onSuccess`). */
  disableRedirect?: boolean;
  onSuccess?: (payload: SessionPayload) => void;
  onError?: (error: ClientError) => void;
}

export function makeRoot(kind: CredentialsKind) {
  return function Root({
    asChild,
    redirectUrl,
    fallbackRedirectUrl = '/',
    disableRedirect,
    onSuccess,
    onError,
    children,
    ...props
  }: RootProps) {
    const client = useAuthClient();
    const id = React.useId();
    const [pending, setPending] = React.useState(false);
    const [error, setError] = React.useState<ClientError | null>(null);

    const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const data = new FormData(event.currentTarget);
      const text = (key: string) => {
        const value = data.get(key);
        return typeof value === 'string' ? value : '';
      };
      setPending(true);
      setError(null);
      let result: Result<SessionPayload>;
      if (kind === 'sign-in') {
        result = await client.signIn({ email: text('email'), password: text('password') });
      } else {
        const name = text('name').trim();
        result = await client.signUp({
          email: text('email'),
          password: text('password'),
          ...(name ? { name } : {}),
        });
      }
      if (result.ok) {
        onSuccess?.(result.data);
        // A full navigation, so server components render with the new cookies.
        if (!disableRedirect)
          window.location.assign(resolveRedirect(redirectUrl, fallbackRedirectUrl));
        else setPending(false);
        return;
      }
      setPending(false);
      setError(result.error);
      onError?.(result.error);
    };

    const Comp = asChild ? Slot : 'form';
    const Context = getFormContext();
    return (
      <Context.Provider value={{ kind, id, pending, error }}>
        <Comp
          noValidate
          data-catalyst={kind}
          data-pending={pending ? '' : undefined}
          aria-busy={pending || undefined}
          {...props}
          onSubmit={onSubmit}
        >
          {children}
        </Comp>
      </Context.Provider>
    );
  };
}

export interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name'> {
  name: CredentialsFieldName;
  asChild?: boolean;
}

const fieldId = (state: FormState, name: string) => `${state.id}-${name}`;
const errorId = (state: FormState, name: string | undefined) =>
  `${state.id}-${name ?? 'form'}-error`;

/** An input wired to the form: name, type, autocomplete, and ARIA for its error. */
export function Field({ name, asChild, ...props }: FieldProps) {
  const state = useFormState('Field');
  const invalid = state.error?.field === name;
  const Comp = asChild ? Slot : 'input';
  const autoComplete =
    name === 'email'
      ? 'email'
      : name === 'name'
        ? 'name'
        : state.kind === 'sign-up'
          ? 'new-password'
          : 'current-password';
  return (
    <Comp
      id={fieldId(state, name)}
      name={name}
      type={name === 'email' ? 'email' : name === 'password' ? 'password' : 'text'}
      autoComplete={autoComplete}
      required={name !== 'name'}
      disabled={state.pending}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId(state, name) : undefined}
      data-invalid={invalid ? '' : undefined}
      {...props}
    />
  );
}

export interface LabelProps extends React.LabelHTMLAttributes<HTMLLabelElement> {
  name: CredentialsFieldName;
  asChild?: boolean;
}

export function Label({ name, asChild, ...props }: LabelProps) {
  const state = useFormState('Label');
  const Comp = asChild ? Slot : 'label';
  return <Comp htmlFor={fieldId(state, name)} {...props} />;
}

export interface SubmitProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  asChild?: boolean;
}

export function Submit({ asChild, ...props }: SubmitProps) {
  const state = useFormState('Submit');
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      type="submit"
      disabled={state.pending}
      data-pending={state.pending ? '' : undefined}
      {...props}
    />
  );
}

export interface ErrorProps extends React.HTMLAttributes<HTMLParagraphElement> {
  /** Show the error for this field; omit for errors not tied to a field (e.g. wrong password). */
  field?: CredentialsFieldName;
  asChild?: boolean;
}

/** The server's message for this form or field, rendered only when there is one. */
export function ErrorMessage({ field, asChild, children, ...props }: ErrorProps) {
  const state = useFormState('Error');
  const error = state.error;
  const matches =
    error &&
    (field
      ? error.field === field
      : !error.field || !['email', 'password', 'name'].includes(error.field));
  if (!matches) return null;
  const Comp = asChild ? Slot : 'p';
  return (
    <Comp id={errorId(state, field)} role="alert" data-code={error.code} {...props}>
      {children ?? error.message}
    </Comp>
  );
}
