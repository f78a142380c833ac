'use client';
import { Primitive } from '@radix-ui/react-primitive';
import * as React from 'react';
import { partContent } from './default-content.js';
import { useAuthClient } from './hooks.js';
import { useWords, type SignOutWords } from './localization.js';

const WORDS: SignOutWords = { signOut: 'Sign out' };

export interface UseSignOutResult {
  pending: boolean;
  /** Revokes the session, clears the cookies, then navigates (a full page load) to `redirectUrl`. */
  signOut(redirectUrl?: string): Promise<void>;
}

export function useSignOut(): UseSignOutResult {
  const client = useAuthClient();
  const [pending, setPending] = React.useState(false);
  const signOut = React.useCallback(
    async (redirectUrl = '/') => {
      setPending(true);
      await client.signOut();
      window.location.assign(redirectUrl);
    },
    [client],
  );
  return { pending, signOut };
}

export interface SignOutButtonProps extends React.ComponentPropsWithoutRef<
  typeof Primitive.button
> {
  /** Where to go once signed out (a full navigation); default `/`. */
  redirectUrl?: string;
}

/** A button (or, with `asChild`, your element) that signs out. */
export function SignOutButton({
  redirectUrl = '/',
  asChild,
  onClick,
  children,
  ...props
}: SignOutButtonProps) {
  const { pending, signOut } = useSignOut();
  const words = useWords('signOutButton', WORDS);
  return (
    <Primitive.button
      asChild={asChild}
      type="button"
      data-catalyst="sign-out"
      data-state={pending ? 'pending' : 'idle'}
      disabled={pending}
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) void signOut(redirectUrl);
      }}
    >
      {partContent(asChild, children, words.signOut)}
    </Primitive.button>
  );
}
