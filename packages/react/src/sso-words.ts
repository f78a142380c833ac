/**
 * The words of the upstream sign-in parts (`<SignIn sso={…}>`'s providers) and of
 * `<ConnectedAccounts>`. Their own module: the sign-in page's first load carries none of them.
 */

/** `localization.signInProviders`: the provider buttons of `<SignIn>` and the `?error=` codes. */
export interface SignInProviderWords {
  /** A provider's button: `{name}` is replaced. */
  continueWith: string;
  /** Label of the group of provider buttons. */
  providers: string;
  /** The list of providers could not be loaded (the password still works). */
  providersFailed: string;
  /** Says the org found for the email's domain has its own provider: `{name}` is replaced. */
  orgFound: string;
  /** The org signs its people in only through its provider (no password): `{name}` is replaced. */
  orgRequired: string;
  /** `?error=` codes after a provider sign-in failed (or was refused). */
  sso_failed: string;
  idp_unavailable: string;
  link_confirmation_required: string;
  rate_limited: string;
  sso_required: string;
  user_banned: string;
}

export const SIGN_IN_PROVIDER_WORDS: SignInProviderWords = {
  continueWith: 'Continue with {name}',
  providers: 'Other ways to sign in',
  providersFailed:
    'Single sign-on is unavailable right now. You can still sign in with a password.',
  orgFound: 'Your organization signs in with {name}.',
  orgRequired: 'Your organization requires signing in with {name}: passwords are turned off.',
  sso_failed: 'Signing in with your provider did not work. Please try again.',
  idp_unavailable: 'Your sign-in provider did not answer. Please try again in a moment.',
  link_confirmation_required:
    'An account with this email already exists. Sign in to it first, then connect the provider from your profile.',
  rate_limited: 'Too many attempts. Please wait a minute and try again.',
  sso_required: 'Your organization requires signing in through its provider.',
  user_banned: 'This account has been suspended.',
};

/** `localization.connectedAccounts`: `<ConnectedAccounts>`. */
export interface ConnectedAccountsWords {
  /** Label of the list of linked identities. */
  listLabel: string;
  loading: string;
  empty: string;
  forbidden: string;
  /** `{date}` is replaced. */
  linkedOn: string;
  /** `{date}` is replaced. */
  lastUsed: string;
  neverUsed: string;
  /** A provider not linked yet: `{name}` is replaced. */
  link: string;
  unlink: string;
  /** `{name}` is the provider's name in the labels below. */
  unlinkLabel: string;
  unlinkWarning: string;
  confirmUnlink: string;
  cancel: string;
  /** Refused: the identity is the last way to sign in. */
  lastSignInMethod: string;
}

export const CONNECTED_ACCOUNTS_WORDS: ConnectedAccountsWords = {
  listLabel: 'Connected accounts',
  loading: 'Loading connected accounts…',
  empty: 'No connected accounts.',
  forbidden: 'Sign in to manage your connected accounts.',
  linkedOn: 'Connected {date}',
  lastUsed: 'Last used {date}',
  neverUsed: 'Never used',
  link: 'Connect {name}',
  unlink: 'Disconnect',
  unlinkLabel: 'Disconnect {name}',
  unlinkWarning: 'You will no longer be able to sign in with {name}.',
  confirmUnlink: 'Disconnect',
  cancel: 'Cancel',
  lastSignInMethod:
    'This is your only way to sign in. Set a password or add a passkey before disconnecting it.',
};
