import type { TatClient } from '../api/client.js';
import { isThrottle } from '../api/retry.js';
import { ApiError } from '../errors.js';
import type { Terminal } from './terminal/terminal.js';

/**
 * What a person sees while the client retries: one status line updated in place (not a line
 * per retry), cleared once the call gets through; and, once throttling has cost retries, the
 * `--rate-limit` value to try next time.
 */
export interface RetryFeedback {
  /** The client's `notice` option: called before each retry. */
  onRetry(line: string, retry: { throttled: boolean; slowedTo?: number }): void;
  /** Wraps the client so each call clears the status line and adds the hint. */
  wrap(client: TatClient): TatClient;
}

/** Half the rate that was throttled (or 10 when pacing was off): what to suggest with --rate-limit. */
export function suggestedRateLimit(rateLimit: number): number {
  return rateLimit > 0 ? Math.max(1, Math.floor(rateLimit / 2)) : 10;
}

export function rateLimitHint(rateLimit: number): string {
  return `The account is over its API request rate; run again with --rate-limit ${suggestedRateLimit(rateLimit)} (requests per second), or later.`;
}

/**
 * After throttling: the lowest pace the client slowed itself to, which the account's limit (shared
 * with whatever else uses it) is measured against; half the configured rate only when the client
 * did not pace (--rate-limit 0). Half the configured rate alone could still be over a limit that
 * other tools had mostly used up.
 */
function afterThrottling(rateLimit: number, slowest: number): number {
  return Number.isFinite(slowest) ? Math.max(1, Math.floor(slowest)) : suggestedRateLimit(rateLimit);
}

export function retryFeedback(ui: Pick<Terminal, 'status' | 'notice'>, rateLimit: number): RetryFeedback {
  let retrying = false;
  let throttles = 0;
  let slowest = Infinity;
  let suggested = false;
  return {
    onRetry(line, { throttled, slowedTo }) {
      retrying = true;
      if (throttled) throttles++;
      if (slowedTo !== undefined) slowest = Math.min(slowest, slowedTo);
      ui.status(line);
    },
    wrap(client) {
      return {
        pacing: client.pacing,
        async call(action, params, options) {
          try {
            const result = await client.call(action, params, options);
            if (throttles > 0 && !suggested) {
              suggested = true;
              ui.status(undefined);
              ui.notice(
                `Throttled ${throttles === 1 ? 'once' : `${throttles} times`}; next time try --rate-limit ${afterThrottling(rateLimit, slowest)} to avoid the retries.`,
              );
            }
            return result;
          } catch (error) {
            throw error instanceof ApiError && isThrottle(error)
              ? error.withContext({ hint: rateLimitHint(rateLimit) })
              : error;
          } finally {
            if (retrying) ui.status(undefined);
            retrying = false;
          }
        },
      };
    },
  };
}
