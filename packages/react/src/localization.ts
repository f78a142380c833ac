'use client';
import type { ClientError } from '@catalyst/authkit';
import * as React from 'react';
import { useAuthContext } from './auth-context.js';
import type { WebhookWords } from './webhook-words.js';
import type { AuditWords } from './audit-words.js';
import type {
  DomainManagerWords,
  OrgAdminPanelWords,
  OrgPlanPanelWords,
} from './org-admin-words.js';
import type { UserAdminPanelWords } from './admin-words.js';
import type { ImageUploadWords, UserButtonWords, UserProfileWords } from './profile-words.js';
import type {
  PasskeyCeremonyWords,
  PasskeyWords,
  RecoveryCodesWords,
  TotpSetupWords,
  TwoFactorWords,
} from './security-words.js';
import type {
  ForgotPasswordWords,
  MagicLinkWords,
  ResetPasswordWords,
  VerifyEmailWords,
} from './email-words.js';
import type { ConnectedAccountsWords, SignInProviderWords } from './sso-words.js';
import type { ClaimMappingWords, SsoSettingsWords } from './sso-settings-words.js';
import type { DirectorySettingsWords } from './directory-settings-words.js';

export type {
  ClaimMappingWords,
  SsoSettingsWords,
  ConnectedAccountsWords,
  SignInProviderWords,
  PasskeyCeremonyWords,
  PasskeyWords,
  RecoveryCodesWords,
  TotpSetupWords,
  TwoFactorWords,
  ForgotPasswordWords,
  MagicLinkWords,
  ResetPasswordWords,
  VerifyEmailWords,
};

/** Words of the sign-in and sign-up forms. */
export interface CredentialsWords {
  name: string;
  email: string;
  password: string;
  submit: string;
}

/** The sign-in form's words: the fields', and its other ways in (passkey, emailed link). */
export interface SignInWords extends CredentialsWords, PasskeyCeremonyWords {
  passkey: string;
  magicLink: string;
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

export interface CreateOrgWords {
  name: string;
  slug: string;
  submit: string;
}

export interface OrgSwitcherWords {
  /** The trigger's text without an active org. */
  noOrg: string;
  /** Label of the list of orgs (and of the menu). */
  orgs: string;
  loading: string;
  empty: string;
  forbidden: string;
  /** Switch to no org (`OrgSwitcher.Personal`). */
  personal: string;
  invitations: string;
  /** `{org}` is replaced. */
  accept: string;
  decline: string;
  declineLabel: string;
  suggestions: string;
  requestToJoin: string;
  requested: string;
  createOrg: string;
  /** Heading of the inline create-org panel, and its close button. */
  createOrgTitle: string;
  cancel: string;
  loadMore: string;
}

export interface OrgProfileWords {
  loading: string;
  empty: string;
  forbidden: string;
  /** Shown when the caller may not change the profile (the fields are disabled). */
  readOnly: string;
  name: string;
  logoUrl: string;
  description: string;
  website: string;
  primaryColor: string;
  secondaryColor: string;
  address: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  links: string;
  /** `{n}` is the link's number. */
  linkLabel: string;
  linkUrl: string;
  addLink: string;
  removeLink: string;
  submit: string;
  saved: string;
}

/** Display names of the built-in roles (custom roles show their own name). */
export interface RoleWords {
  owner: string;
  admin: string;
  member: string;
}

export interface MemberListWords {
  loading: string;
  empty: string;
  /** Without an org (none active, none given). */
  noOrg: string;
  forbidden: string;
  /** Marks the caller's own row. */
  you: string;
  /** Accessible name of a member's role picker: `{member}` is replaced. */
  roleLabel: string;
  remove: string;
  removeLabel: string;
  /** The caller's own remove button. */
  leave: string;
  loadMore: string;
}

export interface InviteMemberWords {
  loading: string;
  noOrg: string;
  forbidden: string;
  emailTitle: string;
  email: string;
  roles: string;
  sendInvitation: string;
  /** `{email}` is replaced. */
  sent: string;
  linkTitle: string;
  maxUses: string;
  expires: string;
  oneDay: string;
  sevenDays: string;
  thirtyDays: string;
  never: string;
  createLink: string;
  /** Label of the created link's URL. */
  link: string;
  /** Says the link is shown once. */
  linkOnce: string;
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
}

export interface GroupManagerWords {
  loading: string;
  empty: string;
  noOrg: string;
  forbidden: string;
  /** The create form's field and button. */
  name: string;
  create: string;
  /** `{group}` is replaced in the labels below; `{member}` too in `removeMemberLabel`. */
  rename: string;
  renameLabel: string;
  newName: string;
  save: string;
  cancel: string;
  delete: string;
  deleteLabel: string;
  members: string;
  membersLabel: string;
  membersLoading: string;
  membersEmpty: string;
  addMember: string;
  addMemberLabel: string;
  chooseMember: string;
  removeMember: string;
  removeMemberLabel: string;
  loadMore: string;
}

export interface RoleManagerWords {
  loading: string;
  empty: string;
  noOrg: string;
  forbidden: string;
  /** Badge on the built-in (read-only) roles. */
  builtIn: string;
  newRole: string;
  name: string;
  description: string;
  permissions: string;
  /** Why a permission's checkbox is disabled. */
  ungrantable: string;
  /** How `*` reads. */
  allPermissions: string;
  create: string;
  /** `{role}` is replaced in the labels. */
  edit: string;
  editLabel: string;
  save: string;
  cancel: string;
  delete: string;
  deleteLabel: string;
}

/** The words of a secret shown once (a new key's, or a rolled one's). */
export interface SecretWords {
  /** Says the secret is shown once: copy it now. */
  secretOnce: string;
  copy: string;
  copied: string;
  copyFailed: string;
  /** Forgets the secret. */
  done: string;
}

export interface CreateApiKeyWords extends SecretWords {
  loading: string;
  forbidden: string;
  /** The form's heading (its accessible name). */
  title: string;
  name: string;
  scopes: string;
  /** When the caller holds no scope a key could carry. */
  noScopes: string;
  expires: string;
  never: string;
  sevenDays: string;
  thirtyDays: string;
  ninetyDays: string;
  /** The expiry option that shows a date field. */
  customDate: string;
  expiryDate: string;
  /** A custom expiry without a date. */
  dateRequired: string;
  oneShot: string;
  oneShotHint: string;
  submit: string;
  /** Label of the issued secret. */
  secret: string;
}

export interface KeyListWords extends SecretWords {
  loading: string;
  empty: string;
  forbidden: string;
  /** Label of the status filter, and its options. */
  show: string;
  showActive: string;
  showRevoked: string;
  showAll: string;
  /** A key's status, as shown. */
  active: string;
  expired: string;
  revoked: string;
  exhausted: string;
  scopes: string;
  noScopes: string;
  created: string;
  expires: string;
  /** An expiry that never comes. */
  never: string;
  lastUsed: string;
  neverUsed: string;
  /** Why a key was revoked. */
  reason: string;
  /** `{key}` is replaced in the labels. */
  revoke: string;
  revokeLabel: string;
  revokeReason: string;
  confirmRevoke: string;
  cancel: string;
  reroll: string;
  rerollLabel: string;
  rerollWarning: string;
  confirmReroll: string;
  /** Label of a rolled key's new secret. */
  newSecret: string;
  /** `{time}` is replaced. */
  previousUntil: string;
  loadMore: string;
}

export interface KeyManagerWords {
  loading: string;
  forbidden: string;
}

/**
 * Every word a component shows, overridable on `<AuthProvider localization={…}>`. Each component
 * keeps its own defaults, so importing one does not pull in the others' words. Server messages can
 * be replaced per error `code`; dates and numbers follow `locale` through `Intl`.
 */
export interface Localization {
  locale?: string;
  signIn?: Partial<SignInWords>;
  /** `<SignIn sso={…}>`'s provider buttons, org routing and `?error=` messages. */
  signInProviders?: Partial<SignInProviderWords>;
  /** `<ConnectedAccounts>`. */
  connectedAccounts?: Partial<ConnectedAccountsWords>;
  signUp?: Partial<CredentialsWords>;
  sessionList?: Partial<SessionListWords>;
  signOutButton?: Partial<SignOutWords>;
  createOrg?: Partial<CreateOrgWords>;
  orgSwitcher?: Partial<OrgSwitcherWords>;
  orgProfile?: Partial<OrgProfileWords>;
  memberList?: Partial<MemberListWords>;
  inviteMember?: Partial<InviteMemberWords>;
  groupManager?: Partial<GroupManagerWords>;
  roleManager?: Partial<RoleManagerWords>;
  createApiKey?: Partial<CreateApiKeyWords>;
  keyList?: Partial<KeyListWords>;
  keyManager?: Partial<KeyManagerWords>;
  /** Every webhook component (`WebhookManager`, `WebhookList`, `WebhookDeliveries`, …). */
  webhooks?: Partial<WebhookWords>;
  /** `AuditViewer`, its parts and `AuditEventDetail`. */
  audit?: Partial<AuditWords>;
  /** `<OrgAdminPanel>` (its tabs); `<DomainManager>` and `<OrgPlanPanel>` have their own. */
  orgAdminPanel?: Partial<OrgAdminPanelWords>;
  domainManager?: Partial<DomainManagerWords>;
  orgPlanPanel?: Partial<OrgPlanPanelWords>;
  /** `<SsoSettings>`: an org's own provider. */
  ssoSettings?: Partial<SsoSettingsWords>;
  directorySettings?: Partial<DirectorySettingsWords>;
  /** `<ClaimMappingEditor>`: its claim rules and their preview. */
  claimMapping?: Partial<ClaimMappingWords>;
  /** `<UserAdminPanel>` and its parts (platform administration). */
  userAdminPanel?: Partial<UserAdminPanelWords>;
  /** `<TwoFactor>`, and the step-up prompt of `useStepUp`. */
  twoFactor?: Partial<TwoFactorWords>;
  totpSetup?: Partial<TotpSetupWords>;
  recoveryCodes?: Partial<RecoveryCodesWords>;
  /** `<PasskeySetup>` and `<PasskeyList>`. */
  passkeys?: Partial<PasskeyWords>;
  /** `<MagicLink>` and `<MagicLinkCallback>`. */
  magicLink?: Partial<MagicLinkWords>;
  forgotPassword?: Partial<ForgotPasswordWords>;
  resetPassword?: Partial<ResetPasswordWords>;
  /** `<VerifyEmail>` and `<EmailVerificationBanner>`. */
  verifyEmail?: Partial<VerifyEmailWords>;
  /** `<UserProfile>`, its sections, `<UserProfileForm>` and `<ChangePassword>`. */
  userProfile?: Partial<UserProfileWords>;
  /** `<AvatarUploader>` and `<LogoUploader>`. */
  imageUpload?: Partial<ImageUploadWords>;
  userButton?: Partial<UserButtonWords>;
  roles?: Partial<RoleWords>;
  errors?: Partial<Record<ClientError['code'], string>>;
}

type WordsKey = Exclude<keyof Localization, 'locale' | 'errors'>;

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
