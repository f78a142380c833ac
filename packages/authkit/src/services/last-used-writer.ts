/**
 * `lastUsedAt` values noted on a hot path (a token exchange) and written behind in one statement
 * within `delayMs`: the exchange never waits on a write, and a burst costs one update.
 */
export class LastUsedWriter {
  private readonly pending = new Map<string, Date>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly write: (entries: Array<{ id: string; at: Date }>) => Promise<void>,
    private readonly delayMs = 5000,
  ) {}

  note(id: string, at: Date): void {
    this.pending.set(id, at);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.delayMs);
    // Never keeps a process (a CLI, a test) alive on its own.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** When `id` was last used but not yet written. */
  get(id: string): Date | undefined {
    return this.pending.get(id);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = [...this.pending].map(([id, at]) => ({ id, at }));
    this.pending.clear();
    await this.write(entries);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush().catch(() => undefined);
  }
}
