/**
 * The words of the second-factor components (`<TwoFactor>`, `<TotpSetup>`, `<RecoveryCodes>`,
 * `<PasskeySetup>`, `<PasskeyList>`), overridable on `<AuthProvider localization={…}>` under
 * `twoFactor`, `totpSetup`, `recoveryCodes` and `passkeys`. Each component keeps its own defaults.
 */

/** What a failed WebAuthn ceremony says (the browser's side of a passkey, before any request). */
export interface PasskeyCeremonyWords {
  /** The person closed the browser's prompt, or it timed out. */
  passkeyCancelled: string;
  passkeyUnsupported: string;
  passkeyFailed: string;
}

export interface TwoFactorWords extends PasskeyCeremonyWords {
  /** The form's heading (its accessible name) after a password or a magic link. */
  title: string;
  /** …and before a sensitive change (step-up). */
  stepUpTitle: string;
  totpHint: string;
  recoveryHint: string;
  /** Step-up of an account without a second factor: the password proves it. */
  passwordHint: string;
  code: string;
  recoveryCode: string;
  password: string;
  submit: string;
  useRecoveryCode: string;
  useAuthenticator: string;
  usePasskey: string;
  cancel: string;
  loading: string;
  /** Announced once the factor is accepted. */
  verified: string;
  /** An empty field. */
  codeRequired: string;
}

export interface TotpSetupWords {
  title: string;
  loading: string;
  /** Said when an org's policy requires a second factor before the sign-in can finish. */
  required: string;
  scan: string;
  /** The QR code's accessible name. */
  qrLabel: string;
  /** Label of the key for manual entry. */
  secret: string;
  copy: string;
  copied: string;
  copyFailed: string;
  code: string;
  codeRequired: string;
  submit: string;
  /** Announced once the code is accepted (then the recovery codes show). */
  enabled: string;
  alreadyEnabled: string;
  retry: string;
}

export interface RecoveryCodesWords {
  title: string;
  loading: string;
  forbidden: string;
  /** `{n}` is replaced; `remainingOne` when one is left, `noneRemaining` at zero. */
  remaining: string;
  remainingOne: string;
  noneRemaining: string;
  /** Without a second factor there are no recovery codes. */
  notEnabled: string;
  /** Said above codes on show: they are shown once. */
  once: string;
  /** The list's accessible name. */
  listLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  download: string;
  /** The downloaded file's first line. */
  fileHeader: string;
  done: string;
  regenerate: string;
  regenerateWarning: string;
  confirmRegenerate: string;
  cancel: string;
}

export interface PasskeyWords extends PasskeyCeremonyWords {
  /** `<PasskeySetup>`'s heading (its accessible name). */
  setupTitle: string;
  name: string;
  nameHint: string;
  add: string;
  /** `{name}` is replaced. */
  added: string;
  /** `<PasskeyList>`: the list's accessible name, and its states. */
  listLabel: string;
  loading: string;
  empty: string;
  forbidden: string;
  /** `{date}` is replaced. */
  created: string;
  lastUsed: string;
  neverUsed: string;
  /** A passkey synced across devices, and one bound to one authenticator. */
  synced: string;
  singleDevice: string;
  /** `{name}` is replaced in the labels. */
  rename: string;
  renameLabel: string;
  newName: string;
  save: string;
  cancel: string;
  remove: string;
  removeLabel: string;
  removeWarning: string;
  confirmRemove: string;
}

/** `<TwoFactor>`'s default words. */
export const TWO_FACTOR_WORDS: TwoFactorWords = {
  title: 'Two-factor authentication',
  stepUpTitle: 'Confirm it’s you',
  totpHint: 'Enter the 6-digit code from your authenticator app.',
  recoveryHint: 'Enter one of your recovery codes. Each code works once.',
  passwordHint: 'Enter your password to continue.',
  code: 'Authentication code',
  recoveryCode: 'Recovery code',
  password: 'Password',
  submit: 'Verify',
  useRecoveryCode: 'Use a recovery code',
  useAuthenticator: 'Use your authenticator app',
  usePasskey: 'Use a passkey',
  cancel: 'Cancel',
  loading: 'Loading…',
  verified: 'Verified.',
  codeRequired: 'Enter the code.',
  passkeyCancelled: 'The passkey request was cancelled or timed out.',
  passkeyUnsupported: 'This browser does not support passkeys.',
  passkeyFailed: 'The passkey could not be used.',
};

/** `<TotpSetup>`'s default words. */
export const TOTP_SETUP_WORDS: TotpSetupWords = {
  title: 'Set up an authenticator app',
  loading: 'Preparing your authenticator app setup…',
  required:
    'Your organization requires two-factor authentication. Set up an authenticator app to finish signing in.',
  scan: 'Scan the QR code with your authenticator app, or enter the setup key by hand. Then enter the 6-digit code it shows.',
  qrLabel: 'QR code for your authenticator app',
  secret: 'Setup key',
  copy: 'Copy key',
  copied: 'Copied.',
  copyFailed: 'Copy failed: select the key and copy it.',
  code: 'Code from the app',
  codeRequired: 'Enter the 6-digit code.',
  submit: 'Turn on',
  enabled: 'Your authenticator app is on.',
  alreadyEnabled: 'An authenticator app is already set up for your account.',
  retry: 'Try again',
};
