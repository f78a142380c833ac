import { SignIn } from '@catalyst/react';
import Link from 'next/link';

export default function SignInPage() {
  return (
    <main className="card">
      <h1>Sign in</h1>
      <SignIn fallbackRedirectUrl="/dashboard" />
      <p className="muted">
        No account? <Link href="/sign-up">Create one</Link>
      </p>
    </main>
  );
}
