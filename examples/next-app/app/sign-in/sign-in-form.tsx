'use client';
import { createSsoClient } from '@catalyst/authkit';
import { SignIn, useAuthClient } from '@catalyst/react';
import { useMemo } from 'react';

/**
 * The sign-in form with the server's upstream providers: "Continue with …" for each configured
 * one, the org's own provider once the typed email's domain is an org's verified domain, and why
 * a provider sign-in failed (the callback's `?error=`). A client component: the SSO client wraps
 * the browser's auth client.
 */
export function SignInForm() {
  const client = useAuthClient();
  const sso = useMemo(() => createSsoClient(client), [client]);
  return <SignIn fallbackRedirectUrl="/dashboard" sso={sso} />;
}
