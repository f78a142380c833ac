import type { FileOwnerType, FilePurpose } from './storage.js';

/** A user's editable profile: `users.name` and the `user_profiles` row. */
export interface ProfileRecord {
  userId: string;
  email: string;
  name: string | null;
  locale: string | null;
  timezone: string | null;
  avatarFileId: string | null;
  /** Custom fields, already checked against the configured `profileFields`. */
  data: Record<string, unknown>;
  updatedAt: Date;
}

export interface ProfileChanges {
  name?: string | null;
  locale?: string | null;
  timezone?: string | null;
  /** Custom fields to set (merged into `data`, so a concurrent edit of another field survives). */
  setFields?: Record<string, unknown>;
  removeFields?: string[];
}

export interface ProfileRepository {
  /** Null when there is no such user. */
  get(userId: string): Promise<ProfileRecord | null>;
  update(userId: string, changes: ProfileChanges, at: Date): Promise<ProfileRecord | null>;
  /**
   * Points the avatar at `fileId` (null: none) and answers the file it pointed to before, read
   * under a row lock so two uploads cannot both think they replaced the same file.
   */
  swapAvatar(
    userId: string,
    fileId: string | null,
    at: Date,
  ): Promise<{ previous: string | null } | null>;
}

export interface FileRecord {
  id: string;
  ownerType: FileOwnerType;
  ownerId: string;
  purpose: FilePurpose;
  contentType: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  createdAt: Date;
}

/** The `stored_files` table behind the embedded StoragePort. */
export interface FileRepository {
  insert(file: Omit<FileRecord, 'createdAt'>): Promise<void>;
  findById(id: string): Promise<FileRecord | null>;
  delete(id: string): Promise<boolean>;
}
