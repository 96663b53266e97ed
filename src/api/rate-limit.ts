/**
 * The client's own pace, shared by every request of one run (and region), so concurrent paging
 * stays under the account's limit (TAT: 20 requests/second by default) instead of bouncing off it.
 *
 * - Steady state a little under the limit (`HEADROOM`), and bursts of at most `BURST` requests:
 *   the server's bucket (one second's worth) is never emptied, so nothing is throttled.
 * - When the server throttles anyway (other tools share the account, a lower limit), the rate is
 *   halved, once per round of requests in flight, and everyone waits out a `Retry-After` when one
 *   is sent; each answer that gets through raises it again by 5%, back up to the target.
 */

/** Share of the configured limit used in steady state. */
export const HEADROOM = 0.95;
/** Requests that may start at once after a pause (the paging window is 4). */
export const BURST = 4;
/** The rate never drops below this many requests per second. */
const MIN_RATE = 0.5;
/** The longest Retry-After honoured; a larger one is a hostile or broken server. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** What a caller of the client sees of its pace (a poller keeps to it rather than run its own). */
export interface Pacing {
  /** Requests per second now allowed (lower after throttling); 0 when pacing is off. */
  readonly rate: number;
  /**
   * Never faster than `perSecond` from now on, whatever --rate-limit said; pacing starts if it was
   * off. `burst` lowers how many requests may start at once (1: never more than `perSecond` in
   * any second, which a poller sending thousands of ids in its first round needs).
   */
  atMost(perSecond: number, burst?: number): void;
}

export class RateLimiter implements Pacing {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  /** Current requests per second (target until the server throttles). */
  private current: number;
  private target: number;
  private capacity: number;
  /** No request starts before this time (a Retry-After). */
  private pausedUntil = 0;
  /** When the rate was last lowered: throttles of requests sent before it are the same round. */
  private loweredAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** The configured limit (requests per second); 0 or less turns pacing off. */
    private limit: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    /** Burst size (default BURST, and never more than one second's worth). */
    private burst = BURST,
  ) {
    this.target = limit * HEADROOM;
    this.current = this.target;
    this.capacity = Math.max(1, Math.min(burst, Math.floor(this.target)));
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Requests per second the limiter currently allows (0: pacing is off). */
  get rate(): number {
    return this.paced ? this.current : 0;
  }

  /** Whether requests are paced at all (--rate-limit 0 turns it off). */
  get paced(): boolean {
    return this.limit > 0;
  }

  atMost(perSecond: number, burst = this.burst): void {
    if (perSecond <= 0) return;
    const wasPaced = this.paced;
    if (!wasPaced || perSecond < this.limit) {
      this.limit = perSecond;
      this.target = perSecond * HEADROOM;
      this.current = wasPaced ? Math.min(this.current, this.target) : this.target;
    }
    this.burst = Math.max(1, Math.min(this.burst, burst));
    this.capacity = Math.max(1, Math.min(this.burst, Math.floor(this.target)));
    if (wasPaced) {
      this.tokens = Math.min(this.tokens, this.capacity);
    } else {
      this.tokens = this.capacity;
      this.last = this.now();
    }
  }

  /** Waits until a request may be sent. Callers are served in the order they asked. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.limit <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The server said RequestLimitExceeded to a request sent at `sentAt`: slow down (once per
   * round of requests in flight), and pause everyone for `retryAfterMs` when the server asked.
   */
  throttled(sentAt: number, retryAfterMs?: number): void {
    if (this.limit <= 0) return;
    const now = this.now();
    if (retryAfterMs !== undefined && retryAfterMs > 0)
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
    if (sentAt < this.loweredAt) return;
    this.loweredAt = now;
    this.current = Math.max(MIN_RATE, this.current / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** An answer got through: creep back towards the target, 5% a time, so a lower limit is probed rarely. */
  succeeded(): void {
    if (this.limit <= 0 || this.current >= this.target) return;
    this.current = Math.min(this.target, this.current * 1.05);
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now, signal);
        this.last = this.now();
        continue;
      }
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.current);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.current) * 1000), signal);
    }
  }
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
