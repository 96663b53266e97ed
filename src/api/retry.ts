import { ApiError, TransportError } from '../errors.js';

/** Retry classification as pure predicates: what may be tried again, and how long to wait. */

const RETRYABLE_API_CODES = new Set(['InternalError', 'ServiceUnavailable']);

export function isThrottle(error: unknown): boolean {
  return error instanceof ApiError && error.code.startsWith('RequestLimitExceeded');
}

/**
 * `connected`: whether any request of this run has reached the server. A refused connection is
 * only worth retrying after that (a restarting server); before it, the endpoint is simply wrong.
 */
export function isRetryable(error: unknown, connected = true): boolean {
  if (error instanceof TransportError) return error.retryable && (connected || error.networkCode !== 'ECONNREFUSED');
  if (error instanceof ApiError) {
    // Size limits say the same request will fail again, however often it is sent.
    if (error.code.startsWith('RequestSizeLimitExceeded') || error.code.startsWith('ResponseSizeLimitExceeded')) return false;
    return isThrottle(error) || RETRYABLE_API_CODES.has(error.code) || error.code.startsWith('InternalError.');
  }
  return false;
}

export interface BackoffPolicy {
  /** First delay ceiling, milliseconds. */
  baseMs: number;
  /** Largest delay ceiling, milliseconds. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, capMs: 10_000 };

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
