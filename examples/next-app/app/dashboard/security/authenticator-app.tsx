'use client';
import {
  TotpSetup,
  useAuthClient,
  useMfaStatus,
  useStepUp,
  type ClientError,
} from '@catalyst/react';
import { useState } from 'react';

/**
 * The authenticator app (TOTP): its state from `GET /me/mfa`, `<TotpSetup>` (QR code, first code,
 * recovery codes) once asked for, and turning it off through a step-up when the sign-in is old.
 * `<TotpSetup>` mounts only on request: it makes a new secret each time it mounts.
 */
export function AuthenticatorApp() {
  const client = useAuthClient();
  const mfa = useMfaStatus();
  const stepUp = useStepUp();
  const [settingUp, setSettingUp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  // Stays mounted until the recovery codes were acknowledged, though the status already says "on".
  if (settingUp)
    return (
      <TotpSetup
        onComplete={() => {
          setSettingUp(false);
          void mfa.reload();
        }}
      />
    );

  if (mfa.state === 'loading') return <p role="status">Loading…</p>;
  if (mfa.state === 'error' && mfa.error) return <p role="alert">{mfa.error.message}</p>;

  const totp = mfa.status?.totp;
  if (!totp?.enabled)
    return (
      <p>
        Off.{' '}
        <button type="button" onClick={() => setSettingUp(true)}>
          Set up an authenticator app
        </button>
      </p>
    );

  const turnOff = async () => {
    setBusy(true);
    setError(null);
    const result = await stepUp.run(() => client.mfa.disableTotp());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    await mfa.reload();
  };
  return (
    <>
      <p data-testid="totp-status">
        On{totp.confirmedAt ? ` since ${new Date(totp.confirmedAt).toLocaleDateString()}` : ''}.{' '}
        <button type="button" disabled={busy} onClick={() => void turnOff()}>
          Turn off the authenticator app
        </button>
      </p>
      {error && <p role="alert">{error.message}</p>}
      {stepUp.prompt}
    </>
  );
}
