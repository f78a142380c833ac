/* global Request, performance, URLSearchParams */
import { randomBytes } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { createAuthkit } from '@catalyst/authkit/server';

// Each target runs in turns of BLOCK_MS of wall time so machine noise hits both alike.
const QUICK = process.env.BENCH_QUICK === '1';
const RUN = QUICK ? { warmupMs: 200, measureMs: 500 } : { warmupMs: 1000, measureMs: 3000 };
const BLOCK_MS = 100;
const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const CONNECTION = { ip: '127.0.0.1' };

/**
 * API-key exchanges per second (`POST /token`, RFC 8693, through the handler on embedded PGlite),
 * next to the floor every exchange pays: signing one EdDSA access token with jose in the same
 * process. The ratio says how much the key lookup, checks and HTTP mapping add to the signature.
 */
export async function exchangeBench() {
  const auth = createAuthkit({
    secret: randomBytes(32).toString('base64url'),
    baseUrl: BASE_URL,
    dataDir: 'memory://bench-exchange',
    scopes: ['reports:read'],
    // One key does every exchange: lift its limit so the bench measures work, not 429s.
    rateLimits: { exchangePerKey: { points: 1_000_000_000, durationSeconds: 60 } },
  });
  await auth.api.ready();
  try {
    const secret = await issueKey(auth);
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:catalyst:token-type:api-key',
      subject_token: secret,
      scope: 'reports:read',
    }).toString();
    const exchange = async () => {
      const res = await auth.handler(
        new Request(`${API}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
        CONNECTION,
      );
      if (res.status !== 200) throw new Error(`exchange answered ${res.status}`);
      await res.arrayBuffer();
    };
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const mint = () =>
      new SignJWT({ sub: 'usr_x', sid: 'key_x', scopes: ['reports:read'], amr: ['key'] })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'k', typ: 'at+jwt' })
        .setIssuer(API)
        .setAudience('catalyst')
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(randomBytes(12).toString('hex'))
        .sign(privateKey);

    // The exchange must really be one: its token verifies, with the key's scope.
    const check = await auth.handler(
      new Request(`${API}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
      CONNECTION,
    );
    const { access_token: token } = await check.json();
    const claims = await auth.api.verifyAccessToken(token);
    if (claims.scopes.join() !== 'reports:read') throw new Error('exchange gave the wrong scopes');

    const [ours, floor] = await measure([exchange, mint]);
    const rate = (s) => s.calls / (s.totalMs / 1000);
    return {
      title: 'API-key exchange (POST /token, RFC 8693) vs signing one JWT',
      table: [
        { target: 'POST /token (key → JWT), PGlite', ...row(ours) },
        { target: 'jose SignJWT EdDSA alone', ...row(floor) },
      ],
      summary: [
        `exchange ${Math.round(rate(ours))}/s vs signing alone ${Math.round(rate(floor))}/s: ` +
          `${(rate(ours) / rate(floor)).toFixed(2)} of the signature-only rate; ` +
          `p50 ${pct(ours, 50)} vs ${pct(floor, 50)} µs, p99 ${pct(ours, 99)} vs ${pct(floor, 99)} µs`,
        `  (one key, lastUsedAt written behind; ${RUN.measureMs / 1000} s each after ${RUN.warmupMs / 1000} s warm-up, alternating in ${BLOCK_MS} ms blocks)`,
      ],
    };
  } finally {
    await auth.api.close();
  }
}

export async function issueKey(auth) {
  const jar = new Map();
  const send = async (path, init = {}) => {
    const res = await auth.handler(
      new Request(`${API}${path}`, {
        ...init,
        headers: {
          origin: BASE_URL,
          'content-type': 'application/json',
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      }),
      CONNECTION,
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  await send('/sign-up', {
    method: 'POST',
    body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery 42' }),
  });
  const key = await send('/me/keys', {
    method: 'POST',
    body: JSON.stringify({ name: 'bench', scopes: ['reports:read'] }),
  });
  return key.secret;
}

/** Runs the targets in alternating blocks; per target the call count, total time and samples. */
export async function measure(targets) {
  const stats = targets.map(() => ({ calls: 0, totalMs: 0, samples: [] }));
  for (const phase of ['warmup', 'measure']) {
    const budget = phase === 'warmup' ? RUN.warmupMs : RUN.measureMs;
    const spent = targets.map(() => 0);
    while (spent.some((s) => s < budget)) {
      for (let i = 0; i < targets.length; i += 1) {
        if (spent[i] >= budget) continue;
        const blockEnd = performance.now() + BLOCK_MS;
        while (performance.now() < blockEnd) {
          const start = performance.now();
          await targets[i]();
          const ms = performance.now() - start;
          spent[i] += ms;
          if (phase === 'measure') {
            stats[i].calls += 1;
            stats[i].totalMs += ms;
            stats[i].samples.push(ms);
          }
        }
      }
    }
  }
  return stats;
}

export function pct(s, p) {
  const sorted = [...s.samples].sort((a, b) => a - b);
  return Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 1000,
  );
}

export function row(s) {
  return {
    'calls/s': Math.round(s.calls / (s.totalMs / 1000)),
    'p50 µs': pct(s, 50),
    'p99 µs': pct(s, 99),
    calls: s.calls,
  };
}
