import type { TatClient } from '../api/client.js';

/**
 * A bound on the requests a run has in flight across all its regions' clients. Each region has
 * its own rate limit (TAT counts requests per region), so without it a DescribeRegions listing
 * thousands of regions (a hostile or broken endpoint) would have `--all-regions` open thousands
 * of connections at once: seconds of stalls, hundreds of MB, a warning about listeners.
 * Callers wait their turn in the order they asked.
 */

export const MAX_REQUESTS_IN_FLIGHT = 32;

export class InFlight {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit = MAX_REQUESTS_IN_FLIGHT) {}

  /** `client`, each call waiting for a free slot first. */
  wrap(client: TatClient): TatClient {
    return { call: (action, params) => this.run(() => client.call(action, params)), pacing: client.pacing };
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next caller, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
