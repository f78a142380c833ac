/**
 * The words of the profile components (issue 12), overridable on `<AuthProvider localization>`:
 * `userProfile` (`<UserProfile>`, `<UserProfileForm>`, `<ChangePassword>`), `imageUpload`
 * (`<AvatarUploader>`, `<LogoUploader>`) and `userButton`. Three groups, each with its own
 * defaults, so `<UserButton>` in a layout does not ship the profile page's words. `{name}`,
 * `{user}`, `{admin}`, `{n}` and `{size}` are replaced.
 */

export interface UserProfileWords {
  loading: string;
  forbidden: string;
  /** The section tabs' list (its accessible name), and each tab. */
  sections: string;
  profileTab: string;
  securityTab: string;
  keysTab: string;
  orgsTab: string;
  /** Shown while a section's code loads. */
  sectionLoading: string;
  /** Headings inside the security section. */
  password: string;
  authenticatorApp: string;
  passkeys: string;
  sessions: string;
  authenticatorOff: string;
  authenticatorOn: string;
  setUpAuthenticator: string;
  turnOffAuthenticator: string;
  /** The profile form. */
  name: string;
  email: string;
  locale: string;
  localeHint: string;
  timezone: string;
  timezoneHint: string;
  submit: string;
  saved: string;
  /** The empty first choice of an `enum` custom field's select (it clears the field). */
  noChoice: string;
  /** The change-password form. */
  currentPassword: string;
  newPassword: string;
  changePassword: string;
  /** After a change: `{n}` other sessions were signed out. */
  passwordChanged: string;
}

export const USER_PROFILE_WORDS: UserProfileWords = {
  loading: 'Loading your profile…',
  forbidden: 'Sign in to see your profile.',
  sections: 'Account settings',
  profileTab: 'Profile',
  securityTab: 'Security',
  keysTab: 'API keys',
  orgsTab: 'Organizations',
  sectionLoading: 'Loading…',
  password: 'Password',
  authenticatorApp: 'Authenticator app',
  passkeys: 'Passkeys',
  sessions: 'Signed-in devices',
  authenticatorOff: 'Off.',
  authenticatorOn: 'On.',
  setUpAuthenticator: 'Set up an authenticator app',
  turnOffAuthenticator: 'Turn off the authenticator app',
  name: 'Name',
  email: 'Email',
  locale: 'Language',
  localeHint: 'A language tag such as en-US or fr-FR.',
  timezone: 'Time zone',
  timezoneHint: 'A time zone name such as Europe/Paris.',
  submit: 'Save profile',
  saved: 'Saved.',
  noChoice: '—',
  currentPassword: 'Current password',
  newPassword: 'New password',
  changePassword: 'Change password',
  passwordChanged: 'Password changed. Other devices signed out: {n}.',
};

export interface ImageUploadWords {
  loading: string;
  forbidden: string;
  /** `<AvatarUploader>` and `<LogoUploader>` labels. */
  avatar: string;
  logo: string;
  /** `<AdminAvatarUploader>`: another person's avatar. */
  userAvatar: string;
  /** Without an image yet. */
  noAvatar: string;
  noLogo: string;
  noUserAvatar: string;
  /** Without an org (a logo needs one). */
  noOrg: string;
  /** The file input's label, and the drop zone's hint. */
  chooseAvatar: string;
  chooseLogo: string;
  dropHint: string;
  uploading: string;
  uploaded: string;
  removeAvatar: string;
  removeLogo: string;
  removed: string;
  /** Refused before any request (the server says the same, with its own words). */
  unsupported: string;
  /** `{size}` is the limit, in MiB or KiB. */
  tooLarge: string;
}

export const IMAGE_UPLOAD_WORDS: ImageUploadWords = {
  loading: 'Loading…',
  forbidden: 'You cannot change this image.',
  avatar: 'Your avatar',
  logo: 'Organization logo',
  userAvatar: "This user's avatar",
  noAvatar: 'No avatar yet.',
  noLogo: 'No logo yet.',
  noUserAvatar: 'No avatar.',
  noOrg: 'No organization selected.',
  chooseAvatar: 'Upload a new avatar',
  chooseLogo: 'Upload a new logo',
  dropHint: 'PNG, JPEG or WebP, up to {size}. You can also drop a file here.',
  uploading: 'Uploading…',
  uploaded: 'Image updated.',
  removeAvatar: 'Remove avatar',
  removeLogo: 'Remove logo',
  removed: 'Image removed.',
  unsupported: 'Choose a PNG, JPEG or WebP image.',
  tooLarge: 'The image is larger than {size}.',
};

export interface UserButtonWords {
  profile: string;
  signOut: string;
  /** The banner while an admin acts as the user. */
  impersonating: string;
  stopImpersonating: string;
}

export const USER_BUTTON_WORDS: UserButtonWords = {
  profile: 'Profile',
  signOut: 'Sign out',
  impersonating: 'Impersonating {user} as {admin}',
  stopImpersonating: 'Stop impersonating',
};
