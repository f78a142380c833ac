import { createMemoryCache } from '../adapters/cache/memory-cache.js';
import { createArgon2Hasher } from '../adapters/idp/argon2-hasher.js';
import { createLocalPasswordIdp } from '../adapters/idp/local-password-idp.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
import { openStore } from '../adapters/store/open-store.js';
import type { CachePort } from '../ports/cache.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { AuthService } from '../services/auth-service.js';
import { DeviceTrust } from '../services/device-trust.js';
import { MemberService } from '../services/member-service.js';
import { OrgService } from '../services/org-service.js';
import { SessionService } from '../services/session-service.js';
import { KeyRing } from '../tokens/key-ring.js';
import { createSecretBox } from '../tokens/secret-box.js';
import type { AuthkitAdapters, ResolvedSettings } from './config.js';
import { loadDevSecret } from './dev-secret.js';

/** Everything a request needs, built once on first use. */
export interface Runtime {
  settings: ResolvedSettings;
  issuer: string;
  store: StorePort;
  cache: CachePort;
  clock: Clock;
  keys: KeyRing;
  sessions: SessionService;
  auth: AuthService;
  orgs: OrgService;
  members: MemberService;
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
  const store =
    adapters.store ??
    (await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir }));
  const issuer = issuerFor(settings);
  const keys = new KeyRing(store, await createSecretBox(secret, 'signing-keys'), clock, {
    alg: settings.signingAlg,
    jwksCacheSeconds: JWKS_CACHE_SECONDS,
    maxTokenLifetimeSeconds: settings.accessTokenTtlSeconds,
  });
  await keys.ensureKey();
  const sessions = new SessionService(store, cache, keys, clock, {
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
  const auth = new AuthService({
    store,
    idp,
    sessions,
    clock,
    devices,
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
  const orgs = new OrgService(store, clock, { maxOrgsPerUser: settings.maxOrgsPerUser });
  const members = new MemberService(store, clock);
  return { settings, issuer, store, cache, clock, keys, sessions, auth, orgs, members };
}
