import {
  createProfileClient,
  type AuthClient,
  type MyOrg,
  type Profile,
  type ProfilePatch,
} from '@catalyst/authkit';
import { retryRequest, unwrap, type ResourceScope } from './core.js';
import { orgQueries } from './org-resources.js';
import { sessionQueries } from './session-resources.js';

/**
 * The caller's profile and the image uploads (`catalystQueries.profile`,
 * `catalystMutations.profile`, `catalystMutations.logos`). The profile namespace is a separate
 * factory over the client (`createProfileClient`), so only code that reads a profile bundles it.
 */
export const profileQueries = {
  profile: {
    all: ['catalyst', 'profile'] as const,
    /** `GET /me/profile`: name, email, locale, time zone, avatar URL and custom fields. */
    get: (client: AuthClient, scope: ResourceScope = { userId: null }) => ({
      queryKey: ['catalyst', 'profile', 'get', scope.userId] as const,
      queryFn: async (): Promise<Profile> => unwrap(await createProfileClient(client).get()),
      retry: retryRequest,
    }),
  },
};

/** Writes on the profile, the avatar and an org's logo, and the keys each makes stale. */
export const profileMutations = {
  profile: {
    /** Absent keys stay, null clears; a bad value is a 400 naming its field (`fields.company`). */
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'profile', 'update'] as const,
      mutationFn: async (patch: ProfilePatch): Promise<Profile> =>
        unwrap(await createProfileClient(client).update(patch)),
      invalidates: [profileQueries.profile.all],
    }),
    /** PNG, JPEG or WebP; `413 file_too_large` and `415 unsupported_image` name `file`. */
    uploadAvatar: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'profile', 'upload-avatar'] as const,
      mutationFn: async (image: Blob): Promise<Profile> =>
        unwrap(await createProfileClient(client).uploadAvatar(image)),
      invalidates: [profileQueries.profile.all],
    }),
    deleteAvatar: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'profile', 'delete-avatar'] as const,
      mutationFn: async (_: void): Promise<null> =>
        unwrap(await createProfileClient(client).deleteAvatar()),
      invalidates: [profileQueries.profile.all],
    }),
  },
  password: {
    /** Signs out every other session of the user: the session list goes stale. */
    change: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'password', 'change'] as const,
      mutationFn: async (input: {
        currentPassword: string;
        newPassword: string;
      }): Promise<{ revokedSessions: number }> => unwrap(await client.changePassword(input)),
      invalidates: [sessionQueries.sessions.all],
    }),
  },
  /** An org's logo (`profile.logoUrl` of the org); needs `org:update`. */
  logos: {
    upload: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'logos', 'upload'] as const,
      mutationFn: async ({ orgId, image }: { orgId: string; image: Blob }): Promise<MyOrg> =>
        unwrap(await createProfileClient(client).uploadOrgLogo(orgId, image)),
      invalidates: [orgQueries.orgs.all],
    }),
    remove: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'logos', 'remove'] as const,
      mutationFn: async (orgId: string): Promise<null> =>
        unwrap(await createProfileClient(client).deleteOrgLogo(orgId)),
      invalidates: [orgQueries.orgs.all],
    }),
  },
};
