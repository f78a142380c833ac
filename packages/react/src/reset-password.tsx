'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { fieldError, useFocusField, useFocusOn, useUrlToken } from './account-kit.js';
import { LiveStatus, PartText, type FormProps, type ParagraphProps } from './account-parts.js';
import { RESET_PASSWORD_WORDS, type ResetPasswordWords } from './email-words.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords } from './localization.js';
import { useResetPassword, type UseResetPasswordResult } from './use-email-flows.js';

type Field = 'password' | 'confirm';

interface ResetContext extends FormKit<Field> {
  hook: UseResetPasswordResult;
  words: ResetPasswordWords;
  signInUrl: string;
  forgotPasswordUrl: string;
  /** Whether the form's fields show: a token, not yet refused, not yet used. */
  open: boolean;
}

const context = lazyContext<ResetContext>('ResetPassword');

export interface ResetPasswordProps extends Omit<FormProps, 'onSubmit' | 'onError'> {
  /** The emailed token; default the page URL's `?token=`. */
  token?: string;
  /** Where `.SignIn` leads after the change; default `/sign-in`. */
  signInUrl?: string;
  /** Where `.RequestNew` leads for an invalid or expired link; default `/forgot-password`. */
  forgotPasswordUrl?: string;
  onReset?: () => void;
  onError?: (error: ClientError) => void;
}

/**
 * The form: the new password twice. `data-state="loading|missing|idle|pending|error|invalid|
 * expired|success"`; `invalid` and `expired` replace the fields with a link to ask again.
 */
function Root({
  token: explicit,
  signInUrl = '/sign-in',
  forgotPasswordUrl = '/forgot-password',
  onReset,
  onError,
  children,
  ...props
}: ResetPasswordProps) {
  const token = useUrlToken(explicit);
  const hook = useResetPassword(token);
  const words = useWords('resetPassword', RESET_PASSWORD_WORDS);
  const id = React.useId();
  const [values, setValues] = React.useState({ password: '', confirm: '' });
  const [mismatch, setMismatch] = React.useState(false);
  const open = ['idle', 'pending', 'error'].includes(hook.state);
  useFocusField(id, 'password', open, open);
  const kit: ResetContext = {
    id,
    pending: hook.state === 'pending',
    readOnly: false,
    error: mismatch ? fieldError('confirm', words.mismatch).error : open ? hook.error : null,
    isField: (field) => field === 'password' || field === 'confirm',
    label: (field) => words[field],
    input: (field) => ({
      type: 'password',
      autoComplete: 'new-password',
      required: true,
      value: values[field],
      onChange: (event) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [field]: value }));
      },
    }),
    submit: words.submit,
    hook,
    words,
    signInUrl,
    forgotPasswordUrl,
    open,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${id}-title`}
        data-catalyst="reset-password"
        data-state={mismatch ? 'error' : hook.state}
        aria-busy={kit.pending || hook.state === 'loading' || undefined}
        {...props}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const differ = values.password !== values.confirm;
          setMismatch(differ);
          if (differ) return;
          const result = await hook.reset(values.password);
          if (result.ok) onReset?.();
          else onError?.(result.error);
        }}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const parts = makeFormParts<Field>(context.use);

function Title(props: ParagraphProps) {
  const ctx = context.use('Title');
  return (
    <PartText
      id={`${ctx.id}-title`}
      catalyst="reset-password-title"
      text={ctx.words.title}
      {...props}
    />
  );
}

/** Both password fields, while the form is open. */
function Fields(props: Omit<React.ComponentPropsWithoutRef<'div'>, 'children'>) {
  const ctx = context.use('Fields');
  if (!ctx.open) return null;
  return (
    <div data-catalyst="reset-password-fields" {...props}>
      {(['password', 'confirm'] as const).map((name) => (
        <div key={name} data-catalyst="field" data-name={name}>
          <parts.Label name={name} />
          <parts.Field name={name} />
          <parts.Error field={name} />
        </div>
      ))}
    </div>
  );
}

function Submit(props: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const ctx = context.use('Submit');
  return ctx.open ? <parts.Submit {...props} /> : null;
}

/** Why the link cannot be used: missing, invalid (or used), expired. */
function Problem(props: ParagraphProps) {
  const { hook, words } = context.use('Problem');
  const text =
    hook.state === 'missing'
      ? words.missingToken
      : hook.state === 'invalid'
        ? words.invalid
        : hook.state === 'expired'
          ? words.expired
          : null;
  if (!text) return null;
  return (
    <PartText
      role="alert"
      catalyst="reset-password-problem"
      data-reason={hook.state}
      text={text}
      {...props}
    />
  );
}

type AnchorProps = React.ComponentPropsWithoutRef<typeof Primitive.a>;

/** A link to ask for a new reset email, when this link cannot be used. */
function RequestNew({ asChild, children, ...props }: AnchorProps) {
  const { hook, words, forgotPasswordUrl } = context.use('RequestNew');
  if (!['missing', 'invalid', 'expired'].includes(hook.state)) return null;
  return (
    <Primitive.a
      asChild={asChild}
      href={forgotPasswordUrl}
      data-catalyst="reset-password-request-new"
      {...props}
    >
      {asChild ? children : (children ?? words.requestNew)}
    </Primitive.a>
  );
}

/** "Your password was changed" (takes the focus). */
function Success(props: ParagraphProps) {
  const { hook, words } = context.use('Success');
  const done = hook.state === 'success';
  const ref = useFocusOn<HTMLParagraphElement>(done);
  return (
    <LiveStatus
      ref={ref}
      tabIndex={-1}
      catalyst="reset-password-success"
      text={done ? words.success : null}
      {...props}
    />
  );
}

/** The link to sign in, once the password is changed. */
function SignIn({ asChild, children, ...props }: AnchorProps) {
  const { hook, words, signInUrl } = context.use('SignIn');
  if (hook.state !== 'success') return null;
  return (
    <Primitive.a
      asChild={asChild}
      href={signInUrl}
      data-catalyst="reset-password-sign-in"
      {...props}
    >
      {asChild ? children : (children ?? words.signIn)}
    </Primitive.a>
  );
}

function DefaultResetPassword(props: ResetPasswordProps) {
  return (
    <Root {...props}>
      <Title />
      <Success />
      <Problem />
      <parts.Error />
      <Fields />
      <Submit />
      <RequestNew />
      <SignIn />
    </Root>
  );
}

/**
 * `<ResetPassword />` is the page the reset email opens (`/reset-password?token=…`): the new
 * password twice, then a link to sign in; an invalid or expired link offers a new one. Compose
 * your own from `ResetPassword.Root`, `.Title`, `.Fields` (or `.Label`, `.Field`, `.Error`),
 * `.Submit`, `.Problem`, `.RequestNew`, `.Success` and `.SignIn`.
 */
export const ResetPassword = Object.assign(DefaultResetPassword, {
  Root,
  Title,
  Fields,
  Label: parts.Label,
  Field: parts.Field,
  Error: parts.Error,
  Submit,
  Problem,
  RequestNew,
  Success,
  SignIn,
});
