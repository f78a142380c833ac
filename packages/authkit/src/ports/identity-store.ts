/** A user's identity at an upstream OpenID provider (`user_identities`). */
export interface UserIdentityRecord {
  id: string;
  userId: string;
  connectionId: string;
  issuer: string;
  subject: string;
  email: string | null;
  claims: Record<string, unknown>;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type NewUserIdentity = Pick<
  UserIdentityRecord,
  'id' | 'userId' | 'connectionId' | 'issuer' | 'subject' | 'email' | 'claims'
>;

export interface UserIdentityRepository {
  /** The identity a provider's `iss` and `sub` name, whoever holds it. */
  find(issuer: string, subject: string): Promise<UserIdentityRecord | null>;
  listForUser(userId: string): Promise<UserIdentityRecord[]>;
  /** Throws a unique violation when the provider's subject is linked already. */
  create(identity: NewUserIdentity): Promise<UserIdentityRecord>;
  /** After a sign-in through it: when, and what the provider said this time. */
  touch(
    id: string,
    at: Date,
    seen: { email: string | null; claims: Record<string, unknown> },
  ): Promise<void>;
  /** Unlinks one of `userId`'s identities; false when it is not theirs or not there. */
  delete(userId: string, id: string): Promise<boolean>;
}
