import { SignUp } from '@catalyst/react';
import Link from 'next/link';

export default function SignUpPage() {
  return (
    <main className="card">
      <h1>Create an account</h1>
      <SignUp fallbackRedirectUrl="/dashboard" />
      <p className="muted">
        Have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
