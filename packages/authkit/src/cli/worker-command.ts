import { createAuthkit } from '../server/create-authkit.js';
import { settingsFromEnv } from '../server/config.js';
import type { CliIo } from './io.js';

/** How long SIGTERM waits for in-flight deliveries before handing them back to the queue. */
const GRACE_MS = 10_000;

/**
 * `catalyst worker`: delivers webhooks and runs housekeeping until SIGTERM or SIGINT, then
 * finishes or releases what it holds. Any number may run against one database.
 */
export async function workerCommand(
  io: CliIo,
  signals: Pick<NodeJS.Process, 'once'> = process,
): Promise<number> {
  const authkit = createAuthkit(settingsFromEnv(io.env));
  await authkit.api.ready();
  await authkit.api.webhooks.startWorker();
  io.out(
    `catalyst worker delivering webhooks (${authkit.settings.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  await new Promise<void>((resolve) => {
    signals.once('SIGTERM', () => resolve());
    signals.once('SIGINT', () => resolve());
  });
  io.out('catalyst worker stopping: finishing or releasing claimed deliveries');
  await authkit.api.webhooks.stopWorker(GRACE_MS);
  await authkit.api.close();
  return 0;
}
