export { authHandlers } from './auth';
export { signInHandlers, signUpHandlers } from './credentials';
export { sessionHandlers } from './sessions';
export { orgHandlers, activeOrgHandlers, meHandlers, orgSwitcherWorld } from './orgs';
export { memberHandlers } from './members';
export { groupHandlers } from './groups';
export { roleHandlers } from './roles';
export { invitationHandlers } from './invitations';
export * from './api';
export { keyHandlers } from './keys';
export { webhookHandlers } from './webhooks';
export { auditHandlers } from './audit';
export { adminHandlers, adminSession } from './admin';
export {
  mfaSignInHandlers,
  pendingSignInHandlers,
  secondFactorHandlers,
  stepUpHandlers,
  totpHandlers,
  recoveryCodeHandlers,
  passkeyHandlers,
} from './account-security';
export { magicLinkHandlers, passwordResetHandlers, emailVerificationHandlers } from './email-flows';
export { profileHandlers, logoHandlers, impersonationWorld } from './profile';
export { domainHandlers } from './domains';
export { planHandlers } from './org-plan';
export { orgAdminHandlers } from './org-admin';
export { ssoHandlers, identityHandlers } from './sso';
export { ssoSettingsHandlers, acmeConnection, acmeMapping } from './sso-settings';
export {
  directoryHandlers,
  acmeDirectory,
  acmeKeycloak,
  failedDirectory,
  directoryStats,
} from './directory';
