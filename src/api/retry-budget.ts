/**
 * The retries one client's requests may spend between them, as in smithy's standard retry
 * strategy: a bucket of 500 tokens; a retry takes 5 (10 after a timeout, which held a connection
 * for all of --timeout); an answer that needed no retry puts 1 back, one that did puts back what
 * its last retry took. While a server fails everything, the requests in flight stop retrying
 * after about 100 retries between them, instead of each spending all of its --max-attempts.
 * Throttling does not spend it: the shared rate limiter slows down instead (rate-limit.ts).
 */

export const RETRY_CAPACITY = 500;
export const RETRY_COST = 5;
export const TIMEOUT_RETRY_COST = 10;
const NO_RETRY_INCREMENT = 1;

export class RetryBudget {
  private available: number;

  constructor(private readonly capacity = RETRY_CAPACITY) {
    this.available = capacity;
  }

  /** Tokens left. */
  get remaining(): number {
    return this.available;
  }

  /** Takes one retry's cost and returns it; undefined (nothing taken) when the budget cannot pay it. */
  take(afterTimeout: boolean): number | undefined {
    const cost = afterTimeout ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.available < cost) return undefined;
    this.available -= cost;
    return cost;
  }

  /** An answer got through; `lastCost` is what its last retry took, if it needed any. */
  release(lastCost?: number): void {
    this.available = Math.min(this.capacity, this.available + (lastCost ?? NO_RETRY_INCREMENT));
  }
}
