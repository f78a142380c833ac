import { attemptOutcome, DISABLE_AFTER_FAILING_MS, webhookPayload } from '../domain/webhooks.js';
import type { WebhookSender } from '../adapters/http/webhook-sender.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import type { ClaimedDelivery, FinishOutcome } from '../ports/webhook-store.js';
import { withSpan } from '../observability/tracing.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { signWebhook } from '../tokens/webhook-signature.js';

type FinishedAttempt = Parameters<StorePort['webhooks']['finish']>[1][number] & {
  outcome: FinishOutcome;
};

/** What the worker reports; the server's Metrics implements it. */
export interface WorkerMetrics {
  workerRun(ms: number): void;
  delivery(outcome: 'delivered' | 'retry' | 'dead' | 'gone'): void;
}

export interface WebhookWorkerOptions {
  /** Names this worker's claims (host and pid by default). */
  id: string;
  /** Deliveries claimed per run. */
  batchSize?: number;
  /** How long a claim holds; longer than the send timeout so a live worker never loses one. */
  leaseMs?: number;
  /** Idle wait between empty runs (a nudge wakes the worker sooner). */
  pollMs?: number;
  /** Retry delays after each failed attempt (Svix's by default; tests shorten it). */
  schedule?: readonly number[];
  disableAfterFailingMs?: number;
  metrics?: WorkerMetrics;
  /** Housekeeping between runs (reaping, pruning); at most once per `housekeepingMs`. */
  housekeeping?: () => Promise<unknown>;
  housekeepingMs?: number;
  log?: (event: { msg: string; error: string }) => void;
}

/**
 * Delivers webhooks from the outbox queue. Any number run side by side, in-process or as
 * `catalyst worker`: claims are leases taken with SKIP LOCKED, so a crashed worker's rows are
 * taken over when its lease ends, and every retry repeats the event's `webhook-id`.
 */
export class WebhookWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private inFlight = new Set<Promise<unknown>>();
  private secrets = new Map<string, Promise<string>>();
  private lastHousekeeping = 0;

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly send: WebhookSender,
    private readonly options: WebhookWorkerOptions,
  ) {}

  /** Claims one batch and delivers it; resolves to the number of deliveries attempted. */
  runOnce(): Promise<number> {
    return withSpan('webhook_worker.run_once', { 'worker.id': this.options.id }, async () => {
      const started = performance.now();
      const now = this.clock.now();
      const lease = new Date(now.getTime() + (this.options.leaseMs ?? 60_000));
      const claimed = await this.store.webhooks.claim(
        this.options.id,
        this.options.batchSize ?? 50,
        lease,
        now,
      );
      // Sends run side by side; their outcomes are recorded together, in one transaction.
      const sent = await Promise.all(claimed.map((delivery) => this.track(this.attempt(delivery))));
      const finished = sent.filter((f): f is FinishedAttempt => f !== null);
      await this.store.webhooks.finish(this.options.id, finished, {
        disableAfterFailingMs: this.options.disableAfterFailingMs ?? DISABLE_AFTER_FAILING_MS,
      });
      for (const f of finished) this.options.metrics?.delivery(f.outcome.kind);
      this.options.metrics?.workerRun(performance.now() - started);
      return claimed.length;
    });
  }

  /** Runs until `stop()`: back to back while there is work, otherwise every `pollMs`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let done = 0;
        try {
          done = await this.runOnce();
          await this.maybeHousekeep();
        } catch (error) {
          this.options.log?.({ msg: 'webhook worker run failed', error: (error as Error).name });
        }
        if (done === 0 && this.running) await this.idle(this.options.pollMs ?? 250);
      }
    })();
  }

  /** Wakes an idle worker (after a commit that queued deliveries). */
  nudge(): void {
    this.wake?.();
  }

  /**
   * Stops claiming, lets in-flight deliveries finish for up to `graceMs`, then puts whatever
   * this worker still holds back in the queue for another worker.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    this.nudge();
    const drained = Promise.all([this.loop, ...this.inFlight]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    await this.store.webhooks.release(this.options.id, this.clock.now());
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async maybeHousekeep(): Promise<void> {
    const every = this.options.housekeepingMs ?? 10 * 60_000;
    if (!this.options.housekeeping || Date.now() - this.lastHousekeeping < every) return;
    this.lastHousekeeping = Date.now();
    await this.options.housekeeping();
  }

  /** Decrypted secrets, cached by their sealed form (a rotation changes it). */
  private open(sealed: string): Promise<string> {
    let secret = this.secrets.get(sealed);
    if (!secret) {
      if (this.secrets.size > 1000) this.secrets.clear();
      secret = this.box.open(sealed);
      this.secrets.set(sealed, secret);
    }
    return secret;
  }

  private async signingSecrets(delivery: ClaimedDelivery, now: Date): Promise<string[]> {
    const { secretEncrypted, previousSecretEncrypted, previousSecretExpiresAt } = delivery.webhook;
    const secrets = [await this.open(secretEncrypted)];
    if (previousSecretEncrypted && previousSecretExpiresAt && previousSecretExpiresAt > now) {
      secrets.push(await this.open(previousSecretEncrypted));
    }
    return secrets;
  }

  /** Signs and sends one delivery; null when it could not even be attempted (its lease returns it). */
  private async attempt(delivery: ClaimedDelivery): Promise<FinishedAttempt | null> {
    try {
      const now = this.clock.now();
      const body = webhookPayload(delivery.event);
      const headers = signWebhook({
        secrets: await this.signingSecrets(delivery, now),
        id: delivery.eventId,
        timestamp: now,
        body,
      });
      const result = await this.send({ url: delivery.webhook.url, headers: { ...headers }, body });
      const outcome = attemptOutcome({
        attempts: delivery.attempts,
        status: result.status,
        retryAfterMs: result.retryAfterMs,
        now: this.clock.now(),
        ...(this.options.schedule ? { schedule: this.options.schedule } : {}),
      });
      return {
        delivery,
        outcome,
        attempt: {
          attemptedAt: now,
          statusCode: result.status,
          durationMs: result.durationMs,
          responseExcerpt: result.excerpt,
          error: result.error,
        },
      };
    } catch (error) {
      this.options.log?.({ msg: 'webhook delivery failed', error: (error as Error).name });
      return null;
    }
  }
}
