import { newId } from '../../domain/ids.js';
import type { FileRepository } from '../../ports/profile-store.js';
import type { StoragePort } from '../../ports/storage.js';

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The embedded default: images in the `stored_files` table of the auth database, so a
 * self-hosted install needs no bucket. Avatars and logos are small (2 MiB at most by default).
 */
export function createDatabaseStorage(files: FileRepository): StoragePort {
  return {
    async put(file) {
      const info = {
        id: newId('file'),
        contentType: file.contentType,
        size: file.bytes.byteLength,
        sha256: await sha256(file.bytes),
      };
      await files.insert({ ...info, ...file });
      return info;
    },
    async get(id) {
      const row = await files.findById(id);
      if (!row) return null;
      const { createdAt: _createdAt, ...file } = row;
      return file;
    },
    async delete(id) {
      await files.delete(id);
    },
  };
}
