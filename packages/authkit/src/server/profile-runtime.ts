import { createDatabaseStorage } from '../adapters/storage/database-storage.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterFactory } from '../ports/rate-limit.js';
import type { StoragePort } from '../ports/storage.js';
import type { StorePort } from '../ports/store.js';
import type { IdentityService } from '../services/identity-service.js';
import { OrgLogoService } from '../services/org-logo.js';
import { compileProfileFields } from '../services/profile-fields.js';
import { ProfileService } from '../services/profile-service.js';
import type { SessionService } from '../services/session-service.js';
import type { ResolvedSettings } from './config.js';

export interface ProfileServices {
  profiles: ProfileService;
  orgLogos: OrgLogoService;
  /** Where avatars and logos live: the app's `storage`, else the auth database. */
  storage: StoragePort;
}

/** Builds the profile and upload services (issue 12) for the runtime. */
export function createProfileServices(deps: {
  settings: ResolvedSettings;
  store: StorePort;
  clock: Clock;
  storage: StoragePort | undefined;
  sessions: SessionService;
  identity: IdentityService;
  rateLimiter: RateLimiterFactory;
}): ProfileServices {
  const { settings, store, clock } = deps;
  const storage = deps.storage ?? createDatabaseStorage(store.files);
  const { uploads } = settings;
  // Links the server builds use the public base URL (DESIGN §3), as the issuer does.
  const filesBase = new URL(
    `${settings.basePath}/files/`,
    settings.baseUrl ?? 'http://localhost:3000',
  ).toString();
  const profiles = new ProfileService(store, clock, storage, (id) => deps.sessions.forgetUser(id), {
    fields: compileProfileFields(settings.profileFields),
    avatarLimits: { maxBytes: uploads.avatarMaxBytes, maxDimension: uploads.maxDimension },
    filesBase,
    uploadsPerUser: deps.rateLimiter('uploads:user', settings.rateLimits.uploadsPerUser),
  });
  const orgLogos = new OrgLogoService(store, clock, storage, profiles, deps.identity, {
    maxBytes: uploads.logoMaxBytes,
    maxDimension: uploads.maxDimension,
  });
  return { profiles, orgLogos, storage };
}
