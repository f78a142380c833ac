'use client';
import {
  isMfaChallenge,
  safeRedirect,
  type ClientError,
  type MfaChallenge,
  type Result,
  type SessionPayload,
} from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { useAuthClient } from './hooks.js';
import { partContent } from './default-content.js';
import { useErrorText, useWords, type CredentialsWords, type SignInWords } from './localization.js';
import type { SignInStep, StepRenderer } from './sign-in-types.js';

export type { SignInStep, SignInStepProps, StepRenderer } from './sign-in-types.js';

export type CredentialsKind = 'sign-in' | 'sign-up';
export type CredentialsFieldName = 'email' | 'password' | 'name';

/** `idle`, `pending` while the request is out, `error` after a failure. */
export type FormState = 'idle' | 'pending' | 'error';

interface FormContext {
  kind: CredentialsKind;
  id: string;
  pending: boolean;
  error: ClientError | null;
  words: CredentialsWords;
  /** Signed in another way (a passkey): `onSuccess`, then the redirect. */
  complete(payload: SessionPayload): void;
  /** A failure of another way in, or null when it starts. */
  fail(error: ClientError | null): void;
  busy(on: boolean): void;
  go(step: SignInStep): void;
}

/** Reads the form's context (the sign-in parts outside this file). */
export const useCredentialsContext = (part: string): FormContext => useForm(part);

let formContext: React.Context<FormContext | null> | undefined;
const getFormContext = () => (formContext ??= React.createContext<FormContext | null>(null));

function useForm(part: string): FormContext {
  const state = React.useContext(getFormContext());
  if (!state) throw new Error(`<${part}> must be inside its <Root>`);
  return state;
}

/**
 * The `redirect_url` query parameter or the fallback, kept on this origin or one of
 * `allowedHosts` (no open redirects).
 */
export function resolveRedirect(
  explicit: string | undefined,
  fallback: string,
  allowedHosts: readonly string[] = [],
): string {
  if (typeof window === 'undefined') return explicit ?? fallback;
  const { origin, search } = window.location;
  const wanted = explicit ?? new URLSearchParams(search).get('redirect_url');
  return safeRedirect(wanted, origin, fallback, allowedHosts);
}

export interface RootProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.form>,
  'onSubmit' | 'onError'
> {
  /** Where to go after success; default: the `redirect_url` query parameter, else `fallbackRedirectUrl`. */
  redirectUrl?: string;
  fallbackRedirectUrl?: string;
  /**
   * Other hosts `redirect_url` may send the browser to after signing in (`*.example.com`, over
   * https): forward-auth across subdomains sends people here from other apps. Default: none.
   */
  allowedRedirectHosts?: readonly string[];
  /** Stay on the page after success (you handle navigation in `onSuccess`). */
  disableRedirect?: boolean;
  onSuccess?: (payload: SessionPayload) => void;
  onError?: (error: ClientError) => void;
  /**
   * The sign-in answered that a second factor is due; the form then shows that step itself
   * (`<TwoFactor>`, or `<TotpSetup>` when an org requires enrolling one) and redirects after it.
   */
  onMfaRequired?: (challenge: MfaChallenge) => void;
}

export interface UseCredentialsFormResult {
  pending: boolean;
  error: ClientError | null;
  state: FormState;
  /** Submits the form's fields; a sign-in may answer that a second factor is due (`isMfaChallenge`). */
  submit(fields: {
    email: string;
    password: string;
    name?: string;
  }): Promise<Result<SessionPayload | MfaChallenge>>;
}

/** The sign-in or sign-up request with its pending and error state: the hook under the forms. */
export function useCredentialsForm(kind: CredentialsKind): UseCredentialsFormResult {
  const client = useAuthClient();
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<ClientError | null>(null);
  const submit = React.useCallback(
    async (fields: { email: string; password: string; name?: string }) => {
      setPending(true);
      setError(null);
      const name = fields.name?.trim();
      const result: Result<SessionPayload | MfaChallenge> =
        kind === 'sign-in'
          ? await client.signIn({ email: fields.email, password: fields.password })
          : await client.signUp({
              email: fields.email,
              password: fields.password,
              ...(name ? { name } : {}),
            });
      if (!result.ok) setError(result.error);
      setPending(false);
      return result;
    },
    [client, kind],
  );
  return { pending, error, state: pending ? 'pending' : error ? 'error' : 'idle', submit };
}

export function makeRoot(
  kind: CredentialsKind,
  defaults: CredentialsWords | SignInWords,
  steps?: StepRenderer,
) {
  const wordsKey = kind === 'sign-in' ? 'signIn' : 'signUp';
  return function Root({
    redirectUrl,
    fallbackRedirectUrl = '/',
    allowedRedirectHosts,
    disableRedirect,
    onSuccess,
    onError,
    onMfaRequired,
    children,
    ...props
  }: RootProps) {
    const form = useCredentialsForm(kind);
    const words = useWords(wordsKey, defaults);
    const id = React.useId();
    const [navigating, setNavigating] = React.useState(false);
    const [busy, setBusy] = React.useState(false);
    const [otherError, setOtherError] = React.useState<ClientError | null>(null);
    const [step, setStep] = React.useState<SignInStep>({ kind: 'password' });

    const complete = (payload: SessionPayload) => {
      onSuccess?.(payload);
      if (!disableRedirect) {
        // A full navigation, so server components render with the new cookies.
        setNavigating(true);
        window.location.assign(
          resolveRedirect(redirectUrl, fallbackRedirectUrl, allowedRedirectHosts),
        );
      }
    };

    if (step.kind !== 'password' && steps) {
      return steps.render({
        step,
        redirectUrl,
        fallbackRedirectUrl,
        allowedRedirectHosts,
        disableRedirect,
        onSuccess,
        back: () => setStep({ kind: 'password' }),
      });
    }

    const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setOtherError(null);
      steps?.preload();
      const data = new FormData(event.currentTarget);
      const text = (key: string) => {
        const value = data.get(key);
        return typeof value === 'string' ? value : '';
      };
      const result = await form.submit({
        email: text('email'),
        password: text('password'),
        name: text('name'),
      });
      if (!result.ok) {
        onError?.(result.error);
        return;
      }
      if (isMfaChallenge(result.data)) {
        onMfaRequired?.(result.data);
        setStep({ kind: 'second-factor', challenge: result.data });
        return;
      }
      complete(result.data);
    };

    const pending = form.pending || navigating || busy;
    const error = otherError ?? form.error;
    const Context = getFormContext();
    const context: FormContext = {
      kind,
      id,
      pending,
      error,
      words,
      complete,
      fail: setOtherError,
      busy: setBusy,
      go: (next) => {
        steps?.preload();
        setStep(next);
      },
    };
    return (
      <Context.Provider value={context}>
        <Primitive.form
          noValidate
          data-catalyst={kind}
          data-state={pending ? 'pending' : error ? 'error' : 'idle'}
          aria-busy={pending || undefined}
          {...props}
          onSubmit={onSubmit}
        >
          {children}
        </Primitive.form>
      </Context.Provider>
    );
  };
}

export interface FieldProps extends Omit<
  React.ComponentPropsWithoutRef<typeof Primitive.input>,
  'name'
> {
  name: CredentialsFieldName;
}

const fieldId = (form: FormContext, name: string) => `${form.id}-${name}`;
const errorId = (form: FormContext, name: string | undefined) =>
  `${form.id}-${name ?? 'form'}-error`;

/** An input wired to the form: name, type, autocomplete, and ARIA for its error. */
export function Field({ name, ...props }: FieldProps) {
  const form = useForm('Field');
  const invalid = form.error?.field === name;
  const autoComplete =
    name === 'email'
      ? 'email'
      : name === 'name'
        ? 'name'
        : form.kind === 'sign-up'
          ? 'new-password'
          : 'current-password';
  return (
    <Primitive.input
      id={fieldId(form, name)}
      name={name}
      type={name === 'email' ? 'email' : name === 'password' ? 'password' : 'text'}
      autoComplete={autoComplete}
      required={name !== 'name'}
      disabled={form.pending}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId(form, name) : undefined}
      data-catalyst="input"
      data-invalid={invalid ? '' : undefined}
      {...props}
    />
  );
}

export interface LabelProps extends React.ComponentPropsWithoutRef<typeof Primitive.label> {
  name: CredentialsFieldName;
}

/** The field's label; its default text comes from the localization. */
export function Label({ name, asChild, children, ...props }: LabelProps) {
  const form = useForm('Label');
  return (
    <Primitive.label
      asChild={asChild}
      htmlFor={fieldId(form, name)}
      data-catalyst="label"
      {...props}
    >
      {partContent(asChild, children, form.words[name])}
    </Primitive.label>
  );
}

export type SubmitProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;

export function Submit({ asChild, children, ...props }: SubmitProps) {
  const form = useForm('Submit');
  return (
    <Primitive.button
      asChild={asChild}
      type="submit"
      disabled={form.pending}
      data-catalyst="submit"
      data-state={form.pending ? 'pending' : undefined}
      {...props}
    >
      {partContent(asChild, children, form.words.submit)}
    </Primitive.button>
  );
}

export interface ErrorProps extends React.ComponentPropsWithoutRef<typeof Primitive.p> {
  /** Show the error for this field; omit for errors not tied to a field (e.g. wrong password). */
  field?: CredentialsFieldName;
}

/** The server's message (or your word for its code) for this form or field, only when there is one. */
export function ErrorMessage({ field, asChild, children, ...props }: ErrorProps) {
  const form = useForm('Error');
  const text = useErrorText();
  const error = form.error;
  const matches =
    error &&
    (field
      ? error.field === field
      : !error.field || !['email', 'password', 'name'].includes(error.field));
  if (!matches) return null;
  return (
    <Primitive.p
      asChild={asChild}
      id={errorId(form, field)}
      role="alert"
      data-catalyst="error"
      data-code={error.code}
      {...props}
    >
      {partContent(asChild, children, text(error))}
    </Primitive.p>
  );
}
