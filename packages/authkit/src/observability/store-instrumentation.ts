import { SpanKind } from '@opentelemetry/api';
import type { StoreObserver } from './metrics.js';
import { recordFailure, tracer, withSpan } from './tracing.js';

export type { StoreObserver } from './metrics.js';

const now = () => performance.now();

/** Leading whitespace and SQL comments, skipped before reading the statement's keyword. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/** The statement's first keyword (`SELECT`, `INSERT`, …): never its text or parameters. */
export function sqlOperation(statement: unknown): string {
  const text =
    typeof statement === 'string'
      ? statement
      : typeof (statement as { text?: unknown } | null)?.text === 'string'
        ? (statement as { text: string }).text
        : '';
  const keyword = /^[A-Za-z]{1,20}\b/.exec(text.replace(LEADING_NOISE, ''));
  return keyword ? keyword[0].toUpperCase() : 'UNKNOWN';
}

/** Starts the `postgres.query` span and clock; the returned function ends both. */
function startQuery(statement: unknown, observer: StoreObserver | undefined) {
  const started = now();
  const span = tracer().startSpan('postgres.query', {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system': 'postgresql', 'db.operation': sqlOperation(statement) },
  });
  return (error?: unknown) => {
    if (error) recordFailure(span, error);
    span.end();
    observer?.query(now() - started);
  };
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Times one call of a query method, whichever of its promise or callback forms is used. */
function timedCall(
  original: AnyFunction,
  self: unknown,
  args: unknown[],
  observer: StoreObserver | undefined,
): unknown {
  const done = startQuery(args[0], observer);
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    const wrapped = [...args];
    wrapped[last] = (error: unknown, ...rest: unknown[]) => {
      done(error);
      return (callback as AnyFunction)(error, ...rest);
    };
    return original.apply(self, wrapped);
  }
  let result: unknown;
  try {
    result = original.apply(self, args);
  } catch (error) {
    done(error);
    throw error;
  }
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    (result as Promise<unknown>).then(
      () => done(),
      (error: unknown) => done(error),
    );
  } else {
    done(); // a submittable (cursor, stream): counted, its duration not followed
  }
  return result;
}

/**
 * node-postgres: every query of every pooled client, including those inside transactions (Drizzle
 * checks a client out for them), is seen by wrapping each client's `query` as the pool makes it.
 */
export function instrumentPgPool(
  pool: { on(event: 'connect', listener: (client: { query: unknown }) => void): unknown },
  observer?: StoreObserver,
): void {
  pool.on('connect', (client) => {
    const original = client.query as AnyFunction;
    client.query = function (this: unknown, ...args: unknown[]) {
      return timedCall(original, this, args, observer);
    };
  });
}

interface PgliteLike {
  query: AnyFunction;
  exec: AnyFunction;
  transaction: (fn: (tx: PgliteTx) => Promise<unknown>) => Promise<unknown>;
}

interface PgliteTx {
  query: AnyFunction;
  exec: AnyFunction;
  sql: AnyFunction;
}

/**
 * A view of `target` with some methods replaced. Other methods are bound to the real object,
 * whose private fields a Proxy receiver could not reach.
 */
function overlay<T extends object>(target: T, methods: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, prop) {
      if (typeof prop === 'string' && Object.hasOwn(methods, prop)) return methods[prop];
      const value: unknown = Reflect.get(object, prop, object);
      return typeof value === 'function' ? (value as AnyFunction).bind(object) : value;
    },
  });
}

function timedMethods<T extends object>(
  target: T,
  names: readonly string[],
  observer: StoreObserver | undefined,
): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const name of names) {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original === 'function')
      methods[name] = (...args: unknown[]) =>
        timedCall(original as AnyFunction, target, args, observer);
  }
  return methods;
}

/**
 * PGlite: a view of the client whose `query`/`exec` are timed, and whose transactions hand out a
 * timed transaction object (PGlite runs those through private methods, not `query`). The client
 * itself is left alone: one PGlite may be shared by several stores in a process.
 */
export function instrumentPglite<T extends object>(client: T, observer?: StoreObserver): T {
  const real = client as unknown as PgliteLike;
  return overlay(client, {
    ...timedMethods(real, ['query', 'exec'], observer),
    transaction: (fn: (tx: PgliteTx) => Promise<unknown>) =>
      real.transaction((tx) =>
        fn(overlay(tx, timedMethods(tx, ['query', 'exec', 'sql'], observer))),
      ),
  });
}

/** Times one store transaction (BEGIN to COMMIT/ROLLBACK) in a `postgres.transaction` span. */
export function timeTransaction<T>(
  observer: StoreObserver | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const started = now();
  return withSpan('postgres.transaction', { 'db.system': 'postgresql' }, run).finally(() =>
    observer?.transaction(now() - started),
  );
}
