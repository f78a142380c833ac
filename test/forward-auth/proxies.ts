/**
 * Real Caddy and nginx for the forward-auth tests (DESIGN §8): each writes its config into a
 * fresh temp dir (pid, logs, temp paths and storage included), binds 127.0.0.1 on a free port,
 * is ready once that port answers, and is stopped by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port.js';

export const CADDY_BIN = process.env.CADDY_BIN ?? '/usr/bin/caddy';
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export const hasCaddy = () => existsSync(CADDY_BIN);
export const hasNginx = () => existsSync(NGINX_BIN);

export interface RunningProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dir: string;
  /** The config file as written. */
  config: string;
  /** Everything the process wrote to stdout/stderr, plus its error log. */
  logs(): string;
  stop(): Promise<void>;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(
  port: number,
  { timeoutMs = 15_000, child }: { timeoutMs?: number; child?: ChildProcess } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

async function launch(
  name: string,
  bin: string,
  args: (file: string, dir: string) => string[],
  file: string,
  config: (port: number, dir: string) => string,
  {
    env = {},
    signal,
    extraLogs = [],
  }: { env?: Record<string, string>; signal: NodeJS.Signals; extraLogs?: string[] },
): Promise<RunningProxy> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing (install the Debian package)`);
  const dir = mkdtempSync(join(tmpdir(), `catalyst-${name}-`));
  const port = await freePort();
  const text = config(port, dir);
  const path = join(dir, file);
  writeFileSync(path, text);
  let output = '';
  const child = spawn(bin, args(path, dir), {
    cwd: dir,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const logs = () =>
    [
      output,
      ...extraLogs.map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '')),
    ].join('\n');
  const stop = async () => {
    await stopChild(child, signal);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, { child });
  } catch (error) {
    const message = `${name} did not start: ${(error as Error).message}\n${logs()}\n--- ${file}\n${text}`;
    await stop();
    throw new Error(message);
  }
  return { url: `http://127.0.0.1:${port}`, port, dir, config: text, logs, stop };
}

/**
 * Caddy with a Caddyfile made of our global options (no admin endpoint, no automatic HTTPS,
 * every site bound to 127.0.0.1, storage in the temp dir) and the site block(s) `site(port)`.
 */
export function startCaddy(site: (port: number) => string): Promise<RunningProxy> {
  return launch(
    'caddy',
    CADDY_BIN,
    (file) => ['run', '--config', file, '--adapter', 'caddyfile'],
    'Caddyfile',
    (port, dir) => caddyfile(site(port), dir),
    { signal: 'SIGTERM' },
  );
}

export function caddyfile(sites: string, dir: string): string {
  return [
    '{',
    '\tadmin off',
    '\tauto_https off',
    '\tdefault_bind 127.0.0.1',
    '\tstorage file_system {',
    `\t\troot ${join(dir, 'storage')}`,
    '\t}',
    '}',
    '',
    sites,
  ].join('\n');
}

/**
 * nginx in the foreground with a complete nginx.conf around `server(port)`: pid, logs and every
 * temp path inside the temp dir. Run as root, workers stay root (`user root;`) so they can use
 * the private temp dir.
 */
export function startNginx(server: (port: number) => string): Promise<RunningProxy> {
  return launch(
    'nginx',
    NGINX_BIN,
    (file, dir) => ['-p', dir, '-e', join(dir, 'error.log'), '-c', file, '-g', 'daemon off;'],
    'nginx.conf',
    (port, dir) => nginxConf(server(port), dir),
    // SIGQUIT: graceful stop, the workers finish and the master removes its pid file.
    { signal: 'SIGQUIT', extraLogs: ['error.log'] },
  );
}

export function nginxConf(servers: string, dir: string): string {
  const indent = (text: string) =>
    text
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n');
  return [
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} info;`,
    'events {',
    '    worker_connections 64;',
    '}',
    'http {',
    `    access_log ${join(dir, 'access.log')};`,
    `    client_body_temp_path ${join(dir, 'client_body')};`,
    `    proxy_temp_path ${join(dir, 'proxy')};`,
    `    fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `    uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `    scgi_temp_path ${join(dir, 'scgi')};`,
    indent(servers),
    '}',
    '',
  ].join('\n');
}

/** `caddy adapt` / `nginx -t` on a config; resolves to the exit code and output. */
export function checkConfig(
  proxy: 'caddy' | 'nginx',
  text: string,
): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), `catalyst-${proxy}-check-`));
  const file = join(dir, proxy === 'caddy' ? 'Caddyfile' : 'nginx.conf');
  writeFileSync(file, proxy === 'caddy' ? caddyfile(text, dir) : nginxConf(text, dir));
  const [bin, args] =
    proxy === 'caddy'
      ? [CADDY_BIN, ['adapt', '--config', file, '--adapter', 'caddyfile']]
      : [NGINX_BIN, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', file]];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: dir,
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}
