import type { Profile, ProfilePatch } from '../domain/profile.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';
import type { ProfileService } from './profile-service.js';
import type { RequestContext } from './request-context.js';

/**
 * `/admin/users/{userId}/profile` and `/avatar`: the profile service with the platform role checked
 * first. The same validation as `/me/profile` applies; the audit event names the admin as actor.
 */
export class AdminProfileService {
  constructor(
    private readonly rolesOf: PlatformRolesOf,
    private readonly profiles: ProfileService,
  ) {}

  async get(actorId: string, userId: string): Promise<Profile> {
    await requirePlatform(this.rolesOf, actorId, 'read');
    return this.profiles.get(userId);
  }

  async update(
    actorId: string,
    userId: string,
    patch: ProfilePatch,
    context: RequestContext,
  ): Promise<Profile> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    return this.profiles.update(actorId, userId, patch, context);
  }

  /** `bytes` is read only after the role check, so a refused caller never uploads anything. */
  async setAvatar(
    actorId: string,
    userId: string,
    bytes: () => Promise<Uint8Array>,
    context: RequestContext,
  ): Promise<Profile> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    return this.profiles.setAvatar(actorId, userId, await bytes(), context);
  }

  async removeAvatar(actorId: string, userId: string, context: RequestContext): Promise<void> {
    await requirePlatform(this.rolesOf, actorId, 'write');
    await this.profiles.removeAvatar(actorId, userId, context);
  }
}
