import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracer } from '../../observability/tracing.js';
import type { ForwardAuthAnswer } from './responses.js';
import type { ForwardAuthDecisionEvent } from './types.js';

/**
 * The `forward_auth.request` span (DESIGN §6), through `@opentelemetry/api` alone so the handler
 * stays edge-safe. Attributes are the decision only: never tokens, cookies or claims.
 */
export function startDecisionSpan(): Span {
  return tracer().startSpan('forward_auth.request');
}

/** Runs `fn` with `span` active, so spans it starts (a revocation fetch) become its children. */
export function inSpan<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  return context.with(trace.setSpan(context.active(), span), fn);
}

/** Why the answer is what it is: `allowed`, `signed_out`, `invalid_token`, or the problem code. */
export function decisionReason(answer: ForwardAuthAnswer): string {
  if (answer.status === 200) return 'allowed';
  if (answer.status === 302) return 'signed_out';
  if (answer.status === 401) {
    const challenge = answer.headers.find(([name]) => name === 'www-authenticate')?.[1] ?? '';
    return challenge.includes('invalid_token') ? 'invalid_token' : 'signed_out';
  }
  // Problem bodies are built by responses.ts: a fixed code, nothing from the request.
  const code = /"code":"([a-z_]+)"/.exec(answer.body ?? '')?.[1];
  return code ?? `status_${answer.status}`;
}

type Event = Pick<ForwardAuthDecisionEvent, 'route' | 'cached'>;

export function endDecisionSpan(span: Span, answer: ForwardAuthAnswer, event: Event): void {
  span.setAttributes({
    'http.response.status_code': answer.status,
    'forward_auth.decision': decisionReason(answer),
    'forward_auth.route': event.route ?? '',
    'forward_auth.cached': event.cached ?? 'none',
  });
  if (answer.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
