'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import {
  ErrorMessage,
  Field,
  Label,
  Submit,
  makeRoot,
  useCredentialsContext,
  type RootProps,
  type SignInStepProps,
} from './credentials-form.js';
import { partContent } from './default-content.js';
import type { SignInWords } from './localization.js';
import { useAuthClient } from './hooks.js';

const WORDS: SignInWords = {
  name: 'Name',
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
  passkey: 'Sign in with a passkey',
  magicLink: 'Email me a link',
  passkeyCancelled: 'The passkey request was cancelled or timed out.',
  passkeyUnsupported: 'This browser does not support passkeys.',
  passkeyFailed: 'The passkey could not be used.',
};

// The steps after the password form (second factor, enrolment, emailed link) load on demand:
// most sign-ins never need them. Created on first use, not at import (server components).
const loadSteps = () => import('./sign-in-steps.js');
let LazySteps: React.LazyExoticComponent<(props: SignInStepProps) => React.JSX.Element> | undefined;

function renderStep(props: SignInStepProps) {
  LazySteps ??= React.lazy(() => loadSteps().then((m) => ({ default: m.SignInSteps })));
  return (
    <React.Suspense fallback={<p role="status" data-catalyst="sign-in-step-loading" />}>
      <LazySteps {...props} />
    </React.Suspense>
  );
}

const Root = makeRoot('sign-in', WORDS, {
  render: renderStep,
  preload: () => void loadSteps(),
});

type ButtonProps = React.ComponentPropsWithoutRef<typeof Primitive.button>;
const noSubscribe = () => () => {};
const hasWebAuthn = () => typeof window.PublicKeyCredential === 'function';

/** A `type="button"` of the form: disabled while it is busy, runs `run` unless prevented. */
function FormButton({
  catalyst,
  text,
  run,
  asChild,
  children,
  onClick,
  ...props
}: ButtonProps & {
  catalyst: string;
  text: string;
  run(form: ReturnType<typeof useCredentialsContext>, button: HTMLButtonElement): void;
}) {
  const form = useCredentialsContext(catalyst);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      disabled={form.pending}
      data-catalyst={catalyst}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) run(form, event.currentTarget);
      }}
    >
      {partContent(asChild, children, text)}
    </Primitive.button>
  );
}

/**
 * "Sign in with a passkey" (a discoverable credential, no email needed): the browser's prompt,
 * then the server; its code and `@simplewebauthn/browser` load on click. Not rendered where the
 * browser has no WebAuthn.
 */
function Passkey(props: ButtonProps) {
  const client = useAuthClient();
  const words = useCredentialsContext('Passkey').words as SignInWords;
  const supported = React.useSyncExternalStore(noSubscribe, hasWebAuthn, () => false);
  if (!supported) return null;
  return (
    <FormButton
      catalyst="sign-in-passkey"
      text={words.passkey}
      run={async (form) => {
        form.fail(null);
        form.busy(true);
        const { signInWithPasskey } = await import('./sign-in-passkey.js');
        const result = await signInWithPasskey(client, words);
        form.busy(false);
        if (result.ok) form.complete(result.data);
        else form.fail(result.error);
      }}
      {...props}
    />
  );
}

/** "Email me a link": the form gives way to `<MagicLink>`, the email carried over. */
function MagicLinkButton(props: ButtonProps) {
  const words = useCredentialsContext('MagicLink').words as SignInWords;
  return (
    <FormButton
      catalyst="sign-in-magic-link"
      text={words.magicLink}
      run={(form, button) => {
        const email = button.form?.elements.namedItem('email');
        form.go({
          kind: 'magic-link',
          email: email instanceof HTMLInputElement ? email.value : '',
        });
      }}
      {...props}
    />
  );
}

export interface SignInProps extends RootProps {
  /** Offer "Sign in with a passkey" (where the browser has WebAuthn); default true. */
  passkey?: boolean;
  /** Offer "Email me a link" (the server's `magicLinks` setting must be on); default true. */
  magicLink?: boolean;
}

function DefaultSignIn({ passkey = true, magicLink = true, ...props }: SignInProps) {
  return (
    <Root {...props}>
      <ErrorMessage />
      {(['email', 'password'] as const).map((name) => (
        <div key={name} data-catalyst="field" data-name={name}>
          <Label name={name} />
          <Field name={name} />
          <ErrorMessage field={name} />
        </div>
      ))}
      <Submit /> {passkey && <Passkey />} {magicLink && <MagicLinkButton />}
    </Root>
  );
}

/**
 * `<SignIn />` renders a complete, unstyled form (style it through `data-catalyst` / `data-state`)
 * with its other ways in: a passkey, an emailed link. When the password needs a second factor,
 * the form gives way to `<TwoFactor>` (or `<TotpSetup>` when an org requires enrolling one), and
 * redirects only after it. `SignIn.Root`, `.Field`, `.Label`, `.Submit`, `.Error`, `.Passkey`
 * and `.MagicLink` compose your own (each takes `asChild`).
 */
export const SignIn = Object.assign(DefaultSignIn, {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
  Passkey,
  MagicLink: MagicLinkButton,
});
