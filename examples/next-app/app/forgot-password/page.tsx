import { ForgotPassword } from '@catalyst/react';

/** Asks for a reset link; the email opens /reset-password (the server's `resetPasswordPath`). */
export default function ForgotPasswordPage() {
  return (
    <main className="card">
      <h1>Forgot your password?</h1>
      <ForgotPassword signInUrl="/sign-in" />
    </main>
  );
}
