'use client';
import type { ClientError, SessionPayload } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import {
  codeOf,
  redirectAfterSignIn,
  redirectOptions,
  useFocusField,
  type RedirectOptions,
} from './account-kit.js';
import type { DivProps } from './account-parts.js';
import { MAGIC_LINK_WORDS } from './email-words.js';
import { useWords } from './localization.js';
import {
  magicLink as context,
  magicLinkParts as parts,
  type MagicLinkContext,
} from './magic-link-context.js';
import {
  ChangeEmail,
  CodeForm,
  RequestForm,
  Resend,
  SecondFactor,
  Sent,
  SignedIn,
  UsePassword,
} from './magic-link-steps.js';
import { useMagicLink } from './use-email-flows.js';

export interface MagicLinkProps extends Omit<DivProps, 'onError'>, RedirectOptions {
  /** The email field's first value (e.g. what was typed in the password form). */
  defaultEmail?: string;
  /** Called with the session once signed in (after a second factor if one is due). */
  onComplete?: (payload: SessionPayload) => void;
  onError?: (error: ClientError) => void;
  /** Renders `.UsePassword`, which calls it (`<SignIn>` goes back to its password form). */
  onUsePassword?: () => void;
}

/**
 * Asks for a sign-in link by email, then takes the emailed code in the same browser.
 * `data-step="request|sent|second-factor|signed-in"`, `data-state="idle|pending|error|success"`.
 */
function Root({
  defaultEmail = '',
  onComplete,
  onError,
  onUsePassword,
  children,
  ...rest
}: MagicLinkProps) {
  const redirect = redirectOptions(rest);
  const {
    redirectUrl: _r,
    fallbackRedirectUrl: _f,
    allowedRedirectHosts: _a,
    disableRedirect: _d,
    ...props
  } = rest;
  const hook = useMagicLink();
  const words = useWords('magicLink', MAGIC_LINK_WORDS);
  const id = React.useId();
  const [email, setEmail] = React.useState(defaultEmail);
  const [code, setCode] = React.useState('');
  const [navigating, setNavigating] = React.useState(false);
  const error =
    hook.error && codeOf(hook.error) === 'invalid_code'
      ? { ...hook.error, field: 'code' }
      : hook.error;
  const latest = React.useRef(onError);
  latest.current = onError;
  React.useEffect(() => {
    if (hook.error) latest.current?.(hook.error);
  }, [hook.error]);
  const complete = (payload: SessionPayload) => {
    onComplete?.(payload);
    if (redirectAfterSignIn(redirect)) setNavigating(true);
  };
  const kit: MagicLinkContext = {
    id,
    pending: hook.pending || navigating,
    readOnly: false,
    error,
    isField: (field) => field === 'email' || field === 'code',
    label: (field) => words[field],
    input: (field) =>
      field === 'email'
        ? {
            type: 'email',
            autoComplete: 'email',
            required: true,
            value: email,
            onChange: (e) => setEmail(e.currentTarget.value),
          }
        : {
            type: 'text',
            inputMode: 'numeric',
            autoComplete: 'one-time-code',
            required: true,
            value: code,
            onChange: (e) => setCode(e.currentTarget.value),
            'aria-describedby': `${id}-sent`,
          },
    submit: hook.step === 'sent' ? words.verify : words.submit,
    hook,
    words,
    redirect,
    complete,
    onUsePassword,
    onComplete,
  };
  useFocusField(id, 'code', hook.step, hook.step === 'sent');
  const Context = context.get();
  return (
    <Context.Provider value={kit}>
      <Primitive.div
        data-catalyst="magic-link"
        data-step={hook.step}
        data-state={
          navigating || hook.step === 'signed-in'
            ? 'success'
            : hook.pending
              ? 'pending'
              : hook.error
                ? 'error'
                : 'idle'
        }
        aria-busy={kit.pending || undefined}
        {...props}
      >
        {children}
      </Primitive.div>
    </Context.Provider>
  );
}

function DefaultMagicLink(props: MagicLinkProps) {
  return (
    <Root {...props}>
      <RequestForm />
      <Sent />
      <CodeForm />
      <SecondFactor />
      <SignedIn />
    </Root>
  );
}

/**
 * `<MagicLink />` signs in without a password: the email form, then "check your email" with the
 * emailed code (the link works too, see `<MagicLinkCallback>`), then a second factor if one is
 * due. Compose your own from `MagicLink.Root`, `.RequestForm`, `.Sent`, `.CodeForm`, `.Resend`,
 * `.ChangeEmail`, `.UsePassword`, `.SecondFactor`, `.SignedIn` and the field parts.
 */
export const MagicLink = Object.assign(DefaultMagicLink, {
  Root,
  RequestForm,
  Sent,
  CodeForm,
  Resend,
  ChangeEmail,
  UsePassword,
  SecondFactor,
  SignedIn,
  ...parts,
});
