export { AuthProvider } from './auth-provider.js';
export type { AuthProviderProps } from './auth-provider.js';
export { useAuthClient, useSession, useUser } from './hooks.js';
export type {
  Localization,
  CredentialsWords,
  SessionListWords,
  SignOutWords,
  CreateOrgWords,
  OrgSwitcherWords,
  OrgProfileWords,
  MemberListWords,
  RoleWords,
  InviteMemberWords,
  GroupManagerWords,
  RoleManagerWords,
  SecretWords,
  CreateApiKeyWords,
  KeyListWords,
  KeyManagerWords,
  SignInWords,
  PasskeyCeremonyWords,
  TwoFactorWords,
  TotpSetupWords,
  RecoveryCodesWords,
  PasskeyWords,
  MagicLinkWords,
  ForgotPasswordWords,
  ResetPasswordWords,
  VerifyEmailWords,
} from './localization.js';
export { SignIn } from './sign-in.js';
export type { SignInProps } from './sign-in.js';
export type { SignInSso, SignInSsoRoute, SignInProvidersProps } from './sign-in-types.js';
export type { SignInProviderWords, ConnectedAccountsWords } from './sso-words.js';
export { ConnectedAccounts } from './connected-accounts.js';
export type {
  ConnectedAccountsProps,
  ConnectedAccountsItemsProps,
  ConnectedAccountsItemProps,
} from './connected-accounts.js';
export { useConnectedAccounts, identityQueries } from './use-connected-accounts.js';
export type {
  ConnectedAccountsSso,
  UseConnectedAccountsOptions,
  UseConnectedAccountsResult,
} from './use-connected-accounts.js';
export { SignUp } from './sign-up.js';
export { useCredentialsForm } from './credentials-form.js';
export type {
  RootProps,
  FieldProps,
  LabelProps,
  SubmitProps,
  ErrorProps,
  CredentialsFieldName,
  CredentialsKind,
  FormState,
  UseCredentialsFormResult,
  SignInStep,
  SignInStepProps,
} from './credentials-form.js';
export { SignedIn, SignedOut, Gate, PlanGate, useGate } from './control.js';
export type { GateProps, GateState, PlanGateProps } from './control.js';
export { SessionList } from './session-list.js';
export type {
  SessionListProps,
  SessionListItemsProps,
  SessionListItemProps,
} from './session-list.js';
export { useSessions } from './use-sessions.js';
export type { UseSessionsResult } from './use-sessions.js';
export { SignOutButton, useSignOut } from './sign-out-button.js';
export type { SignOutButtonProps, UseSignOutResult } from './sign-out-button.js';
export { catalystQueries, catalystMutations, CatalystRequestError } from './data/resources.js';
export type {
  DataState,
  ResourceScope,
  OrgScope,
  PageOf,
  KeyOwnerRef,
  KeysScope,
  KeyStatusFilter,
} from './data/resources.js';
export type { PagedList, Action } from './data/use-resource.js';
export { useCatalystQueryClient } from './data/query-client.js';
export type {
  SessionPayload,
  SessionSnapshot,
  User,
  Session,
  ClientError,
} from '@catalyst/authkit';
export { CreateOrg } from './create-org.js';
export type { CreateOrgProps, CreateOrgFieldName } from './create-org.js';
export { useCreateOrg, slugify } from './use-create-org.js';
export type { UseCreateOrgResult } from './use-create-org.js';
export { OrgSwitcher } from './org-switcher.js';
export type {
  OrgSwitcherProps,
  OrgSwitcherOrgsProps,
  OrgSwitcherOrgProps,
} from './org-switcher.js';
export { useOrgSwitcher } from './use-org-switcher.js';
export type { UseOrgSwitcherOptions, UseOrgSwitcherResult } from './use-org-switcher.js';
export { useOrgs, useOrg } from './use-orgs.js';
export type { UseOrgsResult, UseOrgResult } from './use-orgs.js';
export { useMembership, usePermission } from './use-membership.js';
export type { UseMembershipResult } from './use-membership.js';
export { useEffectiveIdentity } from './use-effective-identity.js';
export type { UseEffectiveIdentityResult } from './use-effective-identity.js';
export type { ActiveOrg, GateRequirement } from './org-policy.js';
export { OrgProfileForm } from './org-profile-form.js';
export type {
  OrgProfileFormProps,
  OrgProfileFieldName,
  OrgProfileScalarField,
  OrgProfileLinkField,
} from './org-profile-form.js';
export { useOrgProfile } from './use-org-profile.js';
export type { UseOrgProfileResult } from './use-org-profile.js';
export { MemberList } from './member-list.js';
export type { MemberListProps, MemberListItemsProps, MemberListItemProps } from './member-list.js';
export { useOrgMembers } from './use-org-members.js';
export type { UseOrgMembersResult } from './use-org-members.js';
export { useOrgPermissions } from './use-effective-identity.js';
export type { OrgPermissions } from './use-effective-identity.js';
export { platformOrgPermissions } from './use-effective-identity.js';
export { InviteMember } from './invite-member.js';
export type { InviteMemberProps } from './invite-member.js';
export { useInviteMember } from './use-invite-member.js';
export type { UseInviteMemberResult, InviteLinkInput } from './use-invite-member.js';
export { GroupManager } from './group-manager.js';
export type {
  GroupManagerProps,
  GroupManagerItemsProps,
  GroupManagerItemProps,
} from './group-manager.js';
export { useGroups, useGroupMembers } from './use-groups.js';
export type { UseGroupsResult, UseGroupMembersResult } from './use-groups.js';
export { RoleManager } from './role-manager.js';
export type {
  RoleManagerProps,
  RoleManagerItemsProps,
  RoleManagerItemProps,
} from './role-manager.js';
export { useRoles, ORG_PERMISSIONS } from './use-roles.js';
export type { UseRolesResult, RoleInput } from './use-roles.js';
export { OrgAdminPanel } from './org-admin-panel.js';
export type { OrgAdminPanelProps } from './org-admin-panel.js';
export { useOrgAdminPanel, ORG_ADMIN_TAB_PERMISSIONS } from './use-org-admin-panel.js';
export type {
  OrgAdminAccess,
  UseOrgAdminPanelOptions,
  UseOrgAdminPanelResult,
} from './use-org-admin-panel.js';
export { DomainManager } from './domain-manager.js';
export type {
  DomainManagerProps,
  DomainManagerItemsProps,
  DomainManagerItemProps,
} from './domain-manager.js';
export { useDomains } from './use-domains.js';
export type { UseDomainsResult, DomainAction } from './use-domains.js';
export { SsoSettings } from './sso-settings.js';
export type { SsoSettingsProps, SsoSettingsField } from './sso-settings.js';
export { useSsoSettings, SSO_PERMISSION } from './use-sso-settings.js';
export type { UseSsoSettingsOptions, UseSsoSettingsResult } from './use-sso-settings.js';
export { ClaimMappingEditor } from './claim-mapping-editor.js';
export type {
  ClaimMappingEditorProps,
  ClaimMappingRulesProps,
  ClaimRuleProps,
} from './claim-mapping-editor.js';
export { useClaimMapping } from './use-claim-mapping.js';
export type {
  UseClaimMappingOptions,
  UseClaimMappingResult,
  ClaimMappingInput,
} from './use-claim-mapping.js';
export { useClaimMappingDraft, ruleFieldOf } from './claim-mapping-draft.js';
export type { ClaimMappingDraft, DraftRule, RulePart } from './claim-mapping-draft.js';
export { ssoQueries, ssoMutations } from './data/sso-resources.js';
export type { SsoSettingsWords, ClaimMappingWords } from './sso-settings-words.js';
export type {
  OrgSsoConnection,
  SsoConnectionInput,
  ClaimMapping,
  ClaimRule,
  ClaimRuleInput,
  MappingPreview,
} from '@catalyst/authkit';
export { DirectorySettings } from './directory-settings.js';
export type { DirectorySettingsProps, DirectorySettingsField } from './directory-settings.js';
export {
  useDirectorySettings,
  useDirectoryClient,
  DIRECTORY_PERMISSION,
} from './use-directory-settings.js';
export type {
  UseDirectorySettingsOptions,
  UseDirectorySettingsResult,
} from './use-directory-settings.js';
export { directoryQueries, directoryMutations } from './data/directory-resources.js';
export type { DirectorySettingsWords } from './directory-settings-words.js';
export type {
  DirectoryConnection,
  DirectoryConnectionInput,
  DirectorySyncRun,
  DirectorySyncStats,
  DirectorySkipReason,
} from '@catalyst/authkit';
export { OrgPlanPanel } from './org-plan-panel.js';
export type { OrgPlanPanelProps } from './org-plan-panel.js';
export { useOrgPlan } from './use-org-plan.js';
export type { UseOrgPlanResult } from './use-org-plan.js';
export { ORG_ADMIN_TABS } from './org-admin-words.js';
export type {
  OrgAdminTab,
  OrgAdminPanelWords,
  DomainManagerWords,
  OrgPlanPanelWords,
} from './org-admin-words.js';
export { CreateApiKey } from './create-api-key.js';
export type { CreateApiKeyProps, CreateApiKeyField, KeyExpiry } from './create-api-key.js';
export { KeyList } from './key-list.js';
export type { KeyListProps, KeyListItemsProps, KeyListItemProps } from './key-list.js';
export { KeyManager } from './key-manager.js';
export type { KeyManagerProps } from './key-manager.js';
export { useKeys, useCreateApiKey } from './use-keys.js';
export type { UseKeysOptions, UseKeysResult, UseCreateApiKeyResult } from './use-keys.js';
export { useKeyScopes } from './use-key-scopes.js';
export type { UseKeyScopesResult } from './use-key-scopes.js';
export type {
  ApiKey,
  IssuedApiKey,
  IssueKeyInput,
  ScopeOption,
  ApiKeyStatus,
} from '@catalyst/authkit';
export { WebhookManager } from './webhook-manager.js';
export type { WebhookManagerProps } from './webhook-manager.js';
export { WebhookList } from './webhook-list.js';
export type {
  WebhookListProps,
  WebhookListItemsProps,
  WebhookListItemProps,
} from './webhook-list.js';
export { WebhookForm } from './webhook-form.js';
export type { WebhookFormProps, WebhookFormField } from './webhook-form.js';
export {
  WebhookEventsPicker,
  WEBHOOK_EVENT_TYPES,
  eventFamilies,
  toggleEventFilter,
} from './webhook-events-picker.js';
export type { WebhookEventsPickerProps } from './webhook-events-picker.js';
export { WebhookDeliveries } from './webhook-deliveries.js';
export type { WebhookDeliveriesProps } from './webhook-deliveries.js';
export { DeliveryAttempts } from './webhook-attempts.js';
export type { DeliveryAttemptsProps } from './webhook-attempts.js';
export { useWebhooks } from './use-webhooks.js';
export type { UseWebhooksResult, WebhookScope } from './use-webhooks.js';
export { useWebhookDeliveries, useWebhookDelivery } from './use-webhook-deliveries.js';
export type {
  UseWebhookDeliveriesOptions,
  UseWebhookDeliveriesResult,
  UseWebhookDeliveryResult,
} from './use-webhook-deliveries.js';
export type { WebhookWords } from './webhook-words.js';
export type {
  Webhook,
  WebhookWithSecret,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookAttempt,
  WebhookInput,
  WebhookDeliveryStatus,
  WebhookReplayRange,
  WebhookOwnerRef,
  WebhooksScope,
} from './data/webhook-resources.js';
export { AuditViewer } from './audit-viewer.js';
export type { AuditViewerProps } from './audit-viewer.js';
export { AuditEventDetail } from './audit-event-detail.js';
export type { AuditEventDetailProps } from './audit-event-detail.js';
export { AUDIT_QUICK_PICKS } from './audit-filters.js';
export type { AuditFiltersProps } from './audit-filters.js';
export { auditChanges } from './audit-format.js';
export type { AuditChange } from './audit-format.js';
export { useAuditLog, AUDIT_TAIL_MS } from './use-audit-log.js';
export type { AuditScope, UseAuditLogOptions, UseAuditLogResult } from './use-audit-log.js';
export { UserAdminPanel } from './user-admin-panel.js';
export type { UserAdminPanelProps } from './user-admin-panel.js';
export type { ConfirmActionProps } from './admin-user-confirm.js';
export type { AdminUserTab } from './admin-user-context.js';
export { useAdminUsers, useAdminAccess } from './use-admin-users.js';
export type {
  AdminAccess,
  AdminAccessResult,
  AdminBulkResults,
  AdminUserColumn,
  UseAdminUsersOptions,
  UseAdminUsersResult,
} from './use-admin-users.js';
export { useAdminUser } from './use-admin-user.js';
export { useAdminProfile, useAdminAvatarUpload } from './use-admin-profile.js';
export type { UseAdminAvatarUploadOptions } from './use-admin-profile.js';
export { AdminAvatarUploader } from './admin-user-profile.js';
export type { AdminAvatarUploaderProps } from './admin-user-profile.js';
export type { AdminUserAction, UseAdminUserResult } from './use-admin-user.js';
export type { UserAdminPanelWords } from './admin-words.js';
export {
  adminQueries,
  adminMutations,
  normalizeAdminUserFilters,
  ADMIN_PAGE_SIZE,
} from './data/admin-resources.js';
export type {
  AdminUserFilters,
  AdminUserFilterName,
  AdminUserPage,
  AdminUsersScope,
} from './data/admin-resources.js';
export type { AuditWords } from './audit-words.js';
export type {
  AuditEvent,
  AuditExportFormat,
  AuditFilterName,
  AuditFilterValues,
  AuditLogScope,
  AuditScopeRef,
} from './data/audit-resources.js';
export { TwoFactor } from './two-factor.js';
export type { TwoFactorProps } from './two-factor.js';
export { useTwoFactor } from './use-two-factor.js';
export type {
  TwoFactorMode,
  TwoFactorInput,
  TwoFactorState,
  UseTwoFactorOptions,
  UseTwoFactorResult,
} from './use-two-factor.js';
export { useStepUp } from './use-step-up.js';
export type { UseStepUpOptions, UseStepUpResult } from './use-step-up.js';
export { TotpSetup } from './totp-setup.js';
export type { TotpSetupProps } from './totp-setup.js';
export { useTotpSetup } from './use-totp-setup.js';
export type { TotpSetupState, UseTotpSetupOptions, UseTotpSetupResult } from './use-totp-setup.js';
export { QrCode } from './qr-code.js';
export type { QrCodeProps } from './qr-code.js';
export { RecoveryCodes, useRecoveryCodes } from './recovery-codes.js';
export type { RecoveryCodesProps, UseRecoveryCodesResult } from './recovery-codes.js';
export type { RecoveryCodesPanelProps } from './recovery-codes-panel.js';
export { PasskeySetup } from './passkey-setup.js';
export type { PasskeySetupProps } from './passkey-setup.js';
export { PasskeyList } from './passkey-list.js';
export type {
  PasskeyListProps,
  PasskeyListItemsProps,
  PasskeyListItemProps,
} from './passkey-list.js';
export { usePasskeys, usePasskeySetup, useMfaStatus } from './use-passkeys.js';
export type {
  UsePasskeysResult,
  UsePasskeySetupResult,
  UseMfaStatusResult,
} from './use-passkeys.js';
export { MagicLink } from './magic-link.js';
export type { MagicLinkProps } from './magic-link.js';
export { MagicLinkCallback } from './magic-link-callback.js';
export type { MagicLinkCallbackProps, MagicLinkCallbackState } from './magic-link-callback.js';
export { ForgotPassword } from './forgot-password.js';
export type { ForgotPasswordProps } from './forgot-password.js';
export { ResetPassword } from './reset-password.js';
export type { ResetPasswordProps } from './reset-password.js';
export { VerifyEmail } from './verify-email.js';
export type { VerifyEmailProps } from './verify-email.js';
export { EmailVerificationBanner, useEmailVerification } from './email-verification-banner.js';
export type {
  EmailVerificationBannerProps,
  UseEmailVerificationResult,
} from './email-verification-banner.js';
export {
  useMagicLink,
  useForgotPassword,
  useResetPassword,
  useVerifyEmail,
} from './use-email-flows.js';
export type {
  MagicLinkStep,
  UseMagicLinkResult,
  UseForgotPasswordResult,
  ResetPasswordState,
  UseResetPasswordResult,
  VerifyEmailState,
  UseVerifyEmailResult,
} from './use-email-flows.js';
export type { RedirectOptions } from './account-kit.js';
export type {
  MfaChallenge,
  MfaStatus,
  Passkey,
  RecoveryCodes as RecoveryCodesPayload,
  SecondFactorMethod,
  SecondFactorProof,
  StepUpProof,
  TotpEnrolment,
} from '@catalyst/authkit';
export { isMfaChallenge } from '@catalyst/authkit';
export { UserProfile } from './user-profile.js';
export type { UserProfileProps, UserProfileSection } from './user-profile.js';
export { UserProfileForm } from './user-profile-form.js';
export type {
  UserProfileFormProps,
  UserProfileFieldName,
  ProfileFieldDescription,
} from './user-profile-form.js';
export { useProfile, useAvatarUpload } from './use-profile.js';
export type { UseProfileResult, UseAvatarUploadOptions } from './use-profile.js';
export { AvatarUploader } from './avatar-uploader.js';
export type { AvatarUploaderProps } from './avatar-uploader.js';
export { LogoUploader } from './logo-uploader.js';
export type { LogoUploaderProps, LogoUploaderOptions } from './logo-uploader.js';
export type {
  ImageUploader,
  ImageUploaderCallbacks,
  ImageUploaderProps,
} from './image-uploader.js';
export { useOrgLogoUpload } from './use-org-logo.js';
export type { UseOrgLogoUploadOptions } from './use-org-logo.js';
export type { UseImageUploadResult } from './use-image-upload.js';
export { ChangePassword, useChangePassword } from './change-password.js';
export type {
  ChangePasswordProps,
  ChangePasswordField,
  UseChangePasswordResult,
} from './change-password.js';
export { UserButton } from './user-button.js';
export type { UserButtonProps } from './user-button.js';
export { useUserButton } from './use-user-button.js';
export type { UseUserButtonResult, Impersonator } from './use-user-button.js';
export type { UserProfileWords, ImageUploadWords, UserButtonWords } from './profile-words.js';
export type { Profile, ProfilePatch } from '@catalyst/authkit';
