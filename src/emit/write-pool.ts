/** Writes between two turns of the event loop. */
const YIELD_EVERY = 64;

/**
 * Keeps a bounded number of writes in flight, so that building the next file overlaps with
 * writing the previous ones while memory holds at most `limit` pending files. Every few writes
 * it lets the event loop turn, so that progress output and signal handlers (Ctrl-C) get through
 * even when the writes complete synchronously.
 * @example const pool = new WritePool(16); for (const f of files) await pool.add(out.write(f.path, f.text)); await pool.drain();
 */
export class WritePool {
  private readonly pending = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;
  private count = 0;

  constructor(private readonly limit: number) {}

  /** Track a write; waits while `limit` writes are in flight. Rethrows the first failure. */
  async add(write: Promise<unknown>): Promise<void> {
    const tracked: Promise<unknown> = write.then(
      () => this.pending.delete(tracked),
      (error: unknown) => {
        this.pending.delete(tracked);
        this.failure ??= { error };
      },
    );
    this.pending.add(tracked);
    while (this.pending.size >= this.limit) await Promise.race(this.pending);
    if (++this.count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (this.failure) throw this.failure.error;
  }

  /** Wait for every write; rethrows the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure.error;
  }
}
