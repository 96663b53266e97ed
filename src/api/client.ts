import type { Deps } from '../deps.js';
import { ApiError, OutcomeUnknownError, TransportError } from '../errors.js';
import { isIdempotent, type ActionName } from './actions.js';
import type { CredentialProvider, Credentials } from './credentials.js';
import { redactHeaders } from '../redact.js';
import { parseEnvelope } from './envelope.js';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, RateLimiter, type Pacing } from './rate-limit.js';
import { RetryBudget } from './retry-budget.js';
import { backoffDelay, classify } from './retry.js';
import { sign } from './sign.js';
import { DEFAULT_MAX_RESPONSE_BYTES, send, type HttpRequest, type HttpResponse } from './transport.js';
import { API_VERSION, SERVICE } from './types.js';

export interface ClientOptions {
  endpoint: URL;
  region: string;
  credentials: CredentialProvider;
  language?: string;
  timeoutMs: number;
  maxAttempts: number;
  /** No retry starts once this much time has gone by since the first attempt. */
  maxRetryTimeMs: number;
  /** `X-TC-RequestClient`, e.g. `tat-cli-0.1.0` (characters `[0-9a-zA-Z-_,;.]` only). */
  requestClient: string;
  deps: Pick<Deps, 'fetch' | 'now' | 'sleep' | 'random' | 'signal'>;
  rateLimiter?: RateLimiter;
  /** Names of the proxy variables set (HTTPS_PROXY...), for the hint after a network failure. */
  proxyVariables?: readonly string[];
  /** The retries this client's requests share (one is made when absent). */
  retryBudget?: RetryBudget;
  maxResponseBytes?: number;
  /** --debug trace lines (already redacted). */
  debug?(line: string): void;
  /** Short notices for a person at a terminal ("throttled, retrying in 0.8 s"), one per retry. */
  notice?(line: string, retry: { throttled: boolean; slowedTo?: number }): void;
  /** Warnings that always go to stderr (clock skew). */
  warn?(line: string): void;
  /**
   * Sends one signed request instead of transport.ts's `send` over `deps.fetch`: --dry-run passes
   * one that prints the request and ends the run (cli/curl.ts).
   */
  transport?(request: HttpRequest): Promise<HttpResponse>;
}

export interface CallOptions {
  /**
   * What --debug shows as the request's body instead of the one sent: the same parameters with
   * secret values replaced (`tat run`'s hidden parameters). The signature covers the real body.
   */
  shownAs?: object;
}

export interface TatClient {
  /** Sends one action, retried as its kind allows (actions.ts): reads when it may pass, writes only when nothing was done. */
  call(action: ActionName, params: object, options?: CallOptions): Promise<Record<string, unknown>>;
  /** The pace every request of this client keeps (rate-limit.ts): a poller keeps to it instead of a second limiter. */
  readonly pacing: Pacing;
}

const CONTENT_TYPE = 'application/json';

/** Skew beyond which we believe the server's `Date` over our clock (the API allows 5 minutes). */
const SKEW_TOLERANCE_MS = 60_000;
/**
 * Skew beyond which we do not believe it: signing for a time far off ours would hand a hostile
 * endpoint requests it could replay to the real API then.
 */
export const MAX_CLOCK_CORRECTION_MS = 24 * 3_600_000;
/**
 * Throttled answers are retried without spending an attempt (the rate limiter slows down
 * instead), up to this many times per call and within maxRetryTimeMs.
 */
export const MAX_THROTTLED_RETRIES = 30;

export function createClient(options: ClientOptions): TatClient {
  const { deps } = options;
  // Corrects our clock after an AuthFailure.SignatureExpire; shared by every later call.
  let clockOffsetMs = 0;
  // Whether any request of this run reached the server (see isTransient).
  let connected = false;
  // Unpaced (limit 0) unless given one: still there, so a poller can ask it for a ceiling.
  const limiter = options.rateLimiter ?? new RateLimiter(0, deps.now, deps.sleep);
  const budget = options.retryBudget ?? new RetryBudget();

  function buildRequest(action: string, body: string, credentials: Credentials): HttpRequest {
    const timestamp = Math.floor((deps.now() + clockOffsetMs) / 1000);
    const { authorization } = sign({
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      service: SERVICE,
      host: options.endpoint.hostname,
      contentType: CONTENT_TYPE,
      body,
      timestamp,
      action,
    });
    const headers: Record<string, string> = {
      Authorization: authorization,
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': action,
      'X-TC-Version': API_VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': options.region,
      'X-TC-RequestClient': options.requestClient,
    };
    if (credentials.token) headers['X-TC-Token'] = credentials.token;
    if (options.language) headers['X-TC-Language'] = options.language;
    return { url: options.endpoint, headers, body };
  }

  function trace(request: HttpRequest, attempt: number, shownBody: string): void {
    if (!options.debug) return;
    options.debug(`> POST ${request.url.href} (attempt ${attempt})`);
    for (const [name, value] of Object.entries(redactHeaders(request.headers))) options.debug(`> ${name}: ${value}`);
    options.debug(`> ${shownBody}`);
  }

  function traceResponse(response: HttpResponse, elapsedMs: number): void {
    if (!options.debug) return;
    options.debug(`< HTTP ${response.status} (${elapsedMs} ms)`);
    const date = response.headers.get('date');
    if (date) options.debug(`< Date: ${date}`);
    options.debug(
      `< ${response.body.length > 4000 ? `${response.body.slice(0, 4000)}… (${response.body.length} chars)` : response.body}`,
    );
  }

  /**
   * On a signature-expired answer, learn the server's time from its `Date` header, once, if it is
   * within a day of ours; further off, refuse (returns the error to throw).
   */
  function correctClock(response: HttpResponse | undefined, sentAt: number, error: ApiError): boolean | ApiError {
    const date = response?.headers.get('date') ?? '';
    const serverDate = Date.parse(date);
    if (Number.isNaN(serverDate)) return false;
    const offset = serverDate - sentAt;
    if (Math.abs(offset - clockOffsetMs) < SKEW_TOLERANCE_MS) return false;
    if (Math.abs(offset) > MAX_CLOCK_CORRECTION_MS) {
      const hours = Math.round(Math.abs(offset) / 3_600_000);
      return error.withContext({
        hint:
          `The server's clock (Date: ${JSON.stringify(date.slice(0, 64))}) is ${hours} hours ${offset > 0 ? 'ahead of' : 'behind'} this computer's: ` +
          'more than the 24 hours tat corrects for, so it did not sign a request for that time. ' +
          "Check this computer's clock (e.g. `timedatectl`) and that --endpoint / TAT_ENDPOINT is the real TAT endpoint.",
      });
    }
    clockOffsetMs = offset;
    options.warn?.(
      `warning: this computer's clock is off by ${Math.round(Math.abs(offset) / 1000)} seconds (${offset > 0 ? 'behind' : 'ahead of'} the server); ` +
        'tat corrected for it, but please sync your clock (e.g. `timedatectl set-ntp true`).',
    );
    return true;
  }

  /**
   * Throttled: slow the shared pace down (or back off when pacing is off) and send again without
   * spending an attempt, up to MAX_THROTTLED_RETRIES times and within maxRetryTimeMs.
   */
  async function afterThrottle(
    error: ApiError | TransportError,
    response: HttpResponse | undefined,
    sentAt: number,
    throttles: number,
    elapsed: number,
  ): Promise<void> {
    if (throttles > MAX_THROTTLED_RETRIES || elapsed >= options.maxRetryTimeMs)
      throw error.withContext({
        message: `${error.message} (still throttled after ${throttles} tries; lower --rate-limit if other tools share the account)`,
      });
    const retryAfter = parseRetryAfter(response?.headers.get('retry-after'), deps.now());
    const why = error instanceof ApiError ? error.code : error.message;
    if (limiter.paced) {
      limiter.throttled(sentAt, retryAfter);
      const rate = limiter.rate.toFixed(1);
      options.debug?.(
        `retry: ${why}; slowing down to ${rate} requests/s${retryAfter === undefined ? '' : ` after the ${retryAfter} ms the server asked for`}`,
      );
      options.notice?.(`throttled, slowing down to ${rate} requests/s`, { throttled: true, slowedTo: limiter.rate });
      return;
    }
    const delay = Math.min(retryAfter ?? backoffDelay(throttles, deps.random), MAX_RETRY_AFTER_MS);
    options.debug?.(`retry: ${why}; retrying in ${delay} ms`);
    options.notice?.(`throttled, retrying in ${(delay / 1000).toFixed(1)} s`, { throttled: true });
    await deps.sleep(delay, deps.signal);
  }

  function sendOnce(request: HttpRequest, idempotent: boolean): Promise<HttpResponse> {
    if (options.transport) return options.transport(request);
    return send(deps.fetch, request, {
      timeoutMs: options.timeoutMs,
      signal: deps.signal,
      maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      fresh: !idempotent,
      proxyVariables: options.proxyVariables,
    });
  }

  async function call(
    action: ActionName,
    params: object,
    callOptions: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    // Serialise once: the signature covers exactly these bytes, on every attempt.
    const body = JSON.stringify(params);
    const shownBody = callOptions.shownAs === undefined ? body : JSON.stringify(callOptions.shownAs);
    const idempotent = isIdempotent(action);
    const started = deps.now();
    let skewCorrected = false;
    let throttles = 0;
    let attempt = 1;
    let lastRetryCost: number | undefined;
    for (;;) {
      const credentials = await options.credentials();
      await limiter.acquire(deps.signal);
      const request = buildRequest(action, body, credentials);
      trace(request, attempt, shownBody);
      const sentAt = deps.now();
      let response: HttpResponse | undefined;
      try {
        response = await sendOnce(request, idempotent);
        connected = true;
        traceResponse(response, deps.now() - sentAt);
        const answer = parseEnvelope(action, request.url.host, response);
        limiter.succeeded();
        budget.release(lastRetryCost);
        return answer;
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof TransportError)) throw error;
        const verdict = classify(error, { idempotent, connected });
        if (verdict === 'skew' && !skewCorrected && error instanceof ApiError) {
          skewCorrected = true;
          const corrected = correctClock(response, sentAt, error);
          if (corrected instanceof ApiError) throw corrected;
          if (corrected) {
            options.debug?.(`retry: ${error.code}: retrying at once with the server's time`);
            continue;
          }
        }
        if (verdict === 'throttled') {
          // Not a failure of this request: the run is too fast.
          await afterThrottle(error, response, sentAt, ++throttles, deps.now() - started);
          continue;
        }
        if (verdict === 'unknown') throw new OutcomeUnknownError(action, sentAt, error);
        if (verdict !== 'transient') throw error;
        if (attempt >= options.maxAttempts || deps.now() - started >= options.maxRetryTimeMs)
          throw attempt > 1
            ? error.withContext({ message: `${error.message} (gave up after ${attempt} attempts)` })
            : error;
        const cost = budget.take(error instanceof TransportError && error.facts.timedOut === true);
        if (cost === undefined)
          throw error.withContext({
            message: `${error.message} (not retried: so many requests failed that the run's retry budget is spent)`,
          });
        lastRetryCost = cost;
        const delay = backoffDelay(attempt, deps.random);
        const why = error instanceof ApiError ? error.code : error.message;
        options.debug?.(`retry: attempt ${attempt} failed (${why}); retrying in ${delay} ms`);
        options.notice?.(
          `request failed, retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${options.maxAttempts})`,
          { throttled: false },
        );
        attempt++;
        await deps.sleep(delay, deps.signal);
      }
    }
  }

  return { call, pacing: limiter };
}
