/**
 * A token bucket shared by every request of one run, so concurrent paging stays under the
 * account's limit (TAT: 20 requests/second by default) instead of bouncing off it.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    /** Burst size; one second's worth by default. */
    private readonly capacity = Math.max(1, perSecond),
  ) {
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Waits until a request may be sent. Callers are served in the order they asked. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.perSecond <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000), signal);
    }
  }
}
