/**
 * How often `wait` asks. The interval starts at --interval and grows by half after every round
 * in which nothing changed, up to 15 s (or --interval, if larger): a long wait costs few
 * requests, and a change brings it back to --interval at once.
 */

export const DEFAULT_INTERVAL_MS = 2_000;
export const MAX_BACKOFF_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_WAIT_MS = 10 * 60_000;
/** How long an id the API does not show yet is retried before it counts as missing. */
export const GRACE_MS = 30_000;
/** TAT's default API limit; the engine never sends faster, whatever --rate-limit says. */
export const MAX_REQUESTS_PER_SECOND = 20;
export const BACKOFF_FACTOR = 1.5;

export function nextDelay(current: number, base: number, changed: boolean): number {
  if (changed) return base;
  return Math.min(Math.max(base, MAX_BACKOFF_INTERVAL_MS), Math.round(current * BACKOFF_FACTOR));
}

/**
 * Regions with a request in flight at once. DescribeRegions decides how many regions
 * --all-regions waits in; a hostile or broken one listing thousands must not open thousands of
 * connections at once.
 */
export const MAX_REGIONS_AT_ONCE = 16;
