'use client';
import type { ClientError, SessionPayload } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { redirectAfterSignIn, useFocusField, type RedirectOptions } from './account-kit.js';
import {
  CopyButton,
  LiveStatus,
  PartButton,
  PartText,
  type DivProps,
  type FormProps,
  type ParagraphProps,
} from './account-parts.js';
import { fieldDomId, lazyContext, makeFormParts, type FormKit } from './form-kit.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { QrCode, type QrCodeProps } from './qr-code.js';
import { RECOVERY_CODES_WORDS, RecoveryCodesPanel } from './recovery-codes-panel.js';
import { TOTP_SETUP_WORDS, type TotpSetupWords } from './security-words.js';
import { useTotpSetup, type UseTotpSetupResult } from './use-totp-setup.js';

interface SetupContext extends UseTotpSetupResult {
  id: string;
  words: TotpSetupWords;
  pendingSignIn: boolean;
  finish(): void;
  navigating: boolean;
  onError: ((error: ClientError) => void) | undefined;
}

const setup = lazyContext<SetupContext>('TotpSetup');
const form = lazyContext<FormKit<'code'>>('TotpSetup', 'Form');

export interface TotpSetupProps extends Omit<DivProps, 'onError'>, RedirectOptions {
  /** During a sign-in held for enrolment (`MfaChallenge.enrolmentRequired`); confirming signs in. */
  pending?: boolean;
  /**
   * After the recovery codes were acknowledged: with the new session of a pending enrolment
   * (then the redirect follows), else null.
   */
  onComplete?: (session: SessionPayload | null) => void;
  onError?: (error: ClientError) => void;
}

/** `data-state="loading|error|scan|done|enabled"`, `data-mode="sign-in|account"`. */
function Root({
  pending = false,
  onComplete,
  onError,
  redirectUrl,
  fallbackRedirectUrl,
  allowedRedirectHosts,
  disableRedirect,
  ...props
}: TotpSetupProps) {
  const hook = useTotpSetup({ pending });
  const words = useWords('totpSetup', TOTP_SETUP_WORDS);
  const id = React.useId();
  const [navigating, setNavigating] = React.useState(false);
  const latest = React.useRef(onError);
  latest.current = onError;
  React.useEffect(() => {
    if (hook.error) latest.current?.(hook.error);
  }, [hook.error]);
  const finish = () => {
    onComplete?.(hook.session);
    const redirect = { redirectUrl, fallbackRedirectUrl, allowedRedirectHosts, disableRedirect };
    if (pending && redirectAfterSignIn(redirect)) setNavigating(true);
  };
  const Context = setup.get();
  return (
    <Context.Provider
      value={{ ...hook, id, words, pendingSignIn: pending, finish, navigating, onError }}
    >
      <Primitive.div
        role="group"
        aria-labelledby={`${id}-title`}
        data-catalyst="totp-setup"
        data-state={hook.state}
        data-mode={pending ? 'sign-in' : 'account'}
        aria-busy={hook.state === 'loading' || navigating || undefined}
        {...props}
      />
    </Context.Provider>
  );
}

function Title(props: ParagraphProps) {
  const ctx = setup.use('Title');
  return (
    <PartText
      id={`${ctx.id}-title`}
      catalyst="totp-setup-title"
      text={ctx.words.title}
      {...props}
    />
  );
}

/** Why the sign-in stopped here (an org requires a second factor); only during a sign-in. */
function Required(props: ParagraphProps) {
  const ctx = setup.use('Required');
  if (!ctx.pendingSignIn || ctx.state === 'done') return null;
  return <PartText catalyst="totp-setup-required" text={ctx.words.required} {...props} />;
}

/** Announces loading, and success once confirmed (a live region, always present). */
function Status(props: ParagraphProps) {
  const ctx = setup.use('Status');
  const text =
    ctx.state === 'loading'
      ? ctx.words.loading
      : ctx.state === 'done'
        ? ctx.words.enabled
        : ctx.state === 'enabled'
          ? ctx.words.alreadyEnabled
          : null;
  return <LiveStatus catalyst="totp-setup-status" text={text} {...props} />;
}

/** Making the secret failed: the error and a retry button. */
function Failure(props: DivProps) {
  const ctx = setup.use('Failure');
  if (ctx.state !== 'error') return null;
  return (
    <Primitive.div data-catalyst="totp-setup-failure" {...props}>
      <ErrorAlert error={ctx.error} catalyst="error" />
      <PartButton
        catalyst="totp-setup-retry"
        text={ctx.words.retry}
        onPress={() => void ctx.start()}
      />
    </Primitive.div>
  );
}

/** The instructions, while scanning. */
function Instructions(props: ParagraphProps) {
  const ctx = setup.use('Instructions');
  if (ctx.state !== 'scan') return null;
  return (
    <PartText id={`${ctx.id}-scan`} catalyst="totp-setup-scan" text={ctx.words.scan} {...props} />
  );
}

/** The QR code of the `otpauth://` URI. */
function Qr(props: Omit<QrCodeProps, 'value' | 'label'>) {
  const ctx = setup.use('QrCode');
  if (!ctx.enrolment) return null;
  return <QrCode value={ctx.enrolment.uri} label={ctx.words.qrLabel} {...props} />;
}

/** The secret for manual entry (in groups of four), read-only, with a copy button. */
function Secret(props: DivProps) {
  const ctx = setup.use('Secret');
  if (!ctx.enrolment) return null;
  const { secret } = ctx.enrolment;
  return (
    <Primitive.div data-catalyst="field" data-name="secret" {...props}>
      <label htmlFor={`${ctx.id}-secret`} data-catalyst="label">
        {ctx.words.secret}
      </label>
      <input
        id={`${ctx.id}-secret`}
        type="text"
        readOnly
        spellCheck={false}
        autoComplete="off"
        value={secret.replace(/(.{4})(?=.)/g, '$1 ')}
        data-catalyst="input"
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton catalyst="totp-setup-copy" value={secret} words={ctx.words} />
    </Primitive.div>
  );
}

/** The confirmation form: the first code from the app. Its field takes the focus. */
function Form({ children, ...props }: Omit<FormProps, 'onSubmit'>) {
  const ctx = setup.use('Form');
  const [value, setValue] = React.useState('');
  const [empty, setEmpty] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);
  useFocusField(ctx.id, 'code', attempt, ctx.state === 'scan');
  if (ctx.state !== 'scan') return null;
  const error: ClientError | null = empty
    ? { code: 'invalid_request', status: 400, message: ctx.words.codeRequired, field: 'code' }
    : ctx.confirmError && { ...ctx.confirmError, field: 'code' };
  const kit: FormKit<'code'> = {
    id: ctx.id,
    pending: ctx.confirming,
    readOnly: false,
    error,
    isField: (field) => field === 'code',
    label: () => ctx.words.code,
    input: () => ({
      type: 'text',
      inputMode: 'numeric',
      autoComplete: 'one-time-code',
      required: true,
      spellCheck: false,
      value,
      onChange: (event) => setValue(event.currentTarget.value),
      'aria-describedby': `${ctx.id}-scan` + (error ? ` ${fieldDomId(ctx.id, 'code')}-error` : ''),
    }),
    submit: ctx.words.submit,
  };
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEmpty(!value.trim());
    if (!value.trim()) return;
    const result = await ctx.confirm(value);
    if (!result.ok) {
      ctx.onError?.(result.error);
      setValue('');
      setAttempt((n) => n + 1);
    }
  };
  const Kit = form.get();
  return (
    <Kit.Provider value={kit}>
      <Primitive.form
        noValidate
        aria-labelledby={`${ctx.id}-title`}
        data-catalyst="totp-setup-form"
        data-state={ctx.confirming ? 'pending' : error ? 'error' : 'idle'}
        aria-busy={ctx.confirming || undefined}
        {...props}
        onSubmit={onSubmit}
      >
        {children ?? (
          <div data-catalyst="field" data-name="code">
            <fields.Label name="code" />
            <fields.Field name="code" />
            <fields.Error field="code" />
            <fields.Submit />
          </div>
        )}
      </Primitive.form>
    </Kit.Provider>
  );
}

const fields = makeFormParts<'code'>(form.use);

/** The recovery codes, once confirmed, with "I have saved them" that completes the setup. */
function Codes(props: Omit<DivProps, 'children'>) {
  const ctx = setup.use('Codes');
  const words = useWords('recoveryCodes', RECOVERY_CODES_WORDS);
  if (ctx.state !== 'done' || !ctx.recoveryCodes) return null;
  return (
    <RecoveryCodesPanel codes={ctx.recoveryCodes} words={words} onDone={ctx.finish} {...props} />
  );
}

function DefaultTotpSetup(props: TotpSetupProps) {
  return (
    <Root {...props}>
      <Title />
      <Required />
      <Status />
      <Failure />
      <Instructions />
      <Qr />
      <Secret />
      <Form />
      <Codes />
    </Root>
  );
}

/**
 * `<TotpSetup />` turns on an authenticator app: a QR code (and the key for manual entry), the
 * first code to confirm it, then the ten recovery codes, shown once. With `pending` it is the
 * enrolment an org requires during sign-in, and confirming signs in. Compose your own from
 * `TotpSetup.Root`, `.Title`, `.Required`, `.Status`, `.Failure`, `.Instructions`, `.QrCode`,
 * `.Secret`, `.Form` (with `.Label`, `.Field`, `.Error`, `.Submit`) and `.Codes`.
 */
export const TotpSetup = Object.assign(DefaultTotpSetup, {
  Root,
  Title,
  Required,
  Status,
  Failure,
  Instructions,
  QrCode: Qr,
  Secret,
  Form,
  Codes,
  ...fields,
});
