import { SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';

/**
 * OpenTelemetry spans (DESIGN §6) through `@opentelemetry/api` alone: a no-op until the app
 * registers an SDK. Only the API is imported here, so edge code may use this module too.
 */
export const TRACER_NAME = 'catalyst-sdk';

export type SpanAttributes = Record<string, string | number | boolean>;

/** The global tracer resolves lazily, so an SDK registered after import is still picked up. */
export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** An AuthkitError code or SQLSTATE, from the error or its causes (Drizzle wraps driver errors). */
function errorCode(error: unknown): string | undefined {
  let cause = error;
  for (let depth = 0; depth < 4 && cause && typeof cause === 'object'; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Marks a span failed with the error's class and code only: driver messages carry the failed
 * query's parameters (emails, hashes, tokens), and spans leave the process like logs do.
 */
export function recordFailure(span: Span, error: unknown): void {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const code = errorCode(error);
  span.recordException(code ? { name, message: code } : { name });
  span.setStatus({ code: SpanStatusCode.ERROR, message: code ?? name });
}

/**
 * Runs `fn` inside an active span `name`; spans started inside become its children. A throw or
 * rejection is recorded on the span (error status) and rethrown.
 */
export function withSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * `api` with every method (nested objects too) wrapped in a span named `<prefix>.<path>`, e.g.
 * `sdk.getSession`, `sdk.policies.evaluate`. Arguments never become attributes: they hold tokens.
 */
export function traceMethods<T extends object>(prefix: string, api: T): T {
  const traced: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    const span = `${prefix}.${name}`;
    if (typeof value === 'function') {
      traced[name] = (...args: unknown[]) =>
        withSpan(span, {}, async () => (value as (...a: unknown[]) => unknown).apply(api, args));
    } else if (value !== null && typeof value === 'object') {
      traced[name] = traceMethods(span, value);
    } else {
      traced[name] = value;
    }
  }
  return traced as T;
}
