#!/usr/bin/env node
/**
 * Starts everything for a manual try, on free ports of 127.0.0.1, and stops it all on Ctrl-C:
 *
 *   node start.mjs caddy     # or: node start.mjs nginx
 *
 * - the auth server (`catalyst serve`, in-memory database), unless CATALYST_BASE_URL points at
 *   one already running (the Next example: CATALYST_BASE_URL=http://localhost:3000);
 * - the sample upstream (upstream.mjs);
 * - `catalyst forward-auth` with forward-auth.json;
 * - Caddy or nginx, configured by `catalyst snippet`.
 *
 * Needs the built CLI (`pnpm --filter @catalyst/authkit build`) and caddy / nginx on the PATH or
 * at /usr/bin/caddy, /usr/sbin/nginx.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUpstream } from './upstream.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const proxy = process.argv[2] ?? 'caddy';
if (proxy !== 'caddy' && proxy !== 'nginx') {
  console.error('usage: node start.mjs caddy|nginx');
  process.exit(2);
}

const catalyst = fileURLToPath(
  new URL('dist/cli/index.js', import.meta.resolve('@catalyst/authkit/package.json')),
);
if (!existsSync(catalyst)) {
  console.error(`${catalyst} is missing: run \`pnpm --filter @catalyst/authkit build\` first`);
  process.exit(1);
}
const binary = (name, fallback) =>
  [process.env[`${name.toUpperCase()}_BIN`], fallback, `/usr/local/bin/${name}`].find(
    (path) => path && existsSync(path),
  ) ?? name;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const children = [];
const dir = mkdtempSync(join(tmpdir(), `catalyst-example-${proxy}-`));
let upstream;

async function stop(code = 0) {
  for (const child of children.reverse()) child.kill(child.stopSignal ?? 'SIGTERM');
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** Spawns a process; resolves once a line of its output matches `ready` (if given). */
function run(label, command, args, { env = {}, ready, stopSignal } = {}) {
  const child = spawn(command, args, {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stopSignal = stopSignal;
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) console.log(`[${label}] ${line}`);
      if (ready && ready.test(output)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
    if (!ready) resolve(child);
  });
}

/** `catalyst snippet …`, captured. */
function snippet(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [catalyst, 'snippet', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error('snippet failed'))));
  });
}

try {
  const secret = process.env.CATALYST_SECRET ?? randomBytes(32).toString('base64');
  let base = process.env.CATALYST_BASE_URL;
  if (!base) {
    const port = await freePort();
    base = `http://localhost:${port}`;
    await run('auth', process.execPath, [catalyst, 'serve', '--port', String(port)], {
      env: {
        CATALYST_BASE_URL: base,
        CATALYST_SECRET: secret,
        CATALYST_DATA_DIR: 'memory://forward-auth-example',
        DATABASE_URL: '',
      },
      ready: /listening on/,
    });
  }

  upstream = await startUpstream({ port: await freePort() });
  console.log(`[upstream] listening on ${upstream.url}`);

  const faPort = await freePort();
  await run(
    'forward-auth',
    process.execPath,
    [
      catalyst,
      'forward-auth',
      '--port',
      String(faPort),
      '--config',
      join(here, 'forward-auth.json'),
    ],
    {
      env: {
        CATALYST_BASE_URL: base,
        CATALYST_SECRET: secret,
        CATALYST_TRUSTED_PROXIES: 'loopback',
      },
      ready: /listening on/,
    },
  );

  const port = await freePort();
  const site = `http://localhost:${port}`;
  const authUrl = `http://127.0.0.1:${faPort}`;
  if (proxy === 'caddy') {
    const block = await snippet([
      'caddy',
      '--auth-url',
      authUrl,
      '--upstream',
      upstream.url,
      '--host',
      site,
    ]);
    const file = join(dir, 'Caddyfile');
    writeFileSync(
      file,
      `{\n\tadmin off\n\tauto_https off\n\tdefault_bind 127.0.0.1\n\tstorage file_system {\n\t\troot ${join(dir, 'storage')}\n\t}\n}\n\n${block}`,
    );
    await run(
      'caddy',
      binary('caddy', '/usr/bin/caddy'),
      ['run', '--config', file, '--adapter', 'caddyfile'],
      {
        env: { XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        ready: /serving initial configuration|server running/,
      },
    );
  } else {
    const block = await snippet([
      'nginx',
      '--auth-url',
      authUrl,
      '--upstream',
      upstream.url,
      '--host',
      'localhost',
      '--listen',
      `127.0.0.1:${port}`,
    ]);
    const indented = block.replace(/^(?=.)/gm, '    ');
    const conf = [
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      'pid nginx.pid;',
      'error_log stderr info;',
      'events { worker_connections 256; }',
      'http {',
      '    access_log off;',
      '    client_body_temp_path client_body;',
      '    proxy_temp_path proxy;',
      '    fastcgi_temp_path fastcgi;',
      '    uwsgi_temp_path uwsgi;',
      '    scgi_temp_path scgi;',
      indented,
      '}',
      '',
    ].join('\n');
    const file = join(dir, 'nginx.conf');
    writeFileSync(file, conf);
    await run(
      'nginx',
      binary('nginx', '/usr/sbin/nginx'),
      ['-p', `${dir}/`, '-e', 'stderr', '-c', file, '-g', 'daemon off;'],
      { ready: /start worker process/, stopSignal: 'SIGQUIT' },
    );
  }

  const jar = join(dir, 'cookies.txt');
  console.log(`
Ready. ${proxy} protects the upstream at ${site}/

Try it with curl (a signed-out API call gets 401, a browser is sent to ${base}/sign-in):
  curl -i ${site}/hello
  curl -i -H 'Accept: text/html' ${site}/hello

Sign up (the cookies land in a jar), then call through the proxy again:
  curl -c ${jar} -H 'Origin: ${base}' -H 'Content-Type: application/json' \\
       -d '{"email":"me@example.com","password":"correct-horse-battery-staple-42"}' ${base}/api/auth/sign-up
  curl -b ${jar} ${site}/hello           # 200: the upstream echoes X-User-Sub and friends
  curl -b ${jar} ${site}/admin/x         # 403: the route needs the org role "admin"
  curl ${site}/public/x                  # 200 for anyone

Ctrl-C stops everything.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
