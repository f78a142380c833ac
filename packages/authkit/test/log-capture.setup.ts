import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { inject } from 'vitest';

// Every console line a test file's servers write also goes to a file the global teardown scans
// for secrets (see log-capture.global.ts). Vitest still prints them as usual.
const dir = inject('logCaptureDir');
const file = join(dir, `${process.pid}-${Math.random().toString(36).slice(2)}.log`);
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    appendFileSync(file, `${format(...args)}\n`);
    original(...args);
  };
}
