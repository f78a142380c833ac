/**
 * examples/forward-auth stays in step with the snippet generators and stays valid: the
 * checked-in Caddyfile, nginx.conf, Traefik files and docs hold exactly what `catalyst snippet`
 * prints, the proxies accept the files, and the route files pass `catalyst forward-auth`'s check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseForwardAuthConfig } from '../../packages/authkit/src/cli/forward-auth-server.js';
import {
  caddySnippet,
  nginxSnippet,
  traefikSnippet,
} from '../../packages/authkit/src/snippets/index.js';
import { CADDY_BIN, NGINX_BIN, hasCaddy, hasNginx } from './proxies.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/forward-auth/', import.meta.url));
const read = (file: string) => readFileSync(join(EXAMPLE, file), 'utf8');
const UPSTREAM = 'http://127.0.0.1:8080';

function check(bin: string, args: (dir: string) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-example-check-'));
  try {
    const result = spawnSync(bin, args(dir), {
      cwd: dir,
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('examples/forward-auth', () => {
  it('Caddyfile holds the caddy snippet', () => {
    expect(read('Caddyfile')).toContain(
      caddySnippet({
        authUrl: 'http://127.0.0.1:4181',
        upstream: UPSTREAM,
        host: 'http://localhost:8000',
      }),
    );
  });

  it('nginx.conf holds the nginx snippet', () => {
    const block = nginxSnippet({
      authUrl: 'http://127.0.0.1:4181',
      upstream: UPSTREAM,
      serverName: 'localhost',
      listen: '127.0.0.1:8001',
    });
    expect(read('nginx.conf')).toContain(block.replace(/^(?=.)/gm, '    '));
  });

  it('traefik/dynamic.yml and traefik.md hold the traefik snippets', () => {
    expect(read('traefik/dynamic.yml')).toContain(
      traefikSnippet({
        authUrl: 'http://127.0.0.1:4181',
        upstream: UPSTREAM,
        host: 'localhost',
        format: 'file',
      }).replace(/^# .*\n/, ''),
    );
    const labels = traefikSnippet({
      authUrl: 'http://catalyst-forward-auth:4181',
      upstream: 'http://whoami:8080',
      host: 'app.example.com',
      format: 'labels',
    })
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => `    ${line}`)
      .join('\n');
    expect(read('traefik.md')).toContain(labels);
  });

  it('forward-auth.json passes the forward-auth config check', () => {
    const config = parseForwardAuthConfig(JSON.parse(read('forward-auth.json')));
    expect(config.routes?.length).toBeGreaterThan(0);
  });

  it.skipIf(!hasCaddy())(`caddy adapt accepts the Caddyfile (${CADDY_BIN})`, () => {
    const result = check(CADDY_BIN, () => [
      'adapt',
      '--config',
      join(EXAMPLE, 'Caddyfile'),
      '--adapter',
      'caddyfile',
    ]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).not.toMatch(/not formatted/);
  });

  it.skipIf(!hasNginx())(`nginx -t accepts nginx.conf (${NGINX_BIN})`, () => {
    const result = check(NGINX_BIN, (dir) => [
      '-t',
      '-p',
      `${dir}/`,
      '-e',
      'stderr',
      '-c',
      join(EXAMPLE, 'nginx.conf'),
    ]);
    expect(result.status, result.output).toBe(0);
  });
  if (!hasCaddy()) it.skip(`caddy adapt skipped: ${CADDY_BIN} is missing (apt-get install caddy)`);
  if (!hasNginx()) it.skip(`nginx -t skipped: ${NGINX_BIN} is missing (apt-get install nginx)`);
});
