/** A user's profile as the API shows it (`GET /me/profile`). */
export interface Profile {
  userId: string;
  email: string;
  name: string | null;
  /** BCP 47 language tag (`en-US`), or null for the app's default. */
  locale: string | null;
  /** IANA time zone (`Europe/Paris`), or null. */
  timezone: string | null;
  /** Where the avatar is served (`<base>/files/<id>`), or null. */
  avatarUrl: string | null;
  /** Custom fields, as the app's `profileFields` setting describes them. */
  fields: Record<string, unknown>;
  updatedAt: string;
}

/** A partial update (`PATCH /me/profile`): absent keys stay, null clears. */
export interface ProfilePatch {
  name?: string | null;
  locale?: string | null;
  timezone?: string | null;
  /** Sets the named custom fields; null removes one. Unknown names are refused. */
  fields?: Record<string, string | number | boolean | null>;
}
