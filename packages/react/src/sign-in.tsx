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
import type { SignInProvidersProps, SignInSso } from './sign-in-types.js';
import { partContent } from './default-content.js';
import type { PasskeyCeremonyWords, SignInWords } from './localization.js';
import { useAuthClient } from './hooks.js';

// The passkey ceremony's default words load with the ceremony (sign-in-passkey.ts).
const WORDS: Omit<SignInWords, keyof PasskeyCeremonyWords> = {
  name: 'Name',
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
  passkey: 'Sign in with a passkey',
  magicLink: 'Email me a link',
};

/** A part whose code loads on first render (`import()`), made then, not at import (server components). */
function lazyPart<P extends object>(
  load: () => Promise<(props: P) => React.JSX.Element | null>,
  fallback?: React.ReactNode,
) {
  let Lazy: React.ComponentType<P> | undefined;
  return function LazyPart(props: P) {
    Lazy ??= React.lazy(() => load().then((part) => ({ default: part })));
    return (
      <React.Suspense fallback={fallback}>
        <Lazy {...props} />
      </React.Suspense>
    );
  };
}

// The steps after the password form (second factor, enrolment, emailed link) load on demand:
// most sign-ins never need them.
const loadSteps = () => import('./sign-in-steps.js');
const Steps = lazyPart<SignInStepProps>(
  () => loadSteps().then((m) => m.SignInSteps),
  <p role="status" data-catalyst="sign-in-step-loading" />,
);

/**
 * The upstream providers (`sso`): their buttons, the org provider of the typed email's domain
 * (and, when the org requires it, no password field), and the `?error=` of a failed provider
 * sign-in in words. Its code loads on first render, so pages without `sso` never carry it.
 */
const Providers = lazyPart<SignInProvidersProps>(() =>
  import('./sign-in-sso.js').then((m) => m.SignInProviders),
);

const Root = makeRoot('sign-in', WORDS, {
  render: (props) => <Steps {...props} />,
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
  /**
   * `createSsoClient(client, …)`: offer its providers ("Continue with …"), the org provider of
   * the typed email's domain, and say why a provider sign-in failed (`?error=`). Default: none.
   */
  sso?: SignInSso;
  /** The code of a failed provider sign-in (with `sso`); default: the page URL's `?error=`. */
  ssoError?: string | null;
}

function DefaultSignIn({ passkey = true, magicLink = true, sso, ssoError, ...props }: SignInProps) {
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
      {sso && (
        <Providers
          sso={sso}
          error={ssoError}
          returnTo={props.redirectUrl}
          fallback={props.fallbackRedirectUrl}
        />
      )}
    </Root>
  );
}

/**
 * `<SignIn />` renders a complete, unstyled form (style it through `data-catalyst` / `data-state`)
 * with its other ways in: a passkey, an emailed link. When the password needs a second factor,
 * the form gives way to `<TwoFactor>` (or `<TotpSetup>` when an org requires enrolling one), and
 * redirects only after it. With `sso`, its providers' buttons come too. `SignIn.Root`, `.Field`,
 * `.Label`, `.Submit`, `.Error`, `.Passkey`, `.MagicLink` and `.Providers` compose your own.
 */
export const SignIn = Object.assign(DefaultSignIn, {
  Root,
  Field,
  Label,
  Submit,
  Error: ErrorMessage,
  Passkey,
  MagicLink: MagicLinkButton,
  Providers,
});
