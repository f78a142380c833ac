import { requireAuth } from '@catalyst/next';
import {
  ConnectedAccounts,
  EmailVerificationBanner,
  PasskeyList,
  PasskeySetup,
  RecoveryCodes,
} from '@catalyst/react';
import { AuthenticatorApp } from './authenticator-app';

// A server component, guarded like the other dashboard pages: the proxy sends a signed-out
// visitor to sign in, and requireAuth() checks the session again before any HTML is sent.
export default async function SecurityPage() {
  const { user } = await requireAuth();
  return (
    <>
      <h1>Security</h1>
      <EmailVerificationBanner />
      <p className="muted">
        Ways to prove it is you, {user.email}, besides your password. Turning a factor off, making
        new recovery codes or removing a passkey needs a recent sign-in: after ten minutes you are
        asked to confirm it is you again (a code, a recovery code or a passkey) before the change
        goes through.
      </p>
      <section aria-labelledby="totp-heading">
        <h2 id="totp-heading">Authenticator app</h2>
        <AuthenticatorApp />
        <RecoveryCodes />
      </section>
      <section aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        <PasskeySetup />
        <PasskeyList />
      </section>
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected accounts</h2>
        <p className="muted">
          Providers you can sign in with. Connect another, or disconnect one you no longer use
          (never your only way in).
        </p>
        <ConnectedAccounts />
      </section>
    </>
  );
}
