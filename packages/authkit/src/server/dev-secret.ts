import { randomToken } from '../tokens/opaque-token.js';

/**
 * Development only: a root secret generated once and kept beside the embedded database, so signing
 * keys stay readable across restarts. In-memory databases get a throwaway one.
 */
export async function loadDevSecret(dataDir: string): Promise<string> {
  if (dataDir.startsWith('memory://')) return randomToken(32);
  const [{ mkdir, readFile, writeFile }, { dirname, join }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
  ]);
  const file = join(dirname(dataDir), 'secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dirname(file), { recursive: true });
    const secret = randomToken(32);
    // 'wx' fails if another process wrote it first; then read theirs.
    await writeFile(file, `${secret}\n`, { flag: 'wx', mode: 0o600 }).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
