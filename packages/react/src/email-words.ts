/**
 * The words of the email flows (`<MagicLink>`, `<MagicLinkCallback>`, `<ForgotPassword>`,
 * `<ResetPassword>`, `<VerifyEmail>`, `<EmailVerificationBanner>`), overridable on
 * `<AuthProvider localization={…}>` under `magicLink`, `forgotPassword`, `resetPassword` and
 * `verifyEmail`. `{email}` is replaced.
 */

export interface MagicLinkWords {
  /** The request form's heading (its accessible name). */
  title: string;
  email: string;
  submit: string;
  /** Announced once the email is on its way. */
  sent: string;
  codeHint: string;
  code: string;
  codeRequired: string;
  verify: string;
  resend: string;
  changeEmail: string;
  /** Back to the password form (`<SignIn>`'s magic-link step). */
  usePassword: string;
  /** `<MagicLinkCallback>`: while the link's token is checked, and after. */
  verifying: string;
  signedIn: string;
  invalid: string;
  expired: string;
  /** The link was opened in another browser than the one that asked for it. */
  mismatch: string;
  missingToken: string;
  requestAgain: string;
}

export interface ForgotPasswordWords {
  title: string;
  email: string;
  submit: string;
  /** The same answer whether or not the address has an account. */
  sent: string;
  backToSignIn: string;
}

export interface ResetPasswordWords {
  title: string;
  password: string;
  confirm: string;
  submit: string;
  mismatch: string;
  success: string;
  signIn: string;
  invalid: string;
  expired: string;
  missingToken: string;
  requestNew: string;
}

export interface VerifyEmailWords {
  verifying: string;
  verified: string;
  invalid: string;
  expired: string;
  missingToken: string;
  continue: string;
  resend: string;
  /** The address field of a signed-out resend. */
  email: string;
  /** The same answer whether or not the address needs verifying. */
  sent: string;
  /** `<EmailVerificationBanner>`. */
  banner: string;
  bannerSent: string;
}

export const MAGIC_LINK_WORDS: MagicLinkWords = {
  title: 'Sign in with a link',
  email: 'Email',
  submit: 'Email me a link',
  sent: 'Check your email: we sent a sign-in link and a code to {email}.',
  codeHint: 'Open the link on this device, or enter the code from the email here.',
  code: 'Code',
  codeRequired: 'Enter the code from the email.',
  verify: 'Sign in',
  resend: 'Send again',
  changeEmail: 'Use another email',
  usePassword: 'Sign in with a password',
  verifying: 'Signing you in…',
  signedIn: 'Signed in.',
  invalid: 'This sign-in link is invalid or was already used.',
  expired: 'This sign-in link has expired.',
  mismatch:
    'This link was opened in another browser than the one that asked for it. Enter the code from the email in that browser instead, or request a new link here.',
  missingToken: 'This sign-in link is incomplete: open the link from the email again.',
  requestAgain: 'Request a new link',
};

export const FORGOT_PASSWORD_WORDS: ForgotPasswordWords = {
  title: 'Reset your password',
  email: 'Email',
  submit: 'Send reset link',
  sent: 'If an account exists for {email}, we sent it a link to reset the password. The link works for 30 minutes.',
  backToSignIn: 'Back to sign in',
};

export const RESET_PASSWORD_WORDS: ResetPasswordWords = {
  title: 'Choose a new password',
  password: 'New password',
  confirm: 'Confirm new password',
  submit: 'Change password',
  mismatch: 'The passwords do not match.',
  success:
    'Your password was changed, and every session signed out. Sign in with the new password.',
  signIn: 'Sign in',
  invalid: 'This reset link is invalid or was already used.',
  expired: 'This reset link has expired.',
  missingToken: 'This reset link is incomplete: open the link from the email again.',
  requestNew: 'Request a new link',
};

export const VERIFY_EMAIL_WORDS: VerifyEmailWords = {
  verifying: 'Verifying your email address…',
  verified: '{email} is verified.',
  invalid: 'This verification link is invalid or was already used.',
  expired: 'This verification link has expired.',
  missingToken: 'This verification link is incomplete: open the link from the email again.',
  continue: 'Continue',
  resend: 'Send a new link',
  email: 'Email',
  sent: 'If the address needs verifying, a new link is on its way.',
  banner: 'Please verify your email address, {email}: we sent you a link.',
  bannerSent: 'We sent a new verification link to {email}.',
};
