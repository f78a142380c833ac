import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findSecret } from '../../../test/support/secret-patterns.js';

let dir: string | undefined;

export function setup(project: TestProject): void {
  dir = mkdtempSync(join(tmpdir(), 'catalyst-logs-'));
  project.provide('logCaptureDir', dir);
}

/** Fails the run if any captured log line holds a password, hash, token, key or secret. */
export function teardown(): void {
  if (!dir) return;
  const leaks: string[] = [];
  let lines = 0;
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    lines += text.split('\n').length - 1;
    for (const line of text.split('\n')) {
      const found = findSecret(line);
      if (found) leaks.push(found);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (leaks.length > 0) {
    // Vitest reports a teardown error but keeps its exit code: set ours so the run fails.
    process.exitCode = 1;
    throw new Error(
      `secrets found in ${leaks.length} of ${lines} captured log lines:\n${leaks.slice(0, 10).join('\n')}`,
    );
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    logCaptureDir: string;
  }
}
