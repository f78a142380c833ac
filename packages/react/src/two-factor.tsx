'use client';
import type {
  ClientError,
  MfaChallenge,
  SecondFactorMethod,
  SessionPayload,
} from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import {
  codeOnField,
  localizeCeremony,
  redirectAfterSignIn,
  useFocusField,
  type RedirectOptions,
} from './account-kit.js';
import {
  LiveStatus,
  PartButton,
  PartText,
  type ButtonProps,
  type FormProps,
  type ParagraphProps,
} from './account-parts.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { useWords } from './localization.js';
import { TWO_FACTOR_WORDS, type TwoFactorWords } from './security-words.js';
import { useTwoFactor, type TwoFactorMode, type UseTwoFactorResult } from './use-two-factor.js';

interface TwoFactorContext extends FormKit<'code'> {
  hook: UseTwoFactorResult;
  words: TwoFactorWords;
  /** Whether the code field shows (not while loading, not for a passkey alone). */
  hasField: boolean;
  usePasskey(): void;
  switchInput(): void;
  cancel: (() => void) | undefined;
}

const context = lazyContext<TwoFactorContext>('TwoFactor');

export interface TwoFactorProps extends Omit<FormProps, 'onSubmit' | 'onError'>, RedirectOptions {
  /** `sign-in` (default) finishes a pending sign-in; `step-up` proves a recent factor again. */
  mode?: TwoFactorMode;
  /** The sign-in's answer (`isMfaChallenge`): its `methods` are the factors on offer. */
  challenge?: MfaChallenge;
  /** The factors on offer, when there is no challenge; a step-up asks the server by default. */
  methods?: readonly SecondFactorMethod[];
  /** Called with the session once the factor is accepted, before any redirect. */
  onComplete?: (payload: SessionPayload) => void;
  onError?: (error: ClientError) => void;
  /** Renders `.Cancel`, which calls it (a step-up the person gives up). */
  onCancel?: () => void;
}

/**
 * The challenge form: `data-state="loading|idle|pending|error|success"`, `data-mode`, and
 * `data-input="totp|recovery_code|password"`. The field takes the focus when it appears.
 */
function Root({
  mode = 'sign-in',
  challenge,
  methods,
  onComplete,
  onError,
  onCancel,
  redirectUrl,
  fallbackRedirectUrl,
  allowedRedirectHosts,
  disableRedirect,
  children,
  ...props
}: TwoFactorProps) {
  const hook = useTwoFactor({ mode, methods: methods ?? challenge?.methods });
  const words = useWords('twoFactor', TWO_FACTOR_WORDS);
  const id = React.useId();
  const [value, setValue] = React.useState('');
  const [empty, setEmpty] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);
  const [navigating, setNavigating] = React.useState(false);
  const hasField = hook.state !== 'loading' && hook.input !== null;
  useFocusField(id, 'code', `${hook.input}-${attempt}`, hasField);
  useFocusField(id, 'passkey', hook.state, hook.input === null && hook.state === 'idle');

  const finish = (result: Awaited<ReturnType<UseTwoFactorResult['submit']>>) => {
    if (!result.ok) {
      setValue('');
      setAttempt((n) => n + 1);
      onError?.(result.error);
      return;
    }
    onComplete?.(result.data);
    const redirect = { redirectUrl, fallbackRedirectUrl, allowedRedirectHosts, disableRedirect };
    if (redirectAfterSignIn(redirect)) setNavigating(true);
  };

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!value.trim()) return setEmpty(true);
    setEmpty(false);
    finish(await hook.submit(value));
  };

  const error = empty
    ? { code: 'invalid_request' as const, status: 400, message: words.codeRequired, field: 'code' }
    : codeOnField(localizeCeremony(hook.error, words));
  const input = hook.input ?? 'totp';
  const kit: TwoFactorContext = {
    id,
    pending: hook.pending || navigating,
    readOnly: false,
    error,
    isField: (field) => field === 'code',
    label: () =>
      input === 'recovery_code'
        ? words.recoveryCode
        : input === 'password'
          ? words.password
          : words.code,
    input: () => ({
      value,
      onChange: (event) => setValue(event.currentTarget.value),
      required: true,
      spellCheck: false,
      autoCapitalize: 'none',
      'aria-describedby':
        `${id}-hint` + (error?.field === 'code' ? ` ${fieldDomId(id, 'code')}-error` : ''),
      ...(input === 'password'
        ? { type: 'password', autoComplete: 'current-password' }
        : input === 'recovery_code'
          ? { type: 'text', autoComplete: 'off' }
          : { type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code' }),
    }),
    submit: words.submit,
    hook,
    words,
    hasField,
    usePasskey: () => void hook.passkey().then(finish),
    switchInput: () => {
      setValue('');
      setEmpty(false);
      hook.setInput(input === 'totp' ? 'recovery_code' : 'totp');
    },
    cancel: onCancel,
  };
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${id}-title`}
        data-catalyst="two-factor"
        data-mode={mode}
        data-state={navigating ? 'success' : empty ? 'error' : hook.state}
        data-input={hook.input ?? undefined}
        aria-busy={kit.pending || hook.state === 'loading' || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children}
      </Primitive.form>
    </Context.Provider>
  );
}

const parts = makeFormParts<'code'>(context.use);

/** The heading (the form's accessible name): the sign-in's or the step-up's. */
function Title(props: ParagraphProps) {
  const ctx = context.use('Title');
  const text = ctx.hook.mode === 'step-up' ? ctx.words.stepUpTitle : ctx.words.title;
  return <PartText id={`${ctx.id}-title`} catalyst="two-factor-title" text={text} {...props} />;
}

/** What to type, for the field on show (the field's description). */
function Hint(props: ParagraphProps) {
  const ctx = context.use('Hint');
  if (!ctx.hasField) return null;
  const { input } = ctx.hook;
  const text =
    input === 'recovery_code'
      ? ctx.words.recoveryHint
      : input === 'password'
        ? ctx.words.passwordHint
        : ctx.words.totpHint;
  return <PartText id={`${ctx.id}-hint`} catalyst="two-factor-hint" text={text} {...props} />;
}

/** The labelled field with its hint and error; nothing while loading or for a passkey alone. */
function Code(props: Omit<React.ComponentPropsWithoutRef<'div'>, 'children'>) {
  const ctx = context.use('Code');
  if (!ctx.hasField) return null;
  return (
    <div data-catalyst="field" data-name="code" {...props}>
      <parts.Label name="code" />
      <Hint />
      <parts.Field name="code" />
      <parts.Error field="code" />
    </div>
  );
}

/** Verify: only with a field. */
function Submit(props: ButtonProps) {
  const ctx = context.use('Submit');
  return ctx.hasField ? <parts.Submit {...props} /> : null;
}

/** Switches between the authenticator code and a recovery code, when both are on offer. */
function SwitchInput(props: ButtonProps) {
  const ctx = context.use('SwitchInput');
  if (!ctx.hook.canUseRecoveryCode || ctx.hook.state === 'loading') return null;
  const text =
    ctx.hook.input === 'recovery_code' ? ctx.words.useAuthenticator : ctx.words.useRecoveryCode;
  return (
    <PartButton
      catalyst="two-factor-switch"
      text={text}
      disabled={ctx.pending}
      onPress={ctx.switchInput}
      {...props}
    />
  );
}

/** "Use a passkey", when a passkey is on offer: the browser's prompt, then the server. */
function Passkey(props: ButtonProps) {
  const ctx = context.use('Passkey');
  if (!ctx.hook.canUsePasskey) return null;
  return (
    <PartButton
      id={fieldDomId(ctx.id, 'passkey')}
      catalyst="two-factor-passkey"
      text={ctx.words.usePasskey}
      disabled={ctx.pending}
      data-state={ctx.pending ? 'pending' : undefined}
      onPress={ctx.usePasskey}
      {...props}
    />
  );
}

/** Gives up (rendered only with `onCancel`). */
function Cancel(props: ButtonProps) {
  const ctx = context.use('Cancel');
  if (!ctx.cancel) return null;
  return (
    <PartButton
      catalyst="two-factor-cancel"
      text={ctx.words.cancel}
      onPress={ctx.cancel}
      {...props}
    />
  );
}

/** Announces loading and success (a live region, always present). */
function Status(props: ParagraphProps) {
  const ctx = context.use('Status');
  const { state } = ctx.hook;
  const text =
    state === 'loading' ? ctx.words.loading : state === 'success' ? ctx.words.verified : null;
  return <LiveStatus catalyst="two-factor-status" text={text} {...props} />;
}

function DefaultTwoFactor(props: TwoFactorProps) {
  return (
    <Root {...props}>
      <Title />
      <Status />
      <parts.Error />
      <Code />
      <Submit /> <SwitchInput /> <Passkey /> <Cancel />
    </Root>
  );
}

/**
 * `<TwoFactor challenge={…} />` finishes a sign-in that answered `{ mfaRequired: true }`: an
 * authenticator code, a recovery code instead, or a passkey; `mode="step-up"` proves a recent
 * factor before a sensitive change (the password, for an account without one). Either way it
 * then calls `onComplete` and redirects (`redirect_url`, else `fallbackRedirectUrl`) unless
 * `disableRedirect`; `useStepUp` shows it inline and retries the call. Compose your own
 * from `TwoFactor.Root`, `.Title`, `.Status`, `.Hint`, `.Code` (or `.Label`, `.Field`, `.Error`),
 * `.Submit`, `.SwitchInput`, `.Passkey` and `.Cancel` (each takes `asChild`).
 */
export const TwoFactor = Object.assign(DefaultTwoFactor, {
  Root,
  Title,
  Status,
  Hint,
  Code,
  Label: parts.Label,
  Field: parts.Field,
  Error: parts.Error,
  Submit,
  SwitchInput,
  Passkey,
  Cancel,
});
