/**
 * Test support (not exported by any entry): runs the real proxy's own config check on a snippet.
 * `caddy adapt` parses a Caddyfile without serving it; `nginx -t` needs a whole nginx.conf, so
 * the snippet is wrapped in one whose pid, logs and temp paths live in a temp dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CADDY_BIN = process.env.CADDY_BIN ?? '/usr/bin/caddy';
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface CheckResult {
  ok: boolean;
  output: string;
  /** The whole config that was checked (for failure messages). */
  config: string;
}

function run(bin: string, args: string[], dir: string, config: string): CheckResult {
  const result = spawnSync(bin, args, {
    cwd: dir,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    encoding: 'utf8',
    timeout: 30_000,
  });
  rmSync(dir, { recursive: true, force: true });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`,
    config,
  };
}

/** `caddy adapt` on a Caddyfile (site blocks; global options that keep it offline are added). */
export function caddyAdapt(sites: string): CheckResult {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-caddy-check-'));
  const text = `{\n\tadmin off\n\tauto_https off\n}\n\n${sites}`;
  const file = join(dir, 'Caddyfile');
  writeFileSync(file, text);
  return run(CADDY_BIN, ['adapt', '--config', file, '--adapter', 'caddyfile'], dir, text);
}

/** `nginx -t` on a complete nginx.conf wrapped around `servers` (placed inside `http { }`). */
export function nginxTest(servers: string): CheckResult {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-nginx-check-'));
  const text = [
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')};`,
    'events {}',
    'http {',
    `    access_log off;`,
    `    client_body_temp_path ${join(dir, 'client_body')};`,
    `    proxy_temp_path ${join(dir, 'proxy')};`,
    `    fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `    uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `    scgi_temp_path ${join(dir, 'scgi')};`,
    servers,
    '}',
    '',
  ].join('\n');
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, text);
  return run(NGINX_BIN, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', file], dir, text);
}

export const hasCaddy = () => existsSync(CADDY_BIN);
export const hasNginx = () => existsSync(NGINX_BIN);
