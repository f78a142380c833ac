import Link from 'next/link';
import { currentUser } from '@catalyst/next';

export default async function Home() {
  const user = await currentUser();
  return (
    <main className="card">
      <h1>Catalyst Authkit</h1>
      <p>Self-hosted sign-in, sessions and JWTs on an embedded Postgres.</p>
      {user ? (
        <p>
          Signed in as <strong>{user.email}</strong>.{' '}
          <Link href="/dashboard">Go to the dashboard</Link>
        </p>
      ) : (
        <p className="actions">
          <Link href="/sign-in">Sign in</Link> <Link href="/sign-up">Create an account</Link>
        </p>
      )}
    </main>
  );
}
