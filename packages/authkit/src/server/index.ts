/** Node server entry: the handler, config, adapters and the store. */
export { createAuthkit } from './create-authkit.js';
export type { Authkit, AuthkitApi } from './create-authkit.js';
export { resolveSettings, settingsFromEnv, settingsSchema } from './config.js';
export type {
  AuthkitAdapters,
  AuthkitConfig,
  AuthkitSettings,
  ResolvedSettings,
} from './config.js';
export type { ConnectionInfo } from './request-info.js';
export type { ProblemDetails } from './problem.js';
export { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.js';
export { openStore } from '../adapters/store/open-store.js';
export type { OpenStoreOptions } from '../adapters/store/open-store.js';
export { runMigrations, MIGRATIONS } from '../adapters/store/migrations.js';
export { createMemoryCache } from '../adapters/cache/memory-cache.js';
export { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
export { createArgon2Hasher } from '../adapters/idp/argon2-hasher.js';
export { createDatabaseStorage } from '../adapters/storage/database-storage.js';
export { deriveAuditKey, findBrokenAuditLink, verifyAuditChain } from '../domain/audit-chain.js';
export type { AuditChainBreak, AuditChainReport, AuditTamper } from '../domain/audit-chain.js';
export { pruneAuditLog } from '../services/audit-service.js';
export { createLogger } from '../observability/logger.js';
export { Metrics } from '../observability/metrics.js';
export { withSpan } from '../observability/tracing.js';
export type { RotationResult } from '../tokens/key-ring.js';
export * from '../domain/index.js';
export type * from '../ports/index.js';
export { systemClock } from '../ports/clock.js';
export {
  compilePolicy,
  evaluatePolicy,
  parsePolicyRules,
  policyRulesSchema,
  subjectFromIdentity,
} from '../domain/policy.js';
export type { PolicyInput, PolicyResource, PolicyReason } from '../domain/policy.js';
export { createLocalPolicyEngine } from '../adapters/policy/local-policy-engine.js';
export { createSmtpEmail } from '../adapters/email/smtp-email.js';
export type { SmtpEmail, SmtpEmailOptions } from '../adapters/email/smtp-email.js';
export { createDevMailbox } from '../adapters/email/dev-mailbox.js';
export type { DevMailbox, MailboxEntry } from '../adapters/email/dev-mailbox.js';
export {
  defaultEmailTemplates,
  escapeHtml,
  html,
  renderEmail,
} from '../adapters/email/templates.js';
export type {
  EmailTemplates,
  EmailKind,
  InvitationEmailData,
  LinkEmailData,
  RenderedEmail,
} from '../adapters/email/templates.js';
export { createNodeDnsResolver } from '../adapters/dns/node-dns-resolver.js';
// Forward-auth on Node without Web objects, and the proxy snippets (DESIGN §5).
export { forwardAuthListener } from './forward-auth-node.js';
export { forwardAuth, traefikSnippet, caddySnippet, nginxSnippet } from '../snippets/index.js';
