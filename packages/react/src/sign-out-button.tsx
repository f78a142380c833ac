'use client';
import { Slot } from '@radix-ui/react-slot';
import * as React from 'react';
import { useAuthClient } from './hooks.js';

export interface SignOutButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  asChild?: boolean;
  /** Where to go once signed out (a full navigation); default `/`. */
  redirectUrl?: string;
}

export function SignOutButton({
  asChild,
  redirectUrl = '/',
  onClick,
  children,
  ...props
}: SignOutButtonProps) {
  const client = useAuthClient();
  const [pending, setPending] = React.useState(false);
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      type="button"
      data-catalyst="sign-out"
      disabled={pending}
      {...props}
      onClick={async (event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        setPending(true);
        await client.signOut();
        window.location.assign(redirectUrl);
      }}
    >
      {children ?? 'Sign out'}
    </Comp>
  );
}
