/** Browser-safe entry: the client, its session store, and the shared types. */
export { createAuthClient } from './client/create-auth-client.js';
export { createAdminClient } from './client/admin-client.js';
// The views under their own names too, so types inferred from them stay nameable downstream.
export type { AdminUserView } from './services/admin-user-views.js';
export type {
  AdminBulkAction,
  AdminBulkInput,
  AdminClient,
  AdminOrg,
  AdminOrgsClient,
  AdminUser,
  AdminUserDetail,
  AdminUserQuery,
  AdminUserSort,
  AdminUsersClient,
} from './client/admin-client.js';
export type {
  AuthClient,
  AuthClientOptions,
  ClientError,
  OrgInput,
  OrgRole,
  OrgsClient,
  Result,
} from './client/create-auth-client.js';
export type { MembershipsClient } from './client/create-auth-client.js';
export type {
  ApiKey,
  ExchangedToken,
  IssuedApiKey,
  IssueKeyInput,
  KeyListOptions,
  KeysClient,
  OwnedKeysClient,
  ScopeOption,
} from './client/keys-client.js';
export type { ApiKeyStatus, RefillInterval } from './domain/api-keys.js';
export type {
  DeliveryListOptions,
  Webhook,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpointsClient,
  WebhooksClient,
  WebhookWithSecret,
} from './client/webhooks-client.js';
export type {
  AttemptView,
  DeliveryStatus,
  DeliveryView,
  WebhookEventType,
  WebhookInput,
  WebhookView,
} from './domain/webhooks.js';
export type {
  AdminAuditFilters,
  AuditClient,
  AuditEvent,
  AuditExportFormat,
  AuditFilters,
  AuditLogClient,
} from './client/audit-client.js';
export type {
  AccountSecurityClients,
  EmailFlowsClient,
  MagicLinkClient,
  MfaClient,
  PasskeysClient,
  PasswordClient,
  WebAuthnOptionsJSON,
} from './client/account-client.js';
export type {
  MfaChallenge,
  MfaStatus,
  Passkey,
  RecoveryCodes,
  SecondFactorMethod,
  SecondFactorProof,
  StepUpProof,
  TotpEnrolment,
} from './domain/account-security.js';
export { isMfaChallenge } from './domain/account-security.js';
// Browser-safe: the event catalogue and filter rules, for event pickers.
export { WEBHOOK_EVENT_TYPES, filterMatches, isEventFilter } from './domain/webhooks.js';
export type {
  DomainsClient,
  EntitlementsClient,
  GroupsClient,
  InvitationsClient,
  LabelsClient,
  MeClient,
  MembershipRequestsClient,
  Page,
  RolesClient,
} from './client/tenancy-client.js';
export type { Member, MyOrg, Org, OrgProfile, OrgStatus } from './domain/org.js';
export { createProfileClient } from './client/profile-client.js';
export type { ProfileClient } from './client/profile-client.js';
export { createWorkloadClient } from './client/workload-client.js';
export { createSsoClient } from './client/sso-client.js';
export { createDirectoryClient } from './client/directory-client.js';
export type {
  DirectoryClient,
  DirectoryConnection,
  DirectoryConnectionInput,
  DirectorySkipReason,
  DirectorySyncRun,
  DirectorySyncStats,
} from './client/directory-client.js';
export type {
  SsoClient,
  SsoProvider,
  SsoRoute,
  IdentityView,
  OrgSsoClient,
  OrgSsoConnection,
  ClaimMapping,
  ClaimRule,
  ClaimRuleInput,
  MappingPreview,
  SsoConnectionInput,
} from './client/sso-client.js';
export type {
  WorkloadPoliciesClient,
  WorkloadPolicy,
  WorkloadPolicyChange,
  WorkloadPolicyInput,
} from './client/workload-client.js';
export { GITHUB_ACTIONS_ISSUER } from './domain/workload-trust.js';
export type { Profile, ProfilePatch } from './domain/profile.js';
export type * from './domain/tenancy.js';
export type { EffectiveIdentity } from './domain/effective-identity.js';
export type { Entitlements } from './domain/entitlements.js';
export { createSessionStore } from './client/session-store.js';
export type { SessionSnapshot, SessionStore } from './client/session-store.js';
export { AuthkitError, isAuthkitError } from './domain/errors.js';
// Browser-safe: the permission vocabulary, for role editors.
export { KNOWN_PERMISSIONS, grants } from './domain/permissions.js';
export { safeRedirect } from './domain/redirect-target.js';
export type { AuthkitErrorCode } from './domain/errors.js';
export type {
  AccessTokenClaims,
  Session,
  ActiveOrg,
  SessionPayload,
  SignedOutPayload,
  SigningAlgorithm,
  TokenResponse,
  User,
} from './domain/types.js';
// Requirements checked locally against the token's claims (`<Gate>`); rule files live server-side.
export {
  checkRequirement,
  subjectFromClaims,
  subjectFromSession,
} from './domain/policy-requirement.js';
export type {
  DenyReason,
  DenyReasonCode,
  PolicyClaims,
  PolicySubject,
  Requirement,
  RequirementResult,
} from './domain/policy-requirement.js';
export type { PolicyDecision, PolicyReason, PolicyRule } from './domain/policy.js';
