import type { TestProject } from 'vitest/node';
import { startPostgres, type RunningPostgres } from './postgres-server.js';

let server: RunningPostgres | undefined;

/** Starts one throwaway PostgreSQL cluster for the run; each test file creates its own database. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.CATALYST_TEST_POSTGRES_URL) {
    project.provide('postgresUrl', process.env.CATALYST_TEST_POSTGRES_URL);
    return;
  }
  server = await startPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
