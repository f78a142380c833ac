import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { onCleanup } from './processes.mjs';

/** 'wrk' when it is on PATH (native, so it barely competes with the servers for CPU), else 'autocannon'. */
export function pickLoadTool() {
  // BENCH_LOAD_TOOL=autocannon forces the fallback (e.g. to compare the tools on one machine).
  const forced = process.env.BENCH_LOAD_TOOL;
  if (forced === 'wrk' || forced === 'autocannon') return forced;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, 'wrk'), constants.X_OK);
      return 'wrk';
    } catch {
      // not in this directory
    }
  }
  return 'autocannon';
}

/**
 * Loads `url` with `connections` keep-alive connections for `seconds`.
 * Resolves to { rps, p50, p99 (ms), requests, non2xx, errors }.
 */
export function runLoad(tool, { url, headers = {}, connections, seconds, script }) {
  if (script && tool !== 'wrk') throw new Error('a request script needs wrk');
  return tool === 'wrk'
    ? runWrk({ url, headers, connections, seconds, script })
    : runAutocannon({ url, headers, connections, seconds });
}

async function runAutocannon({ url, headers, connections, seconds }) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    // autocannon counts timeouts inside errors as well
    errors: result.errors,
  };
}

function runWrk({ url, headers, connections, seconds, script }) {
  // --timeout 10s (autocannon's default) so slow answers under queueing are measured, not dropped.
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency'];
  // A Lua script varies each request (e.g. a different token every time).
  if (script) args.push('-s', script);
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const forget = onCleanup(() => child.exitCode === null && child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('error', (error) => {
      forget();
      reject(error);
    });
    child.once('close', (code) => {
      forget();
      try {
        if (code !== 0) throw new Error(`exited with code ${code}`);
        resolve(parseWrk(out));
      } catch (error) {
        reject(new Error(`wrk ${args.join(' ')}: ${error.message}\n${out}`));
      }
    });
  });
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses wrk's text report (there is no machine-readable one without a Lua script). */
export function parseWrk(text) {
  const number = (re, label) => {
    const m = re.exec(text);
    if (!m) throw new Error(`no ${label} in wrk output`);
    return m;
  };
  const latency = (pct) => {
    const m = number(new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm'), `${pct}%`);
    return Number(m[1]) * UNIT_MS[m[2]];
  };
  // wrk counts a status >= 400 here ("Non-2xx or 3xx"): 3xx pass. The session bench checks the
  // real response before and after loading, so a redirect would not go unnoticed.
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    rps: Number(number(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')[1]),
    p50: latency(50),
    p99: latency(99),
    requests: Number(number(/(\d+) requests in /, 'request count')[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
