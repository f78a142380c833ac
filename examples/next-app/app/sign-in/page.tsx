import Link from 'next/link';
import { SignInForm } from './sign-in-form';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Keep where the visitor was going when they switch to signing up (an invitation link, say).
  const { redirect_url: back } = await searchParams;
  const signUp =
    typeof back === 'string' ? `/sign-up?redirect_url=${encodeURIComponent(back)}` : '/sign-up';
  return (
    <main className="card">
      <h1>Sign in</h1>
      <SignInForm />
      <p className="muted">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="muted">
        No account? <Link href={signUp}>Create one</Link>
      </p>
    </main>
  );
}
