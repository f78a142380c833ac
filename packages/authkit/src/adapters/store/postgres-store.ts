import { sql } from 'drizzle-orm';
import type { StorePort } from '../../ports/store.js';
import { createApiKeyRepository } from './api-key-repository.js';
import { createAccountRepository } from './account-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { createOrgRepository } from './org-repository.js';
import { createOutboxRepository } from './outbox-repository.js';
import { createTenancyLookups } from './tenancy-lookups.js';
import type { Db } from './db.js';
import { createRefreshTokenRepository } from './refresh-token-repository.js';
import { createSessionRepository } from './session-repository.js';
import { createTokenRevocationRepository } from './token-revocation-repository.js';
import { createSigningKeyRepository } from './signing-key-repository.js';
import { createUserRepository } from './user-repository.js';
import { createAdminUserRepository } from './admin-user-repository.js';
import { createWorkloadPolicyLookups } from './workload-repository.js';
import { createSsoConnectionLookups } from './sso-connection-repository.js';
import { createDirectoryConnectionLookups } from './directory-connection-repository.js';
import { createUserIdentityRepository } from './identity-repository.js';
import { createAdminOrgRepository } from './admin-org-repository.js';
import { createWebhookRepository } from './webhook-repository.js';
import { createFileRepository } from './file-repository.js';
import { createProfileRepository } from './profile-repository.js';
import { timeTransaction, type StoreObserver } from '../../observability/store-instrumentation.js';

/** Hashes a lock name to the int4 key Postgres advisory locks take. */
const lockKey = (name: string) => sql`hashtext(${`catalyst:${name}`})`;

/** Builds the StorePort over a Drizzle handle; the same code serves PGlite and node-postgres. */
export function createDrizzleStore(
  db: Db,
  driver: StorePort['driver'],
  close: () => Promise<void>,
  options: {
    rowLevelSecurity?: boolean;
    observer?: StoreObserver | undefined;
    /** HMAC key of the audit chains (`deriveAuditKey`); absent: the public fallback key. */
    auditKey?: CryptoKey | undefined;
  } = {},
): StorePort {
  const rls = options.rowLevelSecurity ?? false;
  // Savepoints inside a transaction are part of it, not transactions of their own.
  const nested = (tx: Db) =>
    createDrizzleStore(tx, driver, close, { ...options, observer: undefined });
  const timed = <T>(run: () => Promise<T>) => timeTransaction(options.observer, run);
  const store: StorePort = {
    driver,
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    tokenRevocations: createTokenRevocationRepository(db),
    refreshTokens: createRefreshTokenRepository(db),
    signingKeys: createSigningKeyRepository(db),
    audit: createAuditRepository(db, options.auditKey),
    orgs: createOrgRepository(db, rls),
    tenancy: createTenancyLookups(db),
    outbox: createOutboxRepository(db),
    apiKeys: createApiKeyRepository(db),
    webhooks: createWebhookRepository(db),
    account: createAccountRepository(db),
    adminUsers: createAdminUserRepository(db),
    adminOrgs: createAdminOrgRepository(db),
    profiles: createProfileRepository(db),
    files: createFileRepository(db),
    workloadPolicies: createWorkloadPolicyLookups(db),
    identities: createUserIdentityRepository(db),
    ssoConnections: createSsoConnectionLookups(db),
    directoryConnections: createDirectoryConnectionLookups(db),
    transaction: (fn) => timed(() => db.transaction((tx) => fn(nested(tx as Db)))),
    withLock: (name, fn) =>
      timed(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(name)})`);
          return fn(nested(tx as Db));
        }),
      ),
    async ping() {
      await db.execute(sql`select 1`);
    },
    close,
  };
  return store;
}
