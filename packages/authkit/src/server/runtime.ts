import { AdminUserService } from '../services/admin-users.js';
import { AdminOrgService } from '../services/admin-orgs.js';
import { AdminProfileService } from '../services/admin-profiles.js';
import { Impersonation } from '../services/impersonation.js';
import { createMemoryCache } from '../adapters/cache/memory-cache.js';
import { createArgon2Hasher } from '../adapters/idp/argon2-hasher.js';
import { createLocalPasswordIdp } from '../adapters/idp/local-password-idp.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
import { openStore } from '../adapters/store/open-store.js';
import { createNodeDnsResolver } from '../adapters/dns/node-dns-resolver.js';
import { createDevMailbox, type DevMailbox } from '../adapters/email/dev-mailbox.js';
import { createSmtpEmail } from '../adapters/email/smtp-email.js';
import { createLocalPolicyEngine } from '../adapters/policy/local-policy-engine.js';
import type { PolicyRule } from '../domain/policy.js';
import type { EmailPort } from '../ports/email.js';
import type { PolicyEnginePort } from '../ports/policy.js';
import { DomainService } from '../services/domain-service.js';
import { GroupService } from '../services/group-service.js';
import { IdentityService } from '../services/identity-service.js';
import { InvitationMailer } from '../services/invitation-mailer.js';
import { InvitationService } from '../services/invitation-service.js';
import { LabelService } from '../services/label-service.js';
import { OrgMutations } from '../services/org-mutations.js';
import { RoleService } from '../services/role-service.js';
import type { CachePort } from '../ports/cache.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { AuthService } from '../services/auth-service.js';
import { DeviceTrust } from '../services/device-trust.js';
import { MemberService } from '../services/member-service.js';
import { OrgService } from '../services/org-service.js';
import { SessionService } from '../services/session-service.js';
import { KeyRing } from '../tokens/key-ring.js';
import { KeyExchange } from '../services/key-exchange.js';
import { WorkloadExchange } from '../services/workload-exchange.js';
import { WorkloadKeys } from '../services/workload-keys.js';
import { WorkloadPolicyService } from '../services/workload-policy-service.js';
import { ScopeCatalog, type ScopeSetting } from '../services/key-scopes.js';
import { KeyService } from '../services/key-service.js';
import { RevocationList } from '../services/revocation-list.js';
import { createSecretBox } from '../tokens/secret-box.js';
import { deriveDecisionKey } from '../tokens/decision-key.js';
import { deriveAuditKey } from '../domain/audit-chain.js';
import type { AuthkitAdapters, ResolvedSettings } from './config.js';
import { Metrics } from '../observability/metrics.js';
import { rootLogger } from '../observability/logger.js';
import { loadDevSecret } from './dev-secret.js';
import { compileProxyTrust } from './client-address.js';
import { createWebhookSender } from '../adapters/http/webhook-sender.js';
import { WebhookService } from '../services/webhook-service.js';
import { nodeHostLookup } from '../services/webhook-target.js';
import { WebhookWorker } from '../services/webhook-worker.js';
import { housekeeping } from '../services/housekeeping.js';
import type { PasswordIdpPort } from '../ports/idp.js';
import { createAccountServices, type AccountServices } from './account-runtime.js';
import { createSsoServices } from './sso-runtime.js';
import { createPinnedFetch } from '../adapters/http/pinned-fetch.js';
import { createDirectoryServices } from './directory-runtime.js';
import type { DirectoryConnectionService } from '../services/directory-connection-service.js';
import type { DirectorySync } from '../services/directory-sync.js';
import type { SsoConnectionService } from '../services/sso-connection-service.js';
import type { SsoService } from '../services/sso-service.js';
import { createProfileServices, type ProfileServices } from './profile-runtime.js';

/** Everything a request needs, built once on first use. */
export interface Runtime {
  settings: ResolvedSettings;
  issuer: string;
  store: StorePort;
  cache: CachePort;
  clock: Clock;
  signing: KeyRing;
  sessions: SessionService;
  auth: AuthService;
  orgs: OrgService;
  members: MemberService;
  identity: IdentityService;
  groups: GroupService;
  roles: RoleService;
  invitations: InvitationService;
  domains: DomainService;
  labels: LabelService;
  policies: PolicyEnginePort;
  keys: KeyService;
  exchange: KeyExchange;
  /** Workload identity: trust policies and the JWT → access token exchange (issue 13). */
  workload: { exchange: WorkloadExchange; policies: WorkloadPolicyService };
  revocations: RevocationList;
  /** HMAC key for forward-auth decision cookies, derived from the root secret. */
  decisionKey: CryptoKey;
  /** The in-memory mailbox, when mail is not sent over SMTP (development). */
  mailbox: DevMailbox | undefined;
  webhooks: WebhookService;
  /** Delivers webhooks: `catalyst serve` runs its loop, the Next handler calls it after requests. */
  worker: WebhookWorker;
  /** Prometheus metrics (DESIGN §6), served at `/metrics`; the store reports into them. */
  metrics: Metrics;
  idp: PasswordIdpPort;
  /** Recovery, email flows and second factors (issue 11). */
  account: AccountServices;
  /** Profiles, avatars, org logos and the storage behind them (issue 12). */
  profiles: ProfileServices;
  /** Sign-in through upstream OpenID providers and the identities it links (issue 13). */
  sso: SsoService;
  /** Orgs' own OpenID providers (`/orgs/{orgId}/sso`). */
  ssoConnections: SsoConnectionService;
  /** Orgs' directories (`/orgs/{orgId}/directory`) and their sync. */
  directory: { connections: DirectoryConnectionService; sync: DirectorySync };
  /** `/admin/users` and impersonation. */
  admin: {
    users: AdminUserService;
    orgs: AdminOrgService;
    profiles: AdminProfileService;
    impersonation: Impersonation;
  };
}

const logError = ({ msg, ...fields }: { msg: string; error: string }) =>
  rootLogger().error(fields, msg);

/** SMTP when configured; otherwise the dev mailbox, or in production a sender that refuses. */
function chooseEmail(
  settings: ResolvedSettings,
  adapters: AuthkitAdapters,
): { email: EmailPort; mailbox: DevMailbox | undefined } {
  if (adapters.email && 'send' in adapters.email)
    return { email: adapters.email, mailbox: undefined };
  if (settings.smtpUrl) {
    return {
      email: createSmtpEmail({ url: settings.smtpUrl, from: settings.emailFrom }),
      mailbox: undefined,
    };
  }
  if (settings.production) {
    const email: EmailPort = {
      send: () => Promise.reject(new Error('no SMTP server configured (CATALYST_SMTP_URL)')),
    };
    return { email, mailbox: undefined };
  }
  const base = settings.baseUrl ?? 'http://localhost:3000';
  const mailbox = createDevMailbox({
    linkBase: new URL(settings.basePath, base).toString(),
  });
  return { email: mailbox, mailbox };
}

/** Names a worker's claims: host, process and a random suffix (two runtimes in one process). */
function workerId(): string {
  const host = globalThis.process?.env?.HOSTNAME ?? 'host';
  return `${host}:${globalThis.process?.pid ?? 0}:${crypto.randomUUID().slice(0, 8)}`;
}

/** A device cookie vouches for its browser for a year after its last sign-in. */
const DEVICE_COOKIE_SECONDS = 365 * 24 * 3600;

/** JWKS Cache-Control: max-age=300 plus stale-while-revalidate=60 (DESIGN §3). */
export const JWKS_CACHE_SECONDS = 360;

export function issuerFor(settings: ResolvedSettings): string {
  if (settings.issuer) return settings.issuer;
  const base = settings.baseUrl ?? 'http://localhost:3000';
  return new URL(settings.basePath, base).toString();
}

export async function createRuntime(
  settings: ResolvedSettings,
  adapters: AuthkitAdapters,
): Promise<Runtime> {
  const clock = adapters.clock ?? systemClock;
  const cache = adapters.cache ?? createMemoryCache();
  const secret = settings.secret ?? (await loadDevSecret(settings.dataDir));
  const metrics = new Metrics();
  const store =
    adapters.store ??
    (await openStore({
      databaseUrl: settings.databaseUrl,
      dataDir: settings.dataDir,
      // RLS is a PostgreSQL deployment feature; PGlite stays as it is.
      rowLevelSecurity: settings.databaseUrl ? settings.rowLevelSecurity : undefined,
      observer: metrics,
      auditKey: await deriveAuditKey(secret),
    }));
  const issuer = issuerFor(settings);
  const signing = new KeyRing(store, await createSecretBox(secret, 'signing-keys'), clock, {
    alg: settings.signingAlg,
    jwksCacheSeconds: JWKS_CACHE_SECONDS,
    maxTokenLifetimeSeconds: settings.accessTokenTtlSeconds,
  });
  await signing.ensureKey();
  const sessions = new SessionService(store, cache, signing, clock, {
    issuer,
    audience: settings.audience,
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
    sessionTtlSeconds: settings.sessionTtlSeconds,
    refreshGraceSeconds: settings.refreshGraceSeconds,
    recordCacheSeconds: settings.sessionCacheSeconds,
  });
  const rateLimiter = adapters.rateLimiter ?? createMemoryRateLimiter;
  const idp = createLocalPasswordIdp({
    store,
    hasher: adapters.passwordHasher ?? createArgon2Hasher(),
    minPasswordLength: settings.passwordMinLength,
    now: () => clock.now(),
  });
  const devices = settings.deviceCookies
    ? new DeviceTrust(await DeviceTrust.deriveKey(secret), clock, DEVICE_COOKIE_SECONDS)
    : undefined;
  const { email, mailbox } = chooseEmail(settings, adapters);
  const templates =
    adapters.email && !('send' in adapters.email) ? adapters.email.templates : undefined;
  const account = await createAccountServices({
    settings,
    store,
    clock,
    secret,
    sessions,
    idp,
    email,
    rateLimiter,
    templates,
    log: logError,
  });
  const auth = new AuthService({
    store,
    idp,
    sessions,
    clock,
    devices,
    secondFactor: account.secondFactor,
    emailFlows: account.emailFlows,
    emailVerification: settings.emailVerification,
    limiters: {
      perIp: rateLimiter('sign-in:ip', settings.rateLimits.signInPerIp),
      perEmail: rateLimiter('sign-in:email', settings.rateLimits.signInPerEmail),
      signUpPerIp: rateLimiter('sign-up:ip', settings.rateLimits.signUpPerIp),
      changePasswordPerUser: rateLimiter(
        'change-password:user',
        settings.rateLimits.changePasswordPerUser,
      ),
    },
  });
  sessions.refreshLimiter = rateLimiter('refresh:family', settings.rateLimits.refreshPerFamily);
  const identity = new IdentityService(store, cache, {
    plans: settings.plans,
    cacheSeconds: settings.identityCacheSeconds,
  });
  sessions.orgClaims = (userId, orgId, tx) => identity.claims(userId, orgId, tx);
  const mutations = new OrgMutations(store, clock, identity, settings.plans);
  const orgs = new OrgService(store, clock, { maxOrgsPerUser: settings.maxOrgsPerUser }, identity);
  const mailer = new InvitationMailer(store, email, {
    baseUrl: settings.baseUrl ?? 'http://localhost:3000',
    invitationPath: settings.invitationPath,
    templates,
    log: logError,
  });
  // Long enough for every token a revoked id may have: sessions', keys' and workloads'.
  const revocations = new RevocationList(
    store,
    clock,
    Math.max(settings.accessTokenTtlSeconds, settings.workloadTokenTtlSeconds) + 60,
  );
  const exchange = new KeyExchange(
    store,
    cache,
    (keyId) => sessions.isRevoked(keyId),
    clock,
    () => sessions.signingKey(),
    rateLimiter,
    {
      cacheSeconds: settings.sessionCacheSeconds,
      issuer,
      audience: settings.audience,
      audiences: settings.keyAudiences,
      ttlSeconds: settings.accessTokenTtlSeconds,
      perKey: settings.rateLimits.exchangePerKey,
    },
  );
  const scopeCatalog = new ScopeCatalog(settings.scopes as ScopeSetting[]);
  const keys = new KeyService(store, clock, mutations, identity, scopeCatalog, {
    env: settings.apiKeyEnv ?? (settings.production ? 'live' : 'test'),
    maxKeysPerOwner: settings.maxKeysPerOwner,
    onRevoked: async (keyId) => {
      await sessions.markRevoked(keyId);
      revocations.invalidate();
    },
    onChanged: (hashes) => exchange.forget(hashes),
    pendingLastUsed: (keyId) => exchange.pendingLastUsed(keyId),
  });
  const directory = await createDirectoryServices(settings, mutations, secret, metrics);
  const webhookBox = await createSecretBox(secret, 'webhook-secrets');
  const allowedTargets = compileProxyTrust(settings.webhookAllowedNetworks);
  const worker = new WebhookWorker(
    store,
    clock,
    webhookBox,
    createWebhookSender({
      allowed: allowedTargets,
      timeoutMs: settings.webhookTimeoutSeconds * 1000,
    }),
    {
      id: workerId(),
      leaseMs: settings.webhookLeaseSeconds * 1000,
      ...(settings.webhookRetrySchedule ? { schedule: settings.webhookRetrySchedule } : {}),
      metrics,
      housekeeping: async () => {
        await housekeeping(store, clock, settings);
        // Scheduled directory syncs ride the same beat (a run failing is recorded on its row).
        await directory.sync.runDue();
      },
      log: logError,
    },
  );
  const webhooks = new WebhookService(store, clock, mutations, webhookBox, {
    allowed: allowedTargets,
    lookup: nodeHostLookup,
    maxPerOwner: settings.maxWebhooksPerOwner,
    overlapSeconds: settings.webhookSecretOverlapSeconds,
    rolesOf: (id) => sessions.platformRoles(id),
    onQueued: () => worker.nudge(),
  });
  const profiles = createProfileServices({
    settings,
    store,
    clock,
    storage: adapters.storage,
    sessions,
    identity,
    rateLimiter,
  });
  const workloadNetworks = compileProxyTrust(settings.workloadAllowedNetworks);
  const sso = await createSsoServices(
    settings,
    mutations,
    secret,
    rateLimiter('sso-start:ip', settings.rateLimits.ssoStartsPerIp),
    // A typed address is looked up once per domain: the starts' budget suits it too.
    rateLimiter('sso-route:ip', settings.rateLimits.ssoStartsPerIp),
    (ids) => sessions.forgetRevoked(ids),
  );
  return {
    decisionKey: await deriveDecisionKey(secret),
    settings,
    issuer,
    store,
    cache,
    clock,
    signing,
    keys,
    exchange,
    workload: {
      exchange: new WorkloadExchange(
        store,
        clock,
        new WorkloadKeys({
          allowed: workloadNetworks,
          lookup: nodeHostLookup,
          timeoutMs: 5000,
          fetch: createPinnedFetch({
            allowed: workloadNetworks,
            lookup: nodeHostLookup,
            setting: 'CATALYST_WORKLOAD_ALLOWED_NETWORKS',
          }),
        }),
        () => sessions.signingKey(),
        rateLimiter,
        {
          issuer,
          audience: settings.audience,
          audiences: settings.keyAudiences,
          trustedIssuers: settings.workloadIssuers,
          ttlSeconds: settings.workloadTokenTtlSeconds,
          perPolicy: settings.rateLimits.exchangePerWorkloadPolicy,
        },
      ),
      policies: new WorkloadPolicyService(mutations, identity, scopeCatalog, {
        trustedIssuers: settings.workloadIssuers,
        maxPerOrg: settings.maxWorkloadPoliciesPerOrg,
        onRevoked: async (policyId) => {
          await sessions.markRevoked(policyId);
          revocations.invalidate();
        },
      }),
    },
    revocations,
    sessions,
    auth,
    orgs,
    members: new MemberService(mutations),
    identity,
    groups: new GroupService(mutations),
    roles: new RoleService(mutations),
    invitations: new InvitationService(mutations, mailer, {
      ttlSeconds: settings.invitationTtlSeconds,
      perSender: rateLimiter('invitations:sender', settings.rateLimits.invitationsPerUser),
    }),
    domains: new DomainService(mutations, adapters.dnsResolver ?? createNodeDnsResolver(), (ids) =>
      sessions.forgetRevoked(ids),
    ),
    labels: new LabelService(mutations, settings.plans),
    policies: createLocalPolicyEngine(settings.policies as PolicyRule[]),
    mailbox,
    webhooks,
    worker,
    metrics,
    idp,
    account,
    profiles,
    sso: sso.sso,
    ssoConnections: sso.connections,
    directory,
    admin: {
      profiles: new AdminProfileService((id) => sessions.platformRoles(id), profiles.profiles),
      users: new AdminUserService({
        store,
        clock,
        sessions,
        identity,
        emailFlows: account.emailFlows,
        discardFile: (fileId) => profiles.profiles.discard(fileId),
        onAccessChanged: async (userId) => {
          const owned = await store.apiKeys.forUser(userId).list({ limit: 1000, status: 'active' });
          for (const key of owned) await exchange.forget(key);
        },
      }),
      orgs: new AdminOrgService(store, (id) => sessions.platformRoles(id)),
      impersonation: new Impersonation(store, clock, sessions, {
        ttlSeconds: settings.impersonationTtlSeconds,
        allowImpersonatingAdmins: settings.allowImpersonatingAdmins,
      }),
    },
  };
}
