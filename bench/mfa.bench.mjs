/* global Request, TextEncoder, crypto, performance */
import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { createAuthkit } from '@catalyst/authkit/server';
import { Secret, TOTP } from 'otpauth';
import { generateSync } from 'otplib';
import { Bench } from 'tinybench';

// Pending sign-ins are made before the timing starts, all at one clock instant, and live 10
// minutes (PENDING_SECONDS). Each round moves the clock one TOTP step (30 s) so no code is
// refused as a replay, so at most 19 rounds fit in a pending state's life: more users, not more
// rounds, give more samples. BENCH_QUICK=1 shortens the run for a smoke test.
const QUICK = process.env.BENCH_QUICK === '1';
const USERS = QUICK ? 3 : 6;
const WARMUP_ROUNDS = QUICK ? 1 : 2;
const MEASURED_ROUNDS = QUICK ? 4 : 16;
const ROUNDS = WARMUP_ROUNDS + MEASURED_ROUNDS;
const MICRO = QUICK ? { time: 300, warmupTime: 100 } : { time: 700, warmupTime: 200 };
const STEP_MS = 30_000;
const PENDING_MS = 600_000;
if ((ROUNDS + 1) * STEP_MS >= PENDING_MS) throw new Error('more rounds than a pending state lives');

const BASE_URL = 'http://localhost:3000';
const API = `${BASE_URL}/api/auth`;
const PASSWORD = 'correct horse battery staple 42';
const CONNECTION = { ip: '127.0.0.1' };
const UNLIMITED = { points: 1_000_000_000, durationSeconds: 60 };

/**
 * What the second step of an MFA sign-in costs next to the password step, and what the TOTP
 * check inside it costs next to a hash.
 * (a) `POST /sign-in/second-factor` with a TOTP code (pending states made beforehand) vs
 *     `POST /sign-in` of an account without MFA, both through the in-process handler on embedded
 *     PGlite with the default argon2id parameters, alternating round by round.
 * (b) otpauth `TOTP.validate` with window 1, built from the base32 secret on every call as
 *     `totpStep` in packages/authkit/src/services/totp.ts does, vs one WebCrypto SHA-256.
 */
export async function mfaBench() {
  const loadBefore = loadavg()[0];
  const flow = await secondStepVsPassword();
  const micro = await totpCheckVsSha256();
  const cpus = availableParallelism();
  const busy = Math.max(loadBefore, loadavg()[0]) > cpus;
  return {
    title:
      'MFA: finishing a sign-in with a TOTP code vs a password sign-in; the TOTP check vs SHA-256',
    tables: [
      { caption: '(a) through the handler, PGlite, default argon2id', rows: flow.table },
      { caption: '(b) the TOTP check alone', rows: micro.table },
    ],
    summary: [
      ...flow.summary,
      ...micro.summary,
      `machine: ${cpus} CPUs; Node ${process.version}; load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}${busy ? ' -- machine busy, rerun on an idle machine' : ''}`,
      'ratios are informational: the bench never fails because of them',
    ],
  };
}

async function secondStepVsPassword() {
  // Codes come from otplib, an implementation independent of the server's otpauth. The clock is
  // the server's: moving it makes each round's code belong to a new time step.
  let now = Math.floor(Date.now() / STEP_MS) * STEP_MS + 1_000;
  const clock = { now: () => new Date(now) };
  const code = (secret) => generateSync({ secret, epoch: Math.floor(now / 1000) });
  const auth = createAuthkit({
    secret: randomBytes(32).toString('base64url'),
    baseUrl: BASE_URL,
    dataDir: 'memory://bench-mfa',
    clock,
    email: { send: async () => {} }, // sign-up's verification emails: dropped, not printed
    // Few accounts sign in many times from one address: lift the limits so the bench measures
    // work, not 429s. (secondFactorPerUser counts successful codes too.)
    rateLimits: {
      signUpPerIp: UNLIMITED,
      signInPerIp: UNLIMITED,
      signInPerEmail: UNLIMITED,
      secondFactorPerUser: UNLIMITED,
    },
  });
  await auth.api.ready();
  const send = (path, body, cookie) =>
    auth.handler(
      new Request(`${API}${path}`, {
        method: 'POST',
        headers: {
          origin: BASE_URL,
          'content-type': 'application/json',
          ...(cookie ? { cookie } : {}),
        },
        body: JSON.stringify(body),
      }),
      CONNECTION,
    );
  const expectOk = async (res, what) => {
    if (!res.ok) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const started = performance.now();
  try {
    const plain = 'plain@example.com';
    await expectOk(await send('/sign-up', { email: plain, password: PASSWORD }), 'sign-up');

    // MFA users: signed up, TOTP enrolled and confirmed (which uses up the current step).
    const users = await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const email = `mfa-${i}@example.com`;
        const signedUp = await expectOk(
          await send('/sign-up', { email, password: PASSWORD }),
          'sign-up',
        );
        const cookie = cookiesOf(signedUp);
        const enrol = await expectOk(await send('/me/mfa/totp', {}, cookie), 'enrol');
        const { secret } = await enrol.json();
        await expectOk(
          await send('/me/mfa/totp/confirm', { code: code(secret) }, cookie),
          'confirm',
        );
        return { email, secret, pending: [] };
      }),
    );

    // One pending state per user and round, made now (argon2 runs off the main thread, so a few
    // sign-ins at once finish sooner).
    const jobs = users.flatMap((user) => Array.from({ length: ROUNDS }, () => user));
    await pool(jobs, Math.max(2, availableParallelism()), async (user) => {
      const res = await expectOk(
        await send('/sign-in', { email: user.email, password: PASSWORD }),
        'pending sign-in',
      );
      const challenge = await res.json();
      if (challenge.mfaRequired !== true) throw new Error('expected an MFA challenge');
      const pending = /(?:^|,\s*)catalyst_pending=([^;]+)/.exec(
        res.headers.getSetCookie().join(', '),
      )?.[1];
      if (!pending) throw new Error('no pending cookie');
      user.pending.push(pending);
    });
    const setupSeconds = (performance.now() - started) / 1000;

    const totp = [];
    const password = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const measured = round >= WARMUP_ROUNDS;
      now += STEP_MS;
      for (const user of users) {
        const proof = { code: code(user.secret) }; // the authenticator app's part: not timed
        const cookie = `catalyst_pending=${user.pending[round]}`;
        const start = performance.now();
        const res = await send('/sign-in/second-factor', proof, cookie);
        const body = await res.text();
        const ms = performance.now() - start;
        if (res.status !== 200) throw new Error(`second factor answered ${res.status}: ${body}`);
        if (!measured && !JSON.parse(body).session.amr.includes('mfa')) {
          throw new Error('the second factor gave a session without mfa');
        }
        if (measured) totp.push(ms);
      }
      for (let i = 0; i < users.length; i += 1) {
        const start = performance.now();
        const res = await send('/sign-in', { email: plain, password: PASSWORD });
        const body = await res.text();
        const ms = performance.now() - start;
        if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${body}`);
        if (!measured && JSON.parse(body).session?.amr.join() !== 'pwd') {
          throw new Error('the password sign-in did not give a session');
        }
        if (measured) password.push(ms);
      }
    }

    const a = stats(totp);
    const b = stats(password);
    return {
      table: [
        { target: 'POST /sign-in/second-factor (TOTP code)', ...msRow(a) },
        { target: 'POST /sign-in (password, no MFA)', ...msRow(b) },
      ],
      summary: [
        `(a) second step ${a.rate.toFixed(1)}/s vs password sign-in ${b.rate.toFixed(1)}/s: ` +
          `the TOTP step runs ${(a.rate / b.rate).toFixed(1)}x as many per second; ` +
          `p50 ${fmt(a.p50)} vs ${fmt(b.p50)} ms (${(a.p50 / b.p50).toFixed(3)} of the password's), ` +
          `p95 ${fmt(a.p95)} vs ${fmt(b.p95)} ms (${(a.p95 / b.p95).toFixed(3)})`,
        `    so a full MFA sign-in (password, then code) takes about ${((a.p50 + b.p50) / b.p50).toFixed(2)}x a password-only one at p50`,
        `    (${USERS} MFA users x ${MEASURED_ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up rounds, one TOTP step apart, alternating with as many password sign-ins; setup with ${jobs.length} pending sign-ins ${setupSeconds.toFixed(1)} s)`,
      ],
    };
  } finally {
    await auth.api.close();
  }
}

/** `totpStep` of packages/authkit/src/services/totp.ts: the check the server runs per code. */
function serverTotpStep(secret, code, now) {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({
    issuer: 'Catalyst',
    label: 'account',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / 30) + delta;
}

async function totpCheckVsSha256() {
  const secret = new Secret({ size: 20 }).base32;
  const now = Date.now();
  const right = generateSync({ secret, epoch: Math.floor(now / 1000) });
  // A code valid in no step of the window: the worst case, three HMACs.
  const near = new Set(
    [-1, 0, 1].map((d) => generateSync({ secret, epoch: Math.floor(now / 1000) + d * 30 })),
  );
  let wrong = '000000';
  while (near.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0');
  const input = new TextEncoder().encode(`${secret}:${right}`);

  if (serverTotpStep(secret, right, now) === null) throw new Error('the right code was refused');
  if (serverTotpStep(secret, wrong, now) !== null) throw new Error('the wrong code was accepted');

  const names = {
    right: 'otpauth validate, window 1, current code',
    wrong: 'otpauth validate, window 1, wrong code (3 HMACs)',
    sha: 'WebCrypto SHA-256 of secret:code (baseline)',
    syncSha: 'node:crypto SHA-256 of secret:code (sync, for reference)',
  };
  const bench = new Bench(MICRO);
  bench
    .add(names.right, () => serverTotpStep(secret, right, now))
    .add(names.wrong, () => serverTotpStep(secret, wrong, now))
    .add(names.sha, () => crypto.subtle.digest('SHA-256', input))
    .add(names.syncSha, () => createHash('sha256').update(input).digest());
  await bench.run();
  const result = (name) => {
    const task = bench.tasks.find((t) => t.name === name).result;
    const s = stats(task.latency.samples);
    return { ...s, rate: task.throughput.mean };
  };
  const r = result(names.right);
  const w = result(names.wrong);
  const h = result(names.sha);
  const y = result(names.syncSha);
  const usRow = (s) => ({
    'ops/s': Math.round(s.rate),
    'p50 µs': (s.p50 * 1000).toFixed(2),
    'p95 µs': (s.p95 * 1000).toFixed(2),
    samples: s.n,
  });
  return {
    table: [
      { target: names.right, ...usRow(r) },
      { target: names.wrong, ...usRow(w) },
      { target: names.sha, ...usRow(h) },
      { target: names.syncSha, ...usRow(y) },
    ],
    summary: [
      `(b) TOTP check ${Math.round(r.rate)}/s (current code) and ${Math.round(w.rate)}/s (wrong code) vs SHA-256 ${Math.round(h.rate)}/s: ` +
        `${(h.rate / r.rate).toFixed(2)}x and ${(h.rate / w.rate).toFixed(2)}x the time of one hash; ` +
        `p50 ${(r.p50 * 1000).toFixed(2)} / ${(w.p50 * 1000).toFixed(2)} vs ${(h.p50 * 1000).toFixed(2)} µs`,
      `    WebCrypto's digest is a promise (a thread-pool hop); next to a synchronous node:crypto hash ` +
        `(${Math.round(y.rate)}/s) the check takes ${(y.rate / r.rate).toFixed(1)}x and ${(y.rate / w.rate).toFixed(1)}x the time`,
      `    (the check builds the TOTP from the base32 secret each call, as the server does; otpauth's HMAC-SHA1 is node:crypto's; tinybench ${MICRO.time / 1000} s each after ${MICRO.warmupTime / 1000} s warm-up)`,
    ],
  };
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function cookiesOf(res) {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Rate (per second of time inside the calls), p50 and p95 of samples in ms. */
function stats(samples) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return { n: sorted.length, rate: sorted.length / (total / 1000), p50: at(0.5), p95: at(0.95) };
}

const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

function msRow(s) {
  return {
    'ops/s': Number(s.rate.toFixed(1)),
    'p50 ms': fmt(s.p50),
    'p95 ms': fmt(s.p95),
    samples: s.n,
  };
}
