import { ApiError, TransportError } from '../errors.js';

/**
 * Retry classification as pure predicates: what a failure says about the request, and so whether
 * it may be sent again. The client (client.ts) applies the verdict with its policy and budget.
 */

const RETRYABLE_API_CODES = new Set(['InternalError', 'ServiceUnavailable']);

/** The account is over its rate (RequestLimitExceeded*, or a gateway's HTTP 429): nothing was done. */
export function isThrottle(error: unknown): boolean {
  if (error instanceof TransportError) return error.facts.status === 429;
  return error instanceof ApiError && error.code.startsWith('RequestLimitExceeded');
}

/** The signature's time was refused: checked before anything else, so nothing was done. */
export function isSignatureExpired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'AuthFailure.SignatureExpire';
}

/**
 * A failure that may pass, for a request that can safely be sent again. `connected`: whether any
 * request of this run has reached the server. A refused connection is only worth retrying after
 * that (a restarting server); before it, the endpoint is simply wrong.
 */
export function isTransient(error: unknown, connected = true): boolean {
  if (error instanceof TransportError) return error.retryable && (connected || error.networkCode !== 'ECONNREFUSED');
  if (error instanceof ApiError) {
    // Size limits say the same request will fail again, however often it is sent.
    if (error.code.startsWith('RequestSizeLimitExceeded') || error.code.startsWith('ResponseSizeLimitExceeded'))
      return false;
    return isThrottle(error) || RETRYABLE_API_CODES.has(error.code) || error.code.startsWith('InternalError.');
  }
  return false;
}

/** The request provably never reached the server: it failed before a byte of it was sent. */
export function neverSent(error: unknown): boolean {
  return error instanceof TransportError && error.facts.beforeSending === true;
}

/**
 * What one failed attempt calls for:
 * - `skew`: signed for a time the server refused; correct the clock and send again (safe for a
 *   write: the signature is checked before anything is done);
 * - `throttled`: slow down and send again, without spending an attempt;
 * - `transient`: wait and send again, spending an attempt and some of the retry budget;
 * - `unknown`: a write that may have taken effect (sent, then no answer, or an answer saying the
 *   service failed inside): never sent again;
 * - `final`: the answer is the answer (a refused key, a wrong parameter): not sent again.
 */
export type Verdict = 'skew' | 'throttled' | 'transient' | 'unknown' | 'final';

export interface AttemptFacts {
  /** Sending it twice does no harm (a read). Writes are retried only when nothing was done. */
  idempotent: boolean;
  /** Some request of this run has reached the server. */
  connected: boolean;
}

export function classify(error: ApiError | TransportError, facts: AttemptFacts): Verdict {
  if (isSignatureExpired(error)) return 'skew';
  if (isThrottle(error)) return 'throttled';
  if (facts.idempotent || neverSent(error)) return isTransient(error, facts.connected) ? 'transient' : 'final';
  // A write that was sent. An API error other than the service failing inside is a refusal:
  // checked before the write was done, so the outcome is known (it did not happen).
  if (error instanceof ApiError) return isTransient(error) ? 'unknown' : 'final';
  // Sent, then a timeout, a reset, a gateway's 5xx, a body that is not an answer: unknown.
  return 'unknown';
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
