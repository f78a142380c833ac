// `pnpm demo`: builds the packages and the example app, then serves it with `next start` on the
// embedded database. Production mode requires a root secret, so the demo keeps one in .catalyst/.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples', 'next-app');
const port = process.env.PORT ?? '3000';
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const started = Date.now();
run('pnpm', ['--filter', './packages/**', 'build'], root);
run('pnpm', ['exec', 'next', 'build'], app);

const secretFile = join(app, '.catalyst', 'demo-secret');
if (!existsSync(secretFile)) {
  mkdirSync(dirname(secretFile), { recursive: true });
  writeFileSync(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 });
}
console.log(
  `\nBuilt in ${Math.round((Date.now() - started) / 1000)} s. Serving http://localhost:${port}\n`,
);

const server = spawn('pnpm', ['exec', 'next', 'start', '-p', port], {
  cwd: app,
  stdio: 'inherit',
  env: {
    ...env,
    CATALYST_SECRET: process.env.CATALYST_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
    CATALYST_BASE_URL: process.env.CATALYST_BASE_URL ?? `http://localhost:${port}`,
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
