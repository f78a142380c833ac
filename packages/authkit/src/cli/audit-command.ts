import type { CliIo } from './io.js';

/** `catalyst audit verify [--org ID]`: walks the hash chains and names the first broken row. */
export async function auditCommand(
  io: CliIo,
  options: { sub: string | undefined; org: string | undefined },
): Promise<number> {
  io.err(`audit ${options.sub ?? ''}: not available yet`);
  return 2;
}
