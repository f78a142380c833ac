/** Whose image a stored file is: a user's avatar or an org's logo. */
export type FileOwnerType = 'user' | 'org';
export type FilePurpose = 'avatar' | 'logo';

export interface NewStoredFile {
  ownerType: FileOwnerType;
  ownerId: string;
  purpose: FilePurpose;
  /** One of `image/png`, `image/jpeg`, `image/webp`: only checked, re-encoded bytes get here. */
  contentType: string;
  bytes: Uint8Array;
}

export interface StoredFileInfo {
  /** Unguessable (`file_…`); the public URL is `<base>/files/<id>`, so ids are never reused. */
  id: string;
  contentType: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes; the ETag the file is served with. */
  sha256: string;
}

export interface StoredFile extends StoredFileInfo {
  ownerType: FileOwnerType;
  ownerId: string;
  purpose: FilePurpose;
  bytes: Uint8Array;
}

/**
 * Where uploaded images live. The default keeps them in the database (`stored_files`); an app may
 * pass its own (S3, R2…) as `storage` in `createAuthkit`. Files are immutable: a new upload is a
 * new id, and the old one is deleted once nothing points to it.
 */
export interface StoragePort {
  put(file: NewStoredFile): Promise<StoredFileInfo>;
  /** The file, or null when there is no such id. */
  get(id: string): Promise<StoredFile | null>;
  /** Deleting an unknown id is not an error. */
  delete(id: string): Promise<void>;
}
