import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { nextBuild, nextStart, type RunningApp } from './next-server.js';

let app: RunningApp | undefined;

/** Builds the example once and serves it (`next build && next start`) for the browser tests. */
export async function setup(project: TestProject): Promise<void> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  nextBuild(dir);
  // A 30 s access-token lifetime lets one test watch a token expire for real.
  app = await nextStart(dir, { CATALYST_ACCESS_TOKEN_TTL: '30' });
  project.provide('appUrl', app.url);
  project.provide('adminPassword', app.adminPassword);
}

export async function teardown(): Promise<void> {
  await app?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    adminPassword: string;
  }
}
