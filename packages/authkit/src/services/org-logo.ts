import { AuthkitError } from '../domain/errors.js';
import type { MyOrg } from '../domain/org.js';
import type { Clock } from '../ports/clock.js';
import type { StoragePort } from '../ports/storage.js';
import type { StorePort } from '../ports/store.js';
import type { IdentityService } from './identity-service.js';
import { cleanImage, type ImageLimits } from './image-upload.js';
import { orgAccess, orgAudit, requirePermission } from './org-access.js';
import { toOrg } from './org-service.js';
import type { ProfileService } from './profile-service.js';
import type { RequestContext } from './request-context.js';

/**
 * An org's logo: an uploaded image whose served URL becomes `profile.logoUrl`. Needs
 * `org:update`; a non-member gets 404, as every org route answers.
 */
export class OrgLogoService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly storage: StoragePort,
    private readonly profiles: ProfileService,
    private readonly identity: IdentityService,
    private readonly limits: ImageLimits,
  ) {}

  async set(
    actorId: string,
    orgId: string,
    /** The bytes, or how to read them once the caller may write (a request body). */
    bytes: Uint8Array | (() => Promise<Uint8Array>),
    context: RequestContext,
  ): Promise<MyOrg> {
    // Permission first: an outsider learns nothing from how their upload would have fared.
    const { permissions } = await orgAccess(this.store.orgs.scoped(orgId), actorId);
    requirePermission(permissions, 'org:update');
    await this.profiles.limitUploads(actorId);
    const input = typeof bytes === 'function' ? await bytes() : bytes;
    const image = await cleanImage(input, this.limits);
    const file = await this.storage.put({
      ownerType: 'org',
      ownerId: orgId,
      purpose: 'logo',
      contentType: image.contentType,
      bytes: image.bytes,
    });
    try {
      return await this.write(actorId, orgId, this.profiles.fileUrl(file.id), context);
    } catch (error) {
      await this.profiles.discard(file.id);
      throw error;
    }
  }

  async remove(actorId: string, orgId: string, context: RequestContext): Promise<void> {
    await this.write(actorId, orgId, undefined, context);
  }

  /** Sets or clears `profile.logoUrl` (rechecking the permission in the transaction). */
  private async write(
    actorId: string,
    orgId: string,
    logoUrl: string | undefined,
    context: RequestContext,
  ): Promise<MyOrg> {
    const { org, previous } = await this.store.transaction(async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      const access = await orgAccess(scoped, actorId);
      requirePermission(access.permissions, 'org:update');
      const { logoUrl: previous, ...rest } = access.org.profile;
      const roles = access.membership.roles;
      if (previous === logoUrl)
        return { org: { ...toOrg(access.org), roles }, previous: undefined };
      const profile = logoUrl === undefined ? rest : { ...rest, logoUrl };
      const updated = await scoped.update({ profile }, this.clock.now());
      if (!updated) throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
      await orgAudit(tx, this.clock, {
        action: 'org.updated',
        actorId,
        orgId,
        target: ['org', orgId],
        context,
        data: { fields: ['profile.logoUrl'] },
      });
      return { org: { ...toOrg(updated), roles }, previous };
    });
    await this.identity.invalidateOrg(orgId);
    await this.dropOld(orgId, previous);
    return org;
  }

  /** Deletes the replaced logo if it is one of ours and this org's (a URL can be set by hand). */
  private async dropOld(orgId: string, url: string | undefined): Promise<void> {
    const id = this.profiles.fileIdOf(url);
    if (!id) return;
    const file = await this.storage.get(id);
    if (file?.ownerType === 'org' && file.ownerId === orgId && file.purpose === 'logo') {
      await this.profiles.discard(id);
    }
  }
}
