import { SignUp } from '@catalyst/react';
import Link from 'next/link';

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Keep where the visitor was going when they switch to signing in (an invitation link, say).
  const { redirect_url: back } = await searchParams;
  const signIn =
    typeof back === 'string' ? `/sign-in?redirect_url=${encodeURIComponent(back)}` : '/sign-in';
  return (
    <main className="card">
      <h1>Create an account</h1>
      <SignUp fallbackRedirectUrl="/dashboard" />
      <p className="muted">
        Have an account? <Link href={signIn}>Sign in</Link>
      </p>
    </main>
  );
}
