import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

function capture(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIo = { env, out: (l) => lines.push(l), err: (l) => errors.push(l) };
  return { io, lines, errors, text: () => lines.join('\n') };
}

describe('catalyst snippet', () => {
  it('prints Traefik labels by default, the auth URL taken from CATALYST_BASE_URL', async () => {
    const c = capture({ CATALYST_BASE_URL: 'https://id.example.com' });
    expect(await runCli(['snippet', 'traefik', '--host', 'app.example.com'], c.io)).toBe(0);
    expect(c.text()).toContain(
      "'traefik.http.middlewares.catalyst-auth.forwardauth.address=https://id.example.com/api/auth/forward'",
    );
    expect(c.text()).toContain("'traefik.http.routers.app.rule=Host(`app.example.com`)'");
    expect(c.errors).toEqual([]);
  });

  it('prints the Traefik file provider with --format file, --auth-url winning over the env', async () => {
    const c = capture({ CATALYST_BASE_URL: 'https://ignored.example.com' });
    const argv = ['snippet', 'traefik', '--format', 'file', '--auth-url', 'http://catalyst:3000'];
    expect(await runCli([...argv, '--upstream', 'http://app:8080'], c.io)).toBe(0);
    expect(c.text()).toMatch(/^http:\n {2}middlewares:\n/m);
    expect(c.text()).toContain("address: 'http://catalyst:3000/api/auth/forward'");
    expect(c.text()).toContain("- url: 'http://app:8080'");
    expect(c.text()).not.toContain('ignored.example.com');
  });

  it('prints a Caddyfile site and an nginx server block', async () => {
    const env = { CATALYST_BASE_URL: 'http://127.0.0.1:3000' };
    const caddy = capture(env);
    const args = ['--upstream', 'http://127.0.0.1:8080', '--host', 'app.example.com'];
    expect(await runCli(['snippet', 'caddy', ...args], caddy.io)).toBe(0);
    expect(caddy.text()).toMatch(/^app\.example\.com \{$/m);
    expect(caddy.text()).toContain('forward_auth http://127.0.0.1:3000 {');

    const nginx = capture(env);
    expect(await runCli(['snippet', 'nginx', ...args, '--listen', '8080'], nginx.io)).toBe(0);
    expect(nginx.text()).toContain('server_name app.example.com;');
    expect(nginx.text()).toContain('listen 8080;');
    expect(nginx.text()).toContain('proxy_pass http://127.0.0.1:3000/api/auth/forward;');
  });

  it('exits 2 naming what is missing or wrong', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['snippet'], {}, /traefik\|caddy\|nginx/],
      [['snippet', 'haproxy'], {}, /traefik\|caddy\|nginx/],
      [['snippet', 'traefik'], {}, /--auth-url URL \(or CATALYST_BASE_URL\)/],
      [
        ['snippet', 'caddy', '--host', 'a.example.com'],
        { CATALYST_BASE_URL: 'http://x' },
        /--upstream/,
      ],
      [['snippet', 'nginx', '--upstream', 'http://u'], { CATALYST_BASE_URL: 'http://x' }, /--host/],
      [
        ['snippet', 'traefik', '--format', 'toml'],
        { CATALYST_BASE_URL: 'http://x' },
        /invalid --format: toml/,
      ],
      [
        ['snippet', 'traefik', '--host', 'a b'],
        { CATALYST_BASE_URL: 'http://x' },
        /snippet traefik: host "a b"/,
      ],
      [['snippet', 'traefik', '--auth-url', 'not a url'], {}, /authUrl "not a url"/],
    ];
    for (const [argv, env, message] of cases) {
      const c = capture(env);
      expect(await runCli(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.errors.join('\n'), argv.join(' ')).toMatch(message);
      expect(c.lines).toEqual([]);
    }
  });

  it('lists the new commands in the usage text', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    for (const command of ['snippet traefik|caddy|nginx', 'token', 'forward-auth --port N'])
      expect(c.text()).toContain(command);
  });
});
