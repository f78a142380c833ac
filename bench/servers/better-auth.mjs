// Better Auth with its defaults (memory adapter, email + password) on node:http via toNodeHandler.
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const db = { user: [], session: [], account: [], verification: [] };
const auth = betterAuth({
  baseURL: `http://localhost:${port}`,
  secret: process.env.BETTER_AUTH_SECRET,
  database: memoryAdapter(db),
  emailAndPassword: { enabled: true },
  // Its limiter is on by default under NODE_ENV=production (100 req / 10 s per IP) and would turn
  // the load into 429s; our session route has no limit either, so both are measured without one.
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
});

createServer(toNodeHandler(auth)).listen(port, '127.0.0.1', () =>
  console.log(`better-auth listening on ${port}`),
);
