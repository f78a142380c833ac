import { build } from 'esbuild';
/**
 * DESIGN §5: the same handler must run on an edge host. The module is bundled for the browser
 * platform (a `node:` import would fail the build) and evaluated inside an edge-runtime sandbox,
 * which has Web APIs only (no `process`, no `Buffer`, no `require`); requests run through it there.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIENCE,
  forwardRequest,
  ISSUER,
  makeKeys,
  mint,
  SIGN_IN,
  type TestKeys,
} from './test-support.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
}

let keys: TestKeys;
let bundle: string;
let vm: EdgeVM;

const inVm = (code: string) => vm.evaluate(code) as Promise<Answer>;

/** Runs one request through the sandboxed handler; headers go in and come out as plain data. */
function handleInVm(request: Request, ip: string): Promise<Answer> {
  const headers = JSON.stringify(Object.fromEntries(request.headers));
  return inVm(`(async () => {
    const res = await globalThis.forwardAuth.handle(
      new Request(${JSON.stringify(request.url)}, { headers: ${headers} }),
      { ip: ${JSON.stringify(ip)} },
    );
    return { status: res.status, headers: Object.fromEntries(res.headers) };
  })()`);
}

beforeAll(async () => {
  keys = await makeKeys('edge-key');
  const result = await build({
    entryPoints: [new URL('./index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__catalystForwardAuth',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  vm = new EdgeVM();
  vm.evaluate(bundle);
  vm.evaluate(`
    globalThis.forwardAuth = __catalystForwardAuth.createForwardAuth({
      issuer: ${JSON.stringify(ISSUER)},
      audience: ${JSON.stringify(AUDIENCE)},
      keys: ${JSON.stringify(keys.jwks)},
      trustedProxies: ['10.0.0.0/8'],
      signInUrl: ${JSON.stringify(SIGN_IN)},
      allowedReturnHosts: ['app.example.com'],
      decisionSecret: new Uint8Array(32).fill(7),
      routes: [{ id: 'admin', path: '/admin/*', require: { roles: ['owner'] } }],
      revocations: { source: async () => ['ses_revoked'] },
      log: () => {},
    });
  `);
}, 60_000);

describe('forward-auth inside the edge runtime', () => {
  it('runs in a sandbox without Node globals', () => {
    expect(vm.evaluate('typeof process + typeof Buffer + typeof require')).toBe(
      'undefinedundefinedundefined',
    );
    expect(vm.evaluate('typeof EdgeRuntime')).toBe('string');
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|require\(["']node:/);
  });

  it('allows a signed-in request, with identity headers and a decision cookie', async () => {
    const token = await mint(keys);
    const res = await handleInVm(forwardRequest({ access: token }), '10.0.0.2');
    expect(res.status).toBe(200);
    expect(res.headers['x-user-sub']).toBe('usr_alice');
    expect(res.headers['remote-groups']).toBe('eng,ops');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toMatch(/^catalyst_decision=/);

    // The decision cookie answers the next request inside the sandbox too.
    const decision = /^catalyst_decision=([^;]+)/.exec(res.headers['set-cookie']!)![1];
    const again = await handleInVm(
      forwardRequest({ access: token, cookie: `catalyst_decision=${decision}` }),
      '10.0.0.2',
    );
    expect(again.status).toBe(200);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('denies: 403 for a missing role, 401/302 when signed out or revoked, 400 from a stranger', async () => {
    const token = await mint(keys);
    expect(
      (await handleInVm(forwardRequest({ bearer: token, uri: '/admin/x' }), '10.0.0.2')).status,
    ).toBe(403);
    const api = await handleInVm(forwardRequest(), '10.0.0.2');
    expect(api.status).toBe(401);
    expect(api.headers['www-authenticate']).toBe('Bearer realm="catalyst"');
    const browser = await handleInVm(forwardRequest({ browser: true }), '10.0.0.2');
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe(
      `${SIGN_IN}?redirect_url=${encodeURIComponent('https://app.example.com/dashboard')}`,
    );
    const revoked = await mint(keys, { sid: 'ses_revoked' });
    expect((await handleInVm(forwardRequest({ bearer: revoked }), '10.0.0.2')).status).toBe(401);
    expect((await handleInVm(forwardRequest({ bearer: token }), '203.0.113.9')).status).toBe(400);
  });
});
