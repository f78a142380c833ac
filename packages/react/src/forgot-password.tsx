'use client';
import type { ClientError } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { useFocusOn } from './account-kit.js';
import {
  fillIn,
  LiveStatus,
  PartText,
  type FormProps,
  type ParagraphProps,
} from './account-parts.js';
import { FORGOT_PASSWORD_WORDS, type ForgotPasswordWords } from './email-words.js';
import { lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords } from './localization.js';
import { useForgotPassword, type UseForgotPasswordResult } from './use-email-flows.js';

interface ForgotContext extends FormKit<'email'> {
  hook: UseForgotPasswordResult;
  words: ForgotPasswordWords;
  signInUrl: string | undefined;
}

const context = lazyContext<ForgotContext>('ForgotPassword');

export interface ForgotPasswordProps extends Omit<FormProps, 'onSubmit' | 'onError'> {
  /** Where `.BackToSignIn` leads; without it, that link is not rendered. */
  signInUrl?: string;
  onSent?: (email: string) => void;
  onError?: (error: ClientError) => void;
}

/**
 * The form: an email, then always the same answer ("if an account exists, we sent a link"), so
 * it tells nobody which addresses have accounts. `data-state="idle|pending|error|sent"`.
 */
function Root({ signInUrl, onSent, onError, children, ...props }: ForgotPasswordProps) {
  const hook = useForgotPassword();
  const words = useWords('forgotPassword', FORGOT_PASSWORD_WORDS);
  const id = React.useId();
  const [email, setEmail] = React.useState('');
  const kit: ForgotContext = {
    id,
    pending: hook.state === 'pending',
    readOnly: false,
    error: hook.error,
    isField: (field) => field === 'email',
    label: () => words.email,
    input: () => ({
      type: 'email',
      autoComplete: 'email',
      required: true,
      value: email,
      onChange: (event) => setEmail(event.currentTarget.value),
    }),
    submit: words.submit,
    hook,
    words,
    signInUrl,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${id}-title`}
        data-catalyst="forgot-password"
        data-state={hook.state}
        aria-busy={kit.pending || undefined}
        {...props}
        onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const result = await hook.request(email);
          if (result.ok) onSent?.(email.trim());
          else onError?.(result.error);
        }}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const parts = makeFormParts<'email'>(context.use);

function Title(props: ParagraphProps) {
  const ctx = context.use('Title');
  return (
    <PartText
      id={`${ctx.id}-title`}
      catalyst="forgot-password-title"
      text={ctx.words.title}
      {...props}
    />
  );
}

/** The email field, until the link is sent. */
function EmailField(props: Omit<React.ComponentPropsWithoutRef<'div'>, 'children'>) {
  const ctx = context.use('EmailField');
  if (ctx.hook.state === 'sent') return null;
  return (
    <div data-catalyst="field" data-name="email" {...props}>
      <parts.Label name="email" />
      <parts.Field name="email" />
      <parts.Error field="email" />
    </div>
  );
}

function Submit(props: React.ComponentPropsWithoutRef<typeof Primitive.button>) {
  const ctx = context.use('Submit');
  return ctx.hook.state === 'sent' ? null : <parts.Submit {...props} />;
}

/** "If an account exists for {email}, we sent a link" (takes the focus once sent). */
function Sent(props: ParagraphProps) {
  const ctx = context.use('Sent');
  const sent = ctx.hook.state === 'sent';
  const ref = useFocusOn<HTMLParagraphElement>(sent);
  const text = sent ? fillIn(ctx.words.sent, { email: ctx.hook.email ?? '' }) : null;
  return (
    <LiveStatus ref={ref} tabIndex={-1} catalyst="forgot-password-sent" text={text} {...props} />
  );
}

/** A link back to the sign-in page (only with `signInUrl`). */
function BackToSignIn({
  asChild,
  children,
  ...props
}: React.ComponentPropsWithoutRef<typeof Primitive.a>) {
  const ctx = context.use('BackToSignIn');
  if (!ctx.signInUrl) return null;
  return (
    <Primitive.a
      asChild={asChild}
      href={ctx.signInUrl}
      data-catalyst="forgot-password-sign-in"
      {...props}
    >
      {asChild ? children : (children ?? ctx.words.backToSignIn)}
    </Primitive.a>
  );
}

function DefaultForgotPassword(props: ForgotPasswordProps) {
  return (
    <Root {...props}>
      <Title />
      <Sent />
      <parts.Error />
      <EmailField />
      <Submit /> <BackToSignIn />
    </Root>
  );
}

/**
 * `<ForgotPassword />` asks for a password-reset link (`<ResetPassword>` is the page it opens).
 * Compose your own from `ForgotPassword.Root`, `.Title`, `.Sent`, `.EmailField` (or `.Label`,
 * `.Field`, `.Error`), `.Submit` and `.BackToSignIn`.
 */
export const ForgotPassword = Object.assign(DefaultForgotPassword, {
  Root,
  Title,
  Sent,
  EmailField,
  Label: parts.Label,
  Field: parts.Field,
  Error: parts.Error,
  Submit,
  BackToSignIn,
});
