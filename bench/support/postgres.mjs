import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onCleanup } from './processes.mjs';

const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

/**
 * A throwaway PostgreSQL cluster (initdb + pg_ctl) in a temp dir on a free loopback port, the
 * same recipe as packages/authkit/test/postgres-server.ts. PostgreSQL refuses to run as root, so
 * as root the cluster is owned by and started as the `postgres` user. fsync is off: durability
 * is irrelevant here and disk flushes would only add noise.
 */
export async function startPostgres() {
  const bin = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) {
    throw new Error(
      `PostgreSQL server binaries not found (looked in ${BIN_DIRS.join(', ')}); install them with \`apt-get install -y postgresql\``,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-bench-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const port = await freePort();
  const run = (cmd, args) => {
    const file = join(bin, cmd);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' })
      : execFileSync(file, args, { stdio: 'pipe' });
  };
  let started = false;
  // Synchronous so it also works from a SIGINT handler or process 'exit'. A failed start may
  // still have left a postmaster behind, so stop is always tried; its error only matters when
  // the cluster was known to be up.
  const stop = onCleanup(() => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      }
    } catch (error) {
      if (started) throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  try {
    if (asRoot) {
      chmodSync(dir, 0o777);
      execFileSync('chown', ['postgres', dir]);
    }
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    ]);
    started = true;
  } catch (error) {
    const stderr = error?.stderr?.toString() ?? '';
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    stop();
    throw new Error(
      `could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}\n${stderr}${logText}`,
    );
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
