import { parseArgs } from 'node:util';
import { isAuthkitError } from '../domain/errors.js';
import { doctor, listKeys, migrate, pruneKeys, rotateKeys } from './commands.js';
import type { CliIo } from './io.js';
import { serve } from './serve.js';

const USAGE = `usage: catalyst <command>

  migrate              apply pending database migrations
  keys rotate          add a new signing key (publishes first, signs after the JWKS cache window)
       [--immediate]   sign with it at once
  keys list            show each signing key's state (pending, active, retiring, retired)
  keys prune           delete retired keys (past their overlap window) and their private material
  doctor               check configuration and the database
  serve [--port N]     run the auth server on Node (default: $PORT or 3000)

Configuration comes from the environment: DATABASE_URL (absent: embedded PGlite in
CATALYST_DATA_DIR, default .catalyst/db), CATALYST_SECRET, CATALYST_BASE_URL.`;

/** Parses argv and runs one command; resolves to the exit code (serve resolves once listening). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      port: { type: 'string' },
      immediate: { type: 'boolean' },
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
    if (command === 'serve') {
      const port = Number(values.port ?? io.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`invalid --port: ${String(values.port)}`);
        return 2;
      }
      await serve(io, port);
      return 0;
    }
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
