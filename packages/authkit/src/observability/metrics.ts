import { Counter, Histogram, Registry } from 'prom-client';

/** What the webhook worker reports for one delivery attempt. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead' | 'gone';

/** The store's view of metrics: called once per query and per transaction (see open-store.ts). */
export interface StoreObserver {
  query(ms: number): void;
  transaction(ms: number): void;
}

/** Milliseconds: sub-millisecond cache hits up to slow requests. */
const REQUEST_BUCKETS = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];
/** Forward-auth mostly answers from caches in well under a millisecond. */
const FORWARD_AUTH_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000];
/** A worker run delivers a batch over the network: up to a minute. */
const WORKER_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000];

/** Tells `/orgs/:orgId` from raw paths: ids and invitation tokens must never become labels. */
const UNMATCHED_ROUTE = 'unmatched';
/** Any other method a client invents is counted as OTHER, so it cannot mint label values. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The Prometheus metrics of one auth server (DESIGN §6). Each instance owns its own registry,
 * never prom-client's global one, so several servers can live in one process (tests, Next layers).
 */
export class Metrics implements StoreObserver {
  readonly registry = new Registry();

  private readonly forwardAuthRequests = new Counter({
    name: 'forward_auth_requests_total',
    help: 'Forward-auth decisions, by HTTP status answered',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly forwardAuthDuration = new Histogram({
    name: 'forward_auth_request_duration_ms',
    help: 'Time to make one forward-auth decision (ms)',
    buckets: FORWARD_AUTH_BUCKETS,
    registers: [this.registry],
  });
  private readonly queries = new Counter({
    name: 'postgres_queries_total',
    help: 'Queries sent to the database (PostgreSQL or PGlite)',
    registers: [this.registry],
  });
  private readonly queryDuration = new Histogram({
    name: 'postgres_query_duration_ms',
    help: 'Query round-trip time (ms)',
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly transactions = new Counter({
    name: 'postgres_transactions_total',
    help: 'Store transactions (including advisory-locked ones), committed or rolled back',
    registers: [this.registry],
  });
  private readonly transactionDuration = new Histogram({
    name: 'postgres_transaction_duration_ms',
    help: 'Time from BEGIN to COMMIT or ROLLBACK (ms)',
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly workerRuns = new Counter({
    name: 'webhook_worker_runs_total',
    help: 'Webhook worker runs (one pass over the outbox)',
    registers: [this.registry],
  });
  private readonly workerRunDuration = new Histogram({
    name: 'webhook_worker_run_duration_ms',
    help: 'Time one webhook worker run took (ms)',
    buckets: WORKER_BUCKETS,
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'webhook_worker_deliveries_total',
    help: 'Webhook delivery attempts, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests to the auth server, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_ms',
    help: 'HTTP request handling time (ms), by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  private readonly directoryRequests = new Counter({
    name: 'directory_requests_total',
    help: 'Calls to an upstream directory (Authentik, Keycloak), by provider, operation and outcome',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly directoryRequestDuration = new Histogram({
    name: 'directory_request_duration_ms',
    help: 'Time one upstream directory call took (ms), by provider',
    labelNames: ['provider'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly directorySyncs = new Counter({
    name: 'directory_sync_runs_total',
    help: 'Directory sync runs, by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly directorySyncDuration = new Histogram({
    name: 'directory_sync_run_duration_ms',
    help: 'Time one directory sync run took, reading and writing (ms)',
    labelNames: ['provider'] as const,
    buckets: WORKER_BUCKETS,
    registers: [this.registry],
  });

  forwardAuthRequest(status: number, ms: number): void {
    this.forwardAuthRequests.inc({ status: String(status) });
    this.forwardAuthDuration.observe(ms);
  }

  query(ms: number): void {
    this.queries.inc();
    this.queryDuration.observe(ms);
  }

  transaction(ms: number): void {
    this.transactions.inc();
    this.transactionDuration.observe(ms);
  }

  workerRun(ms: number): void {
    this.workerRuns.inc();
    this.workerRunDuration.observe(ms);
  }

  delivery(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }

  /** `route` is the matched pattern (`/orgs/:orgId/keys`), or null when nothing matched. */
  httpRequest(method: string, route: string | null, status: number, ms: number): void {
    const upper = method.toUpperCase();
    const labels = {
      method: METHODS.has(upper) ? upper : 'OTHER',
      route: route ?? UNMATCHED_ROUTE,
    };
    this.httpRequests.inc({ ...labels, status: String(status) });
    this.httpDuration.observe(labels, ms);
  }

  /** One upstream directory call (the adapters' observer). */
  request(event: { provider: string; operation: string; outcome: string; durationMs: number }) {
    this.directoryRequests.inc({
      provider: event.provider,
      operation: event.operation,
      outcome: event.outcome,
    });
    this.directoryRequestDuration.observe({ provider: event.provider }, event.durationMs);
  }

  directorySync(provider: string, outcome: 'succeeded' | 'failed', ms: number): void {
    this.directorySyncs.inc({ provider, outcome });
    this.directorySyncDuration.observe({ provider }, ms);
  }

  /** The Prometheus text exposition format, with its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

export function createMetrics(): Metrics {
  return new Metrics();
}
