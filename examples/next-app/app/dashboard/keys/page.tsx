import { KeyManager } from '@catalyst/react';

export default function KeysPage() {
  return (
    <>
      <h1>Your API keys</h1>
      <p className="muted">
        A key lets a script or a service act as you, limited to the scopes you give it. Trade it for
        a short-lived token at <code>POST /api/auth/token</code>. Its secret is shown once, when it
        is issued or rolled.
      </p>
      <KeyManager />
    </>
  );
}
