'use client';
import type { ClientError } from '@catalyst/authkit';
import * as React from 'react';
import { useAuthContext } from './auth-context.js';

/** Words of the sign-in and sign-up forms. */
export interface CredentialsWords {
  name: string;
  email: string;
  password: string;
  submit: string;
}

export interface SessionListWords {
  loading: string;
  empty: string;
  forbidden: string;
  thisDevice: string;
  unknownDevice: string;
  revoke: string;
  /** Accessible name of a revoke button: `{device}` is replaced. */
  revokeLabel: string;
}

export interface SignOutWords {
  signOut: string;
}

/**
 * Every word a component shows, overridable on `<AuthProvider localization={…}>`. Each component
 * keeps its own defaults, so importing one does not pull in the others' words. Server messages can
 * be replaced per error `code`; dates and numbers follow `locale` through `Intl`.
 */
export interface Localization {
  locale?: string;
  signIn?: Partial<CredentialsWords>;
  signUp?: Partial<CredentialsWords>;
  sessionList?: Partial<SessionListWords>;
  signOutButton?: Partial<SignOutWords>;
  errors?: Partial<Record<ClientError['code'], string>>;
}

type WordsKey = 'signIn' | 'signUp' | 'sessionList' | 'signOutButton';

/** A component's words: its defaults with the provider's overrides on top. */
export function useWords<K extends WordsKey>(
  key: K,
  defaults: Required<NonNullable<Localization[K]>>,
): Required<NonNullable<Localization[K]>> {
  const overrides = useAuthContext().localization[key];
  return React.useMemo(() => ({ ...defaults, ...overrides }), [defaults, overrides]);
}

/** The text for an error: the app's word for its code, else the server's message. */
export function useErrorText(): (error: ClientError) => string {
  const errors = useAuthContext().localization.errors;
  return React.useCallback((error) => errors?.[error.code] ?? error.message, [errors]);
}

/** The provider's locale (undefined: the runtime's). */
export function useLocale(): string | undefined {
  return useAuthContext().localization.locale;
}
