import { SessionList } from '@catalyst/react';

export default function SessionsPage() {
  return (
    <>
      <h1>Your sessions</h1>
      <p className="muted">
        Every device signed in to your account. Revoking one signs it out at once.
      </p>
      <SessionList />
    </>
  );
}
