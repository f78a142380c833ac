import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { pickLoadTool, runLoad } from './support/load.mjs';
import {
  checkSignedIn,
  startBareNode,
  startBetterAuth,
  startOurs,
} from './support/session-targets.mjs';

// Durations in seconds; BENCH_QUICK=1 shortens them for a smoke run (numbers then mean little).
const QUICK = process.env.BENCH_QUICK === '1';
const BUSY = { connections: 64, seconds: QUICK ? 2 : 8 };
const QUIET = { connections: 4, seconds: QUICK ? 1 : 5 };
const WARMUP_SECONDS = QUICK ? 1 : 2;

const TARGETS = [
  { key: 'bare', label: 'bare node:http, static JSON (ceiling)', start: startBareNode },
  { key: 'betterAuth', label: 'Better Auth GET /get-session (memory)', start: startBetterAuth },
  { key: 'pglite', label: 'ours GET /session (PGlite)', start: () => startOurs('pglite') },
  { key: 'postgres', label: 'ours GET /session (PostgreSQL)', start: () => startOurs('postgres') },
];

// Targets from the issue we track.
const TARGET_RATIO = 3;
const TARGET_P99_MS = 10;

/**
 * Signed-in session check over HTTP, one server at a time in its own process, loaded by the same
 * tool from this process: bare node:http, Better Auth's getSession, ours on PGlite and PostgreSQL.
 */
export async function sessionBench() {
  const tool = pickLoadTool();
  const loadBefore = loadavg()[0];
  const results = {};
  const failures = [];
  for (const t of TARGETS) {
    let target;
    try {
      target = await t.start();
      // A signed-out 200 must never be counted as a session check.
      await checkSignedIn(target, 'before loading');
      const load = (shape) => runLoad(tool, { url: target.url, headers: target.headers, ...shape });
      await load({ connections: BUSY.connections, seconds: WARMUP_SECONDS });
      const busy = await load(BUSY);
      const quiet = await load(QUIET);
      // Still signed in at the end: the cookie did not expire or get revoked mid-run.
      await checkSignedIn(target, 'after loading');
      results[t.key] = { busy, quiet };
    } catch (error) {
      failures.push({ label: t.label, error });
      console.error(`\n[session bench] ${t.label} failed: ${error?.message ?? error}`);
      if (error?.serverOutput) console.error(error.serverOutput);
    } finally {
      await target?.stop();
    }
  }
  if (failures.length) process.exitCode = 1;

  const row = (t, phase) => {
    const r = results[t.key]?.[phase];
    if (!r) return { target: t.label, 'req/s': 'failed' };
    return {
      target: t.label,
      'req/s': Math.round(r.rps),
      'p50 (ms)': round(r.p50),
      'p99 (ms)': round(r.p99),
      requests: r.requests,
      'non-2xx': r.non2xx,
      'socket errors': r.errors,
    };
  };

  return {
    title: `Signed-in session check over HTTP (load tool: ${describeTool(tool)})`,
    tables: [
      {
        caption: `Throughput: ${BUSY.connections} connections, ${BUSY.seconds} s (after a ${WARMUP_SECONDS} s warm-up); p99 here is mostly queueing`,
        rows: TARGETS.map((t) => row(t, 'busy')),
      },
      {
        caption: `Latency: ${QUIET.connections} connections, ${QUIET.seconds} s (queueing kept low, closer to per-request cost)`,
        rows: TARGETS.map((t) => row(t, 'quiet')),
      },
    ],
    summary: [
      ...summarize(results, loadBefore),
      ...failures.map((f) => `FAILED ${f.label}: ${f.error?.message ?? f.error}`),
    ],
  };
}

function summarize(results, loadBefore) {
  const { bare, betterAuth, pglite, postgres } = results;
  const lines = [];
  const ratio = (a, b) => (a && b ? a.busy.rps / b.busy.rps : null);
  const fmt = (x) => (x === null ? 'n/a' : `${x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}x`);
  const ours = [
    ['PGlite', pglite],
    ['PostgreSQL', postgres],
  ];
  for (const [name, r] of ours) {
    lines.push(
      `ours(${name}) / Better Auth req/s: ${fmt(ratio(r, betterAuth))}   ours(${name}) / bare node: ${fmt(ratio(r, bare))}`,
    );
  }
  lines.push(
    `Better Auth / bare node req/s: ${fmt(ratio(betterAuth, bare))}`,
    `targets (issue): signed-in GET /session >= ${TARGET_RATIO}x Better Auth getSession req/s; p99 <= ${TARGET_P99_MS} ms`,
  );
  const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met');
  for (const [name, r] of ours) {
    const x = ratio(r, betterAuth);
    lines.push(
      `  ours(${name}): ${TARGET_RATIO}x Better Auth: ${verdict(x === null ? null : x >= TARGET_RATIO)} (${fmt(x)});` +
        ` p99 at ${BUSY.connections} conn: ${p99Verdict(r?.busy, verdict)};` +
        ` p99 at ${QUIET.connections} conn: ${p99Verdict(r?.quiet, verdict)}`,
    );
  }
  // Other work on the machine skews one target more than another (they run one after another),
  // so say how busy it was: a 1-min load average above the CPU count makes the ratios noisy.
  const cpus = availableParallelism();
  const busyMachine = Math.max(loadBefore, loadavg()[0]) > cpus;
  lines.push(
    `machine: ${cpus} CPUs shared by the server, the load tool and (for the PostgreSQL row) postgres; Node ${process.version}`,
    `load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}${busyMachine ? ' -- machine busy, numbers are noisy; rerun on an idle machine' : ''}`,
    'ratios are informational: the bench never fails because of them',
  );
  return lines;
}

function p99Verdict(r, verdict) {
  return r ? `${verdict(r.p99 <= TARGET_P99_MS)} (${round(r.p99)} ms)` : 'n/a';
}

function describeTool(tool) {
  if (tool !== 'wrk') return 'autocannon, in-process; latencies have 1 ms resolution';
  const v = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const version = /wrk\s+(\S+)/.exec(`${v.stdout}${v.stderr}`)?.[1];
  return `wrk${version ? ` ${version}` : ''}, -t1 --timeout 10s --latency`;
}

const round = (ms) => Math.round(ms * 100) / 100;
