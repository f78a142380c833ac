'use client';
import { isMfaChallenge } from '@catalyst/authkit';
import { Primitive } from '@radix-ui/react-primitive';
import type * as React from 'react';
import { useFocusOn } from './account-kit.js';
import {
  fillIn,
  LiveStatus,
  PartButton,
  PartText,
  type ButtonProps,
  type FormProps,
  type ParagraphProps,
} from './account-parts.js';
import { resolveRedirect } from './credentials-form.js';
import { magicLink as context, magicLinkParts as parts } from './magic-link-context.js';
import { TwoFactor } from './two-factor.js';

/** The steps of `<MagicLink>`: each renders only in its step. */

/** The email form (step `request`): sends the link and the code. */
export function RequestForm({ children, ...props }: Omit<FormProps, 'onSubmit'>) {
  const ctx = context.use('RequestForm');
  if (ctx.hook.step !== 'request') return null;
  return (
    <Primitive.form
      noValidate
      aria-labelledby={`${ctx.id}-title`}
      data-catalyst="magic-link-request"
      {...props}
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const email = String(new FormData(event.currentTarget).get('email') ?? '');
        const target = resolveRedirect(
          ctx.redirect.redirectUrl,
          ctx.redirect.fallbackRedirectUrl ?? '/',
          ctx.redirect.allowedRedirectHosts,
        );
        void ctx.hook.request(email, target);
      }}
    >
      {children ?? (
        <>
          <PartText id={`${ctx.id}-title`} catalyst="magic-link-title" text={ctx.words.title} />
          <parts.Error />
          <div data-catalyst="field" data-name="email">
            <parts.Label name="email" />
            <parts.Field name="email" />
            <parts.Error field="email" />
          </div>
          <parts.Submit /> <UsePassword />
        </>
      )}
    </Primitive.form>
  );
}

/** "Check your email" (step `sent`): takes the focus, and describes the code field. */
export function Sent(props: ParagraphProps) {
  const ctx = context.use('Sent');
  const text =
    ctx.hook.step === 'sent' ? fillIn(ctx.words.sent, { email: ctx.hook.email ?? '' }) : null;
  return <LiveStatus id={`${ctx.id}-sent`} catalyst="magic-link-sent" text={text} {...props} />;
}

/** The code form (step `sent`): the emailed code signs in in this browser. */
export function CodeForm({ children, ...props }: Omit<FormProps, 'onSubmit'>) {
  const ctx = context.use('CodeForm');
  if (ctx.hook.step !== 'sent') return null;
  return (
    <Primitive.form
      noValidate
      aria-labelledby={`${ctx.id}-sent`}
      data-catalyst="magic-link-code"
      {...props}
      onSubmit={async (event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const code = String(new FormData(event.currentTarget).get('code') ?? '');
        const result = await ctx.hook.verify({ code });
        if (result.ok && !isMfaChallenge(result.data)) ctx.complete(result.data);
      }}
    >
      {children ?? (
        <>
          <PartText catalyst="magic-link-code-hint" text={ctx.words.codeHint} />
          <parts.Error />
          <div data-catalyst="field" data-name="code">
            <parts.Label name="code" />
            <parts.Field name="code" />
            <parts.Error field="code" />
          </div>
          <parts.Submit /> <Resend /> <ChangeEmail />
        </>
      )}
    </Primitive.form>
  );
}

/** Sends the link again to the same address. */
export function Resend(props: ButtonProps) {
  const ctx = context.use('Resend');
  const target = ctx.hook.email;
  if (ctx.hook.step !== 'sent' || !target) return null;
  return (
    <PartButton
      catalyst="magic-link-resend"
      text={ctx.words.resend}
      disabled={ctx.pending}
      onPress={() => void ctx.hook.request(target)}
      {...props}
    />
  );
}

/** Back to the email form. */
export function ChangeEmail(props: ButtonProps) {
  const ctx = context.use('ChangeEmail');
  if (ctx.hook.step !== 'sent') return null;
  return (
    <PartButton
      catalyst="magic-link-change-email"
      text={ctx.words.changeEmail}
      onPress={ctx.hook.reset}
      {...props}
    />
  );
}

/** Back to the password form (only with `onUsePassword`). */
export function UsePassword(props: ButtonProps) {
  const ctx = context.use('UsePassword');
  if (!ctx.onUsePassword) return null;
  return (
    <PartButton
      catalyst="magic-link-use-password"
      text={ctx.words.usePassword}
      onPress={ctx.onUsePassword}
      {...props}
    />
  );
}

/** `<TwoFactor>` when the verified link still needs a second factor. */
export function SecondFactor() {
  const ctx = context.use('SecondFactor');
  if (ctx.hook.step !== 'second-factor' || !ctx.hook.challenge) return null;
  return (
    <TwoFactor
      challenge={ctx.hook.challenge}
      {...ctx.redirect}
      {...(ctx.onComplete ? { onComplete: ctx.onComplete } : {})}
    />
  );
}

/** Announces the sign-in (and takes the focus). */
export function SignedIn(props: ParagraphProps) {
  const ctx = context.use('SignedIn');
  const done = ctx.hook.step === 'signed-in';
  const ref = useFocusOn<HTMLParagraphElement>(done);
  return (
    <LiveStatus
      ref={ref}
      tabIndex={-1}
      catalyst="magic-link-status"
      text={done ? ctx.words.signedIn : null}
      {...props}
    />
  );
}
