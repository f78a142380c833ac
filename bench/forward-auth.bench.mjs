/* global fetch */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { pickLoadTool, runLoad } from './support/load.mjs';
import { freePort, startServer } from './support/processes.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
// Targets take turns, ROUNDS times, so drift in machine load hits each alike; medians reported.
const ROUNDS = QUICK ? 1 : 4;
const LOAD = { connections: 32, seconds: QUICK ? 2 : 3 };
const WARMUP = { connections: 32, seconds: QUICK ? 1 : 2 };
const TARGET_RATIO = 0.7;
const ISSUER = 'https://auth.example.com/api/auth';
const COLD_TOKENS = 1000;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// What Traefik sends to forward-auth for GET https://app.example.com/reports/q1.
const FORWARDED = {
  'X-Forwarded-Method': 'GET',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'app.example.com',
  'X-Forwarded-Uri': '/reports/q1',
};

/**
 * Forward-auth decisions per second and latency, standalone on node:http, next to a bare
 * node:http server answering 200, each in its own process and loaded by the same tool: a warm
 * token (verified once, then cached), a decision cookie (no asymmetric verify, no policy), and a
 * cold token (every request a token the server has not seen: one EdDSA verify each).
 */
export async function forwardAuthBench() {
  const standalone = await standaloneBench();
  const next = await nextBench();
  return {
    title: 'Forward-auth decisions vs bare servers',
    tables: [
      {
        caption: 'standalone (forwardAuthListener on node:http) vs bare node:http',
        rows: standalone.table,
      },
      {
        caption: 'Next route handler (/api/auth/forward) vs a bare Next route handler',
        rows: next.table,
      },
    ],
    summary: [...standalone.summary, ...next.summary],
  };
}

const NEXT_DIR = here('next-forward');
const NEXT_BIN = here('node_modules/next/dist/bin/next');

/**
 * The same decision through Next: `createRouteHandler` serving /api/auth/forward (the server
 * mount, embedded PGlite) next to a route handler answering 200, both in one `next start`.
 */
async function nextBench() {
  const tool = pickLoadTool();
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build', NEXT_DIR], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const data = mkdtempSync(join(tmpdir(), 'catalyst-fa-next-'));
  const server = await startServer({
    name: 'next start',
    args: [NEXT_BIN, 'start', NEXT_DIR, '-p', String(port), '-H', '127.0.0.1'],
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CATALYST_SECRET: randomBytes(32).toString('base64'),
      CATALYST_BASE_URL: origin,
      CATALYST_DATA_DIR: join(data, 'db'),
    },
    readyUrl: `${origin}/api/bare`,
  });
  try {
    const up = await fetch(`${origin}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery 42' }),
    });
    const token = /catalyst_access=([^;]+)/.exec(up.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`sign-up answered ${up.status} without a session`);
    const headers = { ...FORWARDED, Authorization: `Bearer ${token}` };
    const check = await fetch(`${origin}/api/auth/forward`, { headers });
    if (check.status !== 200 || !check.headers.get('x-user-sub')) {
      throw new Error(`Next forward-auth answered ${check.status} for a signed-in caller`);
    }
    const targets = [
      { label: 'bare Next route handler, 200', url: `${origin}/api/bare`, headers },
      {
        label: 'Next /api/auth/forward, warm bearer token',
        url: `${origin}/api/auth/forward`,
        headers,
      },
    ];
    for (const t of targets) await runLoad(tool, { url: t.url, headers: t.headers, ...WARMUP });
    const runs = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, t] of targets.entries()) {
        const r = await runLoad(tool, { url: t.url, headers: t.headers, ...LOAD });
        if (r.non2xx > 0 || r.errors > 0)
          throw new Error(`${t.label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        runs[i].push(r);
      }
    }
    const table = summarize(targets, runs);
    const ratio = table[1]['req/s'] / table[0]['req/s'];
    return {
      table,
      summary: [
        `Next: forward-auth ${table[1]['req/s']} decisions/s = ${ratio.toFixed(2)} of a bare Next route handler (${table[0]['req/s']}/s); p99 ${table[1]['p99 ms']} vs ${table[0]['p99 ms']} ms`,
      ],
    };
  } finally {
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

function summarize(targets, runs) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const rows = targets.map((t, i) => ({
    target: t.label,
    'req/s': Math.round(median(runs[i].map((r) => r.rps))),
    'p50 ms': median(runs[i].map((r) => r.p50)),
    'p99 ms': median(runs[i].map((r) => r.p99)),
  }));
  for (const r of rows) r['vs bare'] = (r['req/s'] / rows[0]['req/s']).toFixed(2);
  return rows;
}

async function standaloneBench() {
  const tool = pickLoadTool();
  if (tool !== 'wrk') throw new Error('the forward-auth bench needs wrk (Debian package wrk)');
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-fa-bench-'));
  const stops = [];
  try {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' };
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
    const mint = (i) =>
      new SignJWT({
        sub: `usr_${i}`,
        sid: `ses_${i}`,
        org: null,
        groups: [],
        labels: [],
        roles: [],
        scopes: [],
        amr: ['pwd'],
      })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'bench', typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setAudience('catalyst')
        .setIssuedAt()
        .setExpirationTime('1h')
        .setJti(`at_${i}`)
        .sign(privateKey);
    const warmToken = await mint(0);
    const coldTokens = await Promise.all(
      Array.from({ length: COLD_TOKENS }, (_, i) => mint(i + 1)),
    );
    const script = join(dir, 'cold.lua');
    writeFileSync(
      script,
      `tokens = {${coldTokens.map((t) => `"${t}"`).join(',')}}\n` +
        'i = 0\nrequest = function()\n  i = i + 1\n' +
        // wrk.format replaces the -H headers when given a table: send the forwarded ones too.
        `  return wrk.format(nil, nil, { ${Object.entries(FORWARDED)
          .map(([k, v]) => `["${k}"] = "${v}"`)
          .join(
            ', ',
          )}, ["Authorization"] = "Bearer " .. tokens[(i % ${COLD_TOKENS}) + 1] })\nend\n`,
    );

    const env = { FA_ISSUER: ISSUER, FA_DECISION_SECRET: randomBytes(32).toString('hex') };
    const start = async (name, args, extraEnv = {}) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/`;
      const server = await startServer({
        name,
        args: [...args.map((a) => (a === '$PORT' ? String(port) : a))],
        env: { ...env, ...extraEnv },
        readyUrl: name === 'bare' ? url : `${url}healthz`,
      });
      stops.push(() => server.stop());
      return url;
    };
    const bare = await start('bare', [here('servers/bare-node.mjs'), '$PORT']);
    const warm = await start('forward-auth', [here('servers/forward-auth.mjs'), '$PORT', jwksFile]);
    // The cold server's cache holds fewer tokens than the cycle, so no request finds its token.
    const cold = await start(
      'forward-auth cold',
      [here('servers/forward-auth.mjs'), '$PORT', jwksFile],
      {
        FA_CACHE_SIZE: '100',
      },
    );

    // Each target answers 200 with the identity before it is loaded: a 401 is never counted.
    const bearer = { ...FORWARDED, Authorization: `Bearer ${warmToken}` };
    const first = await fetch(warm, { headers: bearer });
    if (first.status !== 200 || first.headers.get('x-user-sub') !== 'usr_0') {
      throw new Error(`forward-auth answered ${first.status} for a valid token`);
    }
    // Decision cookies go to browsers (cookie sessions), not to bearer callers.
    const session = await fetch(warm, {
      headers: { ...FORWARDED, Cookie: `catalyst_access=${warmToken}` },
    });
    const decision = /catalyst_decision=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1];
    if (!decision) throw new Error('no decision cookie was issued');
    const cookie = {
      ...FORWARDED,
      Cookie: `catalyst_access=${warmToken}; catalyst_decision=${decision}`,
    };
    const freshDecision = async () => {
      const res = await fetch(warm, {
        headers: { ...FORWARDED, Cookie: `catalyst_access=${warmToken}` },
      });
      const value = /catalyst_decision=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (!value) throw new Error('no decision cookie was issued');
      return { ...FORWARDED, Cookie: `catalyst_access=${warmToken}; catalyst_decision=${value}` };
    };
    const byCookie = await fetch(warm, { headers: cookie });
    if (byCookie.status !== 200 || byCookie.headers.get('x-user-sub') !== 'usr_0') {
      throw new Error(`decision cookie answered ${byCookie.status}`);
    }
    const forged = await fetch(warm, {
      headers: { ...FORWARDED, Authorization: `Bearer ${warmToken}x` },
    });
    if (forged.status !== 401) throw new Error(`a forged token answered ${forged.status}`);

    const targets = [
      // The same request bytes reach the bare server: only the work per request differs.
      { label: 'bare node:http, 200 (ceiling)', url: bare, headers: bearer },
      { label: 'forward-auth, warm bearer token', url: warm, headers: bearer },
      // A decision lives 30 s: each turn starts with a fresh one, as a browser would hold.
      { label: 'forward-auth, decision cookie', url: warm, headers: cookie, fresh: freshDecision },
      {
        label: `forward-auth, cold token (${COLD_TOKENS} cycled, cache 100)`,
        url: cold,
        headers: FORWARDED,
        script,
      },
    ];
    for (const t of targets)
      await runLoad(tool, { url: t.url, headers: t.headers, script: t.script, ...WARMUP });
    const runs = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, t] of targets.entries()) {
        const r = await runLoad(tool, {
          url: t.url,
          headers: t.headers,
          script: t.script,
          ...LOAD,
        });
        if (r.non2xx > 0 || r.errors > 0)
          throw new Error(`${t.label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        runs[i].push(r);
      }
    }
    const results = summarize(targets, runs);
    const bareRps = results[0]['req/s'];
    const warmRatio = results[1]['req/s'] / bareRps;
    return {
      table: results,
      summary: [
        `warm token: ${results[1]['req/s']} decisions/s = ${warmRatio.toFixed(2)} of bare (target ≥ ${TARGET_RATIO}: ${warmRatio >= TARGET_RATIO ? 'met' : 'NOT met'}); ` +
          `decision cookie ${results[2]['vs bare']}; cold token ${results[3]['vs bare']}`,
        `  (${tool}, ${LOAD.connections} connections; medians of ${ROUNDS} rounds of ${LOAD.seconds} s per target, taking turns, after ${WARMUP.seconds} s warm-up each; each server its own process; the bare server gets the same request headers)`,
      ],
    };
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
