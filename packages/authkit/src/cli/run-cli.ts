import { parseArgs } from 'node:util';
import { isAuthkitError } from '../domain/errors.js';
import { doctor, listKeys, migrate, pruneKeys, rotateKeys } from './commands.js';
import { serveForwardAuth } from './forward-auth-server.js';
import type { CliIo } from './io.js';
import { serve } from './serve.js';
import { snippetCommand } from './snippet-command.js';
import { tokenCommand } from './token-command.js';
import { auditCommand } from './audit-command.js';
import { usersCommand } from './users-command.js';
import { workerCommand } from './worker-command.js';

const USAGE = `usage: catalyst <command>

  migrate              apply pending database migrations
  keys rotate          add a new signing key (publishes first, signs after the JWKS cache window)
       [--immediate]   sign with it at once
  keys list            show each signing key's state (pending, active, retiring, retired)
  keys prune           delete retired keys (past their overlap window) and their private material
  doctor               check configuration and the database
  serve [--port N] [--no-worker]
                       run the auth server on Node (default: $PORT or 3000), with a webhook
                       delivery worker inside unless --no-worker
  forward-auth --port N [--config forward-auth.json] [--hostname H]
                       run forward-auth alone for Traefik, Caddy or nginx: issuer, JWKS and
                       revocations from CATALYST_BASE_URL, proxies from CATALYST_TRUSTED_PROXIES
  snippet traefik|caddy|nginx [--auth-url URL] [--upstream URL] [--host HOST]
       [--format labels|file] [--listen ADDR]
                       print proxy configuration for forward-auth (auth URL: CATALYST_BASE_URL)
  token [--scope "a b"] [--audience X] [--url BASE] [--key ck_…]
                       exchange an API key for an access token and print it alone; the key
                       comes from CATALYST_API_KEY (keeps it out of the process list)
  token --github-actions AUDIENCE [--policy wtp_…] [--scope "a b"] [--url BASE]
                       in a GitHub Actions job (id-token: write): exchange the job's OIDC
                       token, asked for AUDIENCE, under the org's trust policy; any other
                       issuer's JWT can come from CATALYST_WORKLOAD_TOKEN

  users list           list accounts with their platform roles
  users create EMAIL   create an account (password from CATALYST_USER_PASSWORD)
  users promote EMAIL [--role admin|support]
                       give an account a platform role (default admin); audited
  users demote EMAIL   remove an account's platform roles; audited
  users ban EMAIL [--reason TEXT] [--until ISO]   end every session and refuse sign-in
  users unban EMAIL    lift a ban
  audit verify [--org ID]
                       recompute the audit log's hash chains (one org, or all) and name the
                       first edited, inserted or deleted row
  worker               deliver webhooks from the outbox and reap expired sessions until stopped
                       (SIGTERM finishes or releases claimed deliveries); run any number

Configuration comes from the environment: DATABASE_URL (absent: embedded PGlite in
CATALYST_DATA_DIR, default .catalyst/db), CATALYST_SECRET, CATALYST_BASE_URL.`;

function parsePort(value: string | undefined, fallback: string | number): number | null {
  const port = Number(value ?? fallback);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

/** Parses argv and runs one command; resolves to the exit code (serve resolves once listening). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      port: { type: 'string' },
      immediate: { type: 'boolean' },
      config: { type: 'string' },
      hostname: { type: 'string' },
      'auth-url': { type: 'string' },
      upstream: { type: 'string' },
      host: { type: 'string' },
      format: { type: 'string' },
      listen: { type: 'string' },
      key: { type: 'string' },
      'github-actions': { type: 'string' },
      policy: { type: 'string' },
      scope: { type: 'string' },
      audience: { type: 'string' },
      url: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      reason: { type: 'string' },
      until: { type: 'string' },
      'no-worker': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  try {
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 1;
    }
    if (command === 'migrate') return await migrate(io);
    if (command === 'doctor') return await doctor(io);
    if (command === 'keys' && sub === 'rotate')
      return await rotateKeys(io, values.immediate === true);
    if (command === 'keys' && sub === 'list') return await listKeys(io);
    if (command === 'keys' && sub === 'prune') return await pruneKeys(io);
    const text = (name: string) =>
      typeof values[name] === 'string' ? (values[name] as string) : undefined;
    if (command === 'serve') {
      const port = parsePort(text('port'), io.env.PORT ?? 3000);
      if (port === null) {
        io.err(`invalid --port: ${String(values.port)}`);
        return 2;
      }
      await serve(io, port, undefined, { worker: values['no-worker'] !== true });
      return 0;
    }
    if (command === 'forward-auth') {
      const port = parsePort(text('port'), io.env.PORT ?? 4181);
      if (port === null) {
        io.err(`invalid --port: ${String(values.port)}`);
        return 2;
      }
      await serveForwardAuth(io, {
        port,
        ...(text('hostname') ? { hostname: text('hostname') } : {}),
        ...(text('config') ? { configPath: text('config') } : {}),
      });
      return 0;
    }
    if (command === 'snippet')
      return snippetCommand(io, {
        proxy: sub,
        authUrl: text('auth-url'),
        upstream: text('upstream'),
        host: text('host'),
        format: text('format'),
        listen: text('listen'),
      });
    if (command === 'token')
      return await tokenCommand(io, {
        key: text('key'),
        githubAudience: text('github-actions'),
        policy: text('policy'),
        scope: text('scope'),
        audience: text('audience'),
        url: text('url'),
      });
    if (command === 'audit') return await auditCommand(io, { sub, org: text('org') });
    if (command === 'users')
      return await usersCommand(io, {
        sub,
        target: positionals[2],
        role: text('role'),
        reason: text('reason'),
        until: text('until'),
      });
    if (command === 'worker') return await workerCommand(io);
    io.err(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    io.err(
      isAuthkitError(error)
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error),
    );
    return 1;
  }
}
