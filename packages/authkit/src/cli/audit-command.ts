import { openStore } from '../adapters/store/open-store.js';
import { PLATFORM_CHAIN, chainLabel, deriveAuditKey } from '../domain/audit-chain.js';
import { resolveSettings, settingsFromEnv } from '../server/config.js';
import { loadDevSecret } from '../server/dev-secret.js';
import type { CliIo } from './io.js';

const USAGE = 'usage: catalyst audit verify [--org ID|platform]';

/**
 * `catalyst audit verify [--org ID]`: walks the hash chains (one org's, `platform` for events
 * without an org, or all of them) and names the first broken row. Exit 0 intact, 1 tampered.
 */
export async function auditCommand(
  io: CliIo,
  options: { sub: string | undefined; org: string | undefined },
): Promise<number> {
  if (options.sub !== 'verify') {
    io.err(USAGE);
    return 2;
  }
  const settings = resolveSettings(settingsFromEnv(io.env));
  // The same secret the server derives the key from, or verification would call every row forged.
  const secret = settings.secret ?? (await loadDevSecret(settings.dataDir));
  const store = await openStore({
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    migrate: false,
    auditKey: await deriveAuditKey(secret),
  });
  try {
    const chains =
      options.org === undefined
        ? await store.audit.chains()
        : [options.org === 'platform' ? PLATFORM_CHAIN : options.org];
    if (chains.length === 0) io.out('no audit events yet');
    let tampered = false;
    for (const chain of chains) {
      const result = await store.audit.verify(chain);
      const name = chainLabel(chain);
      if (!result.break) {
        io.out(`ok ${name} ${result.count} events`);
        continue;
      }
      tampered = true;
      const { seq, id, reason, detail } = result.break;
      io.out(`TAMPERED ${name} at seq ${seq} (id ${id}): ${reason} — ${detail}`);
    }
    return tampered ? 1 : 0;
  } finally {
    await store.close();
  }
}
