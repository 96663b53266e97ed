import type { TatClient } from '../api/client.js';
import { isThrottle } from '../api/retry.js';
import { ApiError } from '../errors.js';
import type { Ui } from './ui.js';

/**
 * What a person sees while the client retries: one status line updated in place (not a line
 * per retry), cleared once the call gets through; and, once throttling has cost retries, the
 * `--rate-limit` value that would avoid them.
 */
export interface RetryFeedback {
  /** The client's `notice` option: called before each retry. */
  onRetry(line: string, retry: { throttled: boolean }): void;
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

export function retryFeedback(ui: Ui, rateLimit: number): RetryFeedback {
  let retrying = false;
  let throttles = 0;
  let suggested = false;
  return {
    onRetry(line, { throttled }) {
      retrying = true;
      if (throttled) throttles++;
      ui.status(line);
    },
    wrap(client) {
      return {
        async call(action, params) {
          try {
            const result = await client.call(action, params);
            if (throttles > 0 && !suggested) {
              suggested = true;
              ui.status(undefined);
              ui.notice(`Throttled ${throttles === 1 ? 'once' : `${throttles} times`}; --rate-limit ${suggestedRateLimit(rateLimit)} would avoid the retries.`);
            }
            return result;
          } catch (error) {
            throw error instanceof ApiError && isThrottle(error) ? error.withContext({ hint: rateLimitHint(rateLimit) }) : error;
          } finally {
            if (retrying) ui.status(undefined);
            retrying = false;
          }
        },
      };
    },
  };
}
