'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { PartButton, PartText } from './account-parts.js';
import { ChangePassword } from './change-password.js';
import type { ClientError } from '@catalyst/authkit';
import { codeOf } from './account-kit.js';
import { accountQueries } from './data/account-resources.js';
import { useAuthClient } from './hooks.js';
import { ErrorAlert } from './key-parts.js';
import { useWords } from './localization.js';
import { PasskeyList } from './passkey-list.js';
import { PasskeySetup } from './passkey-setup.js';
import { USER_PROFILE_WORDS, type UserProfileWords } from './profile-words.js';
import { RecoveryCodes } from './recovery-codes.js';
import { SessionList } from './session-list.js';
import { TotpSetup } from './totp-setup.js';
import { useInvalidate, useMfaStatus } from './use-passkeys.js';
import { useStepUp } from './use-step-up.js';

/**
 * The security section of `<UserProfile>`: the password, the authenticator app and its recovery
 * codes, passkeys, and signed-in devices, each the existing component. Its own module, loaded with
 * `import()` when the tab opens: TOTP, WebAuthn and the session list stay off the profile tab.
 */

type SectionProps = React.ComponentPropsWithoutRef<'section'>;

/** A titled block of the section (`<section>` labelled by its `<h2>`). */
export function SecurityBlock({
  title,
  name,
  children,
  ...props
}: SectionProps & { title: string; name: string }) {
  const id = `${React.useId()}-title`;
  return (
    <section aria-labelledby={id} data-catalyst="user-profile-block" data-name={name} {...props}>
      <h2 id={id} data-catalyst="user-profile-block-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The authenticator app: off (a button mounts `<TotpSetup>`, which makes a new secret each time
 * it mounts, so only on request), or on with its recovery codes and a way to turn it off (after a
 * step-up when the sign-in is old).
 */
export function AuthenticatorApp({ words }: { words: UserProfileWords }) {
  const client = useAuthClient();
  const mfa = useMfaStatus();
  const stepUp = useStepUp();
  const invalidate = useInvalidate();
  const [settingUp, setSettingUp] = React.useState(false);
  const [turningOff, setTurningOff] = React.useState(false);
  const [error, setError] = React.useState<ClientError | null>(null);
  const turnOff = async () => {
    setTurningOff(true);
    setError(null);
    const result = await stepUp.run(() => client.mfa.disableTotp());
    setTurningOff(false);
    // A cancelled step-up is no error: the person chose not to go on.
    if (!result.ok && codeOf(result.error) !== 'step_up_required') setError(result.error);
    if (result.ok) await invalidate(accountQueries.mfa.all);
  };

  // Stays mounted until the recovery codes were acknowledged, though the status already says on.
  if (settingUp) return <TotpSetup onComplete={() => setSettingUp(false)} />;
  if (mfa.state === 'loading' || mfa.state === 'forbidden') return null;
  if (mfa.state === 'error') return <ErrorAlert error={mfa.error} catalyst="user-profile-error" />;
  const on = mfa.status?.totp.enabled === true;
  return (
    <div data-catalyst="user-profile-totp" data-state={on ? 'on' : 'off'}>
      <PartText
        catalyst="user-profile-totp-status"
        text={on ? words.authenticatorOn : words.authenticatorOff}
      />
      {on ? (
        <>
          <PartButton
            catalyst="user-profile-totp-off"
            text={words.turnOffAuthenticator}
            disabled={turningOff}
            data-state={turningOff ? 'pending' : undefined}
            onPress={() => void turnOff()}
          />
          <ErrorAlert error={error} catalyst="user-profile-error" />
          {stepUp.prompt}
          <RecoveryCodes />
        </>
      ) : (
        <PartButton
          catalyst="user-profile-totp-on"
          text={words.setUpAuthenticator}
          onPress={() => setSettingUp(true)}
        />
      )}
    </div>
  );
}

/** Everything of the security tab, in the order people look for it. */
export function SecuritySection(
  props: Omit<React.ComponentPropsWithoutRef<typeof Primitive.div>, 'children'>,
) {
  const words = useWords('userProfile', USER_PROFILE_WORDS);
  return (
    <Primitive.div data-catalyst="user-profile-security" {...props}>
      <SecurityBlock title={words.password} name="password">
        <ChangePassword />
      </SecurityBlock>
      <SecurityBlock title={words.authenticatorApp} name="totp">
        <AuthenticatorApp words={words} />
      </SecurityBlock>
      <SecurityBlock title={words.passkeys} name="passkeys">
        <PasskeySetup />
        <PasskeyList />
      </SecurityBlock>
      <SecurityBlock title={words.sessions} name="sessions">
        <SessionList />
      </SecurityBlock>
    </Primitive.div>
  );
}
