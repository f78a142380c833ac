'use client';
import type { SignInStepProps } from './credentials-form.js';
import { MagicLink } from './magic-link.js';
import { TotpSetup } from './totp-setup.js';
import { TwoFactor } from './two-factor.js';

/**
 * What `<SignIn>` shows after its password form, loaded only when needed: the second factor the
 * answer asked for, the enrolment an org requires, or the emailed-link form.
 */
export function SignInSteps({ step, back, onSuccess, ...redirect }: SignInStepProps) {
  const options = {
    ...(redirect.redirectUrl === undefined ? {} : { redirectUrl: redirect.redirectUrl }),
    fallbackRedirectUrl: redirect.fallbackRedirectUrl,
    ...(redirect.allowedRedirectHosts
      ? { allowedRedirectHosts: redirect.allowedRedirectHosts }
      : {}),
    ...(redirect.disableRedirect ? { disableRedirect: true } : {}),
  };
  if (step.kind === 'magic-link') {
    return (
      <MagicLink
        defaultEmail={step.email}
        onUsePassword={back}
        {...(onSuccess ? { onComplete: onSuccess } : {})}
        {...options}
      />
    );
  }
  if (step.challenge.enrolmentRequired) {
    return (
      <TotpSetup pending onComplete={(session) => session && onSuccess?.(session)} {...options} />
    );
  }
  return (
    <TwoFactor
      challenge={step.challenge}
      {...(onSuccess ? { onComplete: onSuccess } : {})}
      {...options}
    />
  );
}
