/** The client's profile namespace (issue 12): your profile, your avatar, an org's logo. */
import type { MyOrg } from '../domain/org.js';
import type { Profile, ProfilePatch } from '../domain/profile.js';
import type { AuthClient, Result } from './create-auth-client.js';

export interface ProfileClient {
  get(): Promise<Result<Profile>>;
  /** Absent keys stay; null clears one. Unknown custom fields are refused, naming the field. */
  update(patch: ProfilePatch): Promise<Result<Profile>>;
  /** PNG, JPEG or WebP (a `File` from `<input type="file">` will do); the server re-encodes it. */
  uploadAvatar(image: Blob): Promise<Result<Profile>>;
  deleteAvatar(): Promise<Result<null>>;
  /** Sets an org's logo; its `profile.logoUrl` points to the served file. Needs org:update. */
  uploadOrgLogo(orgId: string, image: Blob): Promise<Result<MyOrg>>;
  deleteOrgLogo(orgId: string): Promise<Result<null>>;
}

/**
 * The profile namespace over an existing client. A separate factory, not a property of the
 * client, so the sign-in bundle stays within its size budget.
 */
export function createProfileClient(client: AuthClient): ProfileClient {
  const call: AuthClient['request'] = (method, path, body) => client.request(method, path, body);
  const logo = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/logo`;
  return {
    get: () => call('GET', '/me/profile'),
    update: (patch) => call('PATCH', '/me/profile', patch),
    // A Blob body is sent as is (not JSON), with the Blob's type.
    uploadAvatar: (image) => call('PUT', '/me/avatar', image),
    deleteAvatar: () => call('DELETE', '/me/avatar'),
    uploadOrgLogo: (orgId, image) => call('PUT', logo(orgId), image),
    deleteOrgLogo: (orgId) => call('DELETE', logo(orgId)),
  };
}
