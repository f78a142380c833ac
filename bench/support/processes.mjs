/* global fetch, AbortSignal */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free loopback port: bind port 0, read what the kernel chose, release it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Synchronous cleanups (kill a child, stop PostgreSQL, delete a temp dir) that must also run on
// Ctrl-C or an unexpected exit, so no server or cluster outlives the bench.
const cleanups = new Set();
let hooked = false;

function runCleanups() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Registers a synchronous cleanup; returns a function that runs it now (once) and forgets it. */
export function onCleanup(fn) {
  if (!hooked) {
    hooked = true;
    process.on('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping benchmark servers`);
        runCleanups();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    }
  }
  cleanups.add(fn);
  return () => {
    if (cleanups.delete(fn)) fn();
  };
}

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Spawns a server in its own process and waits until `readyUrl` answers 2xx (60 s at most).
 * stdout/stderr are always drained (a full pipe would stall the child) and the tail is kept so a
 * failure can show it.
 */
export async function startServer({ name, args, env, readyUrl, timeoutMs = 60_000 }) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      exited = { code: null, signal: null, error };
      resolve();
    });
  });
  const forget = onCleanup(() => {
    if (!exited) child.kill('SIGKILL');
  });

  const server = {
    name,
    output: () => output,
    /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const done = await Promise.race([exit.then(() => true), sleep(5000, false)]);
        if (!done) child.kill('SIGKILL');
        await exit;
      }
      forget();
    },
  };

  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited) {
        const why = exited.error?.message ?? `code ${exited.code}, signal ${exited.signal}`;
        throw new Error(`${name} exited before it was ready (${why})`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${name} did not answer ${readyUrl} within ${timeoutMs / 1000} s`);
      }
      const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) }).then(
        async (res) => (await res.arrayBuffer(), res.ok),
        () => false,
      );
      if (ok) return server;
      await sleep(100);
    }
  } catch (error) {
    await server.stop();
    throw withOutput(error, server);
  }
}

/** Attaches the tail of a server's output to an error so the report shows why it failed. */
export function withOutput(error, server) {
  const err = error instanceof Error ? error : new Error(String(error));
  if (!err.serverOutput)
    err.serverOutput = `${server.name} output:\n${server.output() || '(none)'}`;
  return err;
}
