import type { Fetch, FetchResponse } from '../deps.js';
import { TransportError } from '../errors.js';
import { DEFAULT_ENDPOINT } from '../values.js';

/** One HTTP exchange: no retries, no signing; turns every failure into a TransportError. */

export interface HttpRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: FetchResponse['headers'];
  body: string;
}

export interface SendOptions {
  timeoutMs: number;
  /** The run's interrupt signal; its abort is passed through untouched. */
  signal: AbortSignal;
  /** Bodies larger than this are refused rather than read into memory. */
  maxBytes: number;
  /** On a new connection (writes: see FetchInit.fresh). */
  fresh?: boolean;
  /** The proxy variables set (names only: values may hold a password), for hints on network failures. */
  proxyVariables?: readonly string[];
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const DEFAULT_HOST = new URL(DEFAULT_ENDPOINT).host;

/** Network error codes worth another attempt. ENOTFOUND is not: a wrong host stays wrong. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * Codes that only happen before a connection exists (name lookup, connect), so before any byte
 * of the request was sent. Not ETIMEDOUT, EHOSTUNREACH or ENETUNREACH: an established connection
 * can end with them too, after the request went out.
 */
const BEFORE_SENDING_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string') return code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

export async function send(fetch: Fetch, request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  // One controller per request, aborted by its timer or by the run's signal. Not AbortSignal.any:
  // on Node 20 it leaves a WeakRef in the run's long-lived signal for every request, never freed
  // (one per page of a listing: 10,000 for a million invocations).
  const controller = new AbortController();
  const signal = controller.signal;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const interrupted = (): void => controller.abort(options.signal.reason);
  if (options.signal.aborted) interrupted();
  else options.signal.addEventListener('abort', interrupted, { once: true });
  const where = request.url.host;
  const seconds = formatSeconds(options.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      fresh: options.fresh,
    });
    if (response.status >= 300 && response.status < 400) {
      await discard(response.body);
      const location = response.headers.get('location');
      throw new TransportError(
        `${where} answered with a redirect (HTTP ${response.status}${location ? ` to ${location}` : ''}); tat does not follow redirects`,
        false,
        'Point --endpoint (or TAT_ENDPOINT) at the API host itself, e.g. tat.tencentcloudapi.com.',
        undefined,
        { status: response.status },
      );
    }
    let body: string;
    try {
      body = await readCapped(response, options.maxBytes, where);
    } catch (error) {
      if (error instanceof TransportError || signal.aborted) throw error;
      throw new TransportError(
        `request to ${where} failed: the connection closed before the answer was complete (${networkErrorCode(error) ?? 'closed'})`,
        true,
      );
    }
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (error instanceof TransportError) throw error;
    if (timedOut)
      throw new TransportError(
        `${where} did not answer within ${seconds}`,
        true,
        'Check the network, or allow longer with --timeout (e.g. --timeout 60s).',
        undefined,
        {
          timedOut: true,
        },
      );
    throw describeFailure(error, request.url, options.proxyVariables ?? []);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', interrupted);
  }
}

/** What OpenSSL says when the other end answers a TLS hello in plain HTTP (or not TLS at all). */
const NOT_TLS = /wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request/i;

function describeFailure(error: unknown, url: URL, proxyVariables: readonly string[]): TransportError {
  const where = url.host;
  const code = networkErrorCode(error);
  const proxy = typeof error === 'object' && error !== null && 'proxy' in error ? error.proxy : undefined;
  // Only the proxy layer (proxy.ts, tunnel.ts) sets a string `proxy` on what it throws.
  if (typeof proxy === 'string') return proxyFailure(error as ProxyFailureLike, url);
  if (url.protocol === 'https:' && NOT_TLS.test(`${code ?? ''} ${messageChain(error)}`))
    return new TransportError(
      `${where} does not speak HTTPS (the TLS handshake failed: ${code ?? 'not TLS'})`,
      false,
      `If it is a plain-HTTP server such as the emulator, use http://: --endpoint http://${where}`,
      code,
      // The request is written only after the handshake.
      { beforeSending: true },
    );
  // ECONNREFUSED is retryable here; the client retries it only once a connection had worked.
  const retryable = code !== undefined && (RETRYABLE_NETWORK_CODES.has(code) || code === 'ECONNREFUSED');
  return new TransportError(
    `request to ${where} failed: ${code ? describeNetworkCode(code) : messageChain(error)}`,
    retryable,
    hintForNetworkCode(code, url, proxyVariables),
    code,
    { beforeSending: code !== undefined && BEFORE_SENDING_CODES.has(code) },
  );
}

interface ProxyFailureLike {
  proxy: string;
  code?: string;
  proxyStatus?: number;
  cause?: unknown;
}

const PROXY_ENV = 'HTTPS_PROXY / HTTP_PROXY';

/** Failures at the proxy name the proxy, not the endpoint behind it. */
function proxyFailure(error: ProxyFailureLike, url: URL): TransportError {
  // The proxy layer throws these only while opening the tunnel, before the request is written.
  const failure = describeProxyFailure(error, url);
  return new TransportError(failure.message, failure.retryable, failure.hint, failure.networkCode, {
    beforeSending: true,
  });
}

function describeProxyFailure(error: ProxyFailureLike, url: URL): TransportError {
  const { proxy, proxyStatus } = error;
  const via = `request to ${url.host} through the proxy ${proxy} failed`;
  const noProxy = `or, if ${url.hostname} is reachable directly, add it to NO_PROXY`;
  if (proxyStatus === 407)
    return new TransportError(
      `${via}: the proxy requires authentication (HTTP 407)`,
      false,
      `Put the proxy's user and password in its URL (e.g. HTTPS_PROXY=http://user:password@host:port), ${noProxy}.`,
    );
  if (proxyStatus !== undefined)
    return new TransportError(
      `${via}: the proxy refused to connect to ${url.host} (HTTP ${proxyStatus})`,
      proxyStatus >= 500,
      `Ask the proxy's administrator to allow ${url.host}, ${noProxy}.`,
    );
  const code = error.code ?? networkErrorCode(error.cause);
  if (code === 'ECONNREFUSED')
    return new TransportError(
      `${via}: nothing is listening at the proxy (ECONNREFUSED)`,
      false,
      `Check ${PROXY_ENV} (is the proxy running?), ${noProxy}.`,
      code,
    );
  if (code === 'ENOTFOUND')
    return new TransportError(
      `${via}: the proxy's host does not resolve (ENOTFOUND)`,
      false,
      `Check ${PROXY_ENV}, ${noProxy}.`,
      code,
    );
  const retryable = code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
  const what =
    code === 'ECONNRESET'
      ? `the proxy closed the connection without answering (${code})`
      : `the proxy failed: ${code ? describeNetworkCode(code) : messageChain(error.cause)}`;
  return new TransportError(`${via}: ${what}`, retryable, `Check the proxy (${PROXY_ENV}), ${noProxy}.`, code);
}

/** Drops a body we will not read (the connection is closed rather than drained). */
async function discard(body: AsyncIterable<Uint8Array> | null): Promise<void> {
  await body?.[Symbol.asyncIterator]().return?.();
}

/** `fetch failed: bad port`: fetch's own message says little; its causes say what happened. */
function messageChain(error: unknown): string {
  const parts: string[] = [];
  // Duck-typed: fetch's errors may come from another realm, where `instanceof Error` is false.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const message = 'message' in current ? current.message : undefined;
    const cause = 'cause' in current ? current.cause : undefined;
    if (typeof message === 'string' && message !== '') parts.push(message);
    current = cause;
  }
  return parts.join(': ') || String(error);
}

const NETWORK_CODE_MEANINGS: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host was not found',
  EAI_AGAIN: 'the DNS lookup failed for now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed before the answer was complete',
  UND_ERR_CLOSED: 'the connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

function describeNetworkCode(code: string): string {
  const meaning = NETWORK_CODE_MEANINGS[code];
  return meaning ? `${meaning} (${code})` : code;
}

/** Failures that say this computer reaches nothing, when the host is one that exists. */
const NO_NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

function hintForNetworkCode(code: string | undefined, url: URL, proxyVariables: readonly string[]): string {
  // The default endpoint exists: not resolving it or not reaching it says nothing about settings
  // the user may never have made, and everything about this computer's network.
  if (code !== undefined && NO_NETWORK_CODES.has(code) && url.host === DEFAULT_HOST) {
    const proxies =
      proxyVariables.length === 0
        ? ''
        : ` The proxy variables set (${proxyVariables.join(', ')}) did not send it through a proxy: check them, e.g. whether NO_PROXY names this host.`;
    return `${url.hostname} is Tencent Cloud's API host, so this looks like no network or no DNS on this computer: check the connection (e.g. \`getent hosts ${url.hostname}\`).${proxies}`;
  }
  if (code === 'ENOTFOUND') return `The host ${url.hostname} does not resolve; check --endpoint or TAT_ENDPOINT.`;
  if (code === 'ECONNREFUSED')
    return `Nothing is listening at ${url.host}; check --endpoint or TAT_ENDPOINT (is the emulator running?).`;
  return 'Check the network, any proxy (HTTPS_PROXY) and the endpoint, then try again.';
}

async function readCapped(response: FetchResponse, maxBytes: number, where: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const tooBig = (): TransportError =>
    new TransportError(
      `${where} sent a response larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; refusing to read it`,
      false,
    );
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response.body);
    throw tooBig();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the cap) returns the iterator, which drops the connection.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
