import type { CliIo } from './io.js';

/** `catalyst worker`: delivers webhooks from the outbox and runs housekeeping until stopped. */
export async function workerCommand(io: CliIo): Promise<number> {
  io.err('worker: not available yet');
  return 2;
}
