import type { Fetch } from '../deps.js';
import { TransportError } from '../errors.js';

/** One HTTP exchange: no retries, no signing; turns every failure into a TransportError. */

export interface HttpRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface SendOptions {
  timeoutMs: number;
  /** The run's interrupt signal; its abort is passed through untouched. */
  signal: AbortSignal;
  /** Bodies larger than this are refused rather than read into memory. */
  maxBytes: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

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
]);

export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function send(fetch: Fetch, request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout.signal]);
  const where = request.url.host;
  const seconds = formatSeconds(options.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      throw new TransportError(
        `${where} answered with a redirect (HTTP ${response.status}${location ? ` to ${location}` : ''}); tat does not follow redirects`,
        false,
        'Point --endpoint (or TAT_ENDPOINT) at the API host itself, e.g. tat.tencentcloudapi.com.',
      );
    }
    const body = await readCapped(response, options.maxBytes, where);
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (error instanceof TransportError) throw error;
    if (timeout.signal.aborted)
      throw new TransportError(`${where} did not answer within ${seconds}`, true, 'Check the network, or allow longer with --timeout (e.g. --timeout 60s).');
    const code = networkErrorCode(error);
    // ECONNREFUSED is retryable here; the client retries it only once a connection had worked.
    const retryable = code !== undefined && (RETRYABLE_NETWORK_CODES.has(code) || code === 'ECONNREFUSED');
    throw new TransportError(
      `request to ${where} failed: ${code ? describeNetworkCode(code) : messageChain(error)}`,
      retryable,
      hintForNetworkCode(code, request.url),
      code,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** `fetch failed: bad port`: fetch's own message says little; its causes say what happened. */
function messageChain(error: unknown): string {
  const parts: string[] = [];
  // Duck-typed: fetch's errors may come from another realm, where `instanceof Error` is false.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { message, cause } = current as { message?: unknown; cause?: unknown };
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

function hintForNetworkCode(code: string | undefined, url: URL): string {
  if (code === 'ENOTFOUND') return `The host ${url.hostname} does not resolve; check --endpoint or TAT_ENDPOINT.`;
  if (code === 'ECONNREFUSED') return `Nothing is listening at ${url.host}; check --endpoint or TAT_ENDPOINT (is the emulator running?).`;
  return 'Check the network, any proxy (HTTPS_PROXY) and the endpoint, then try again.';
}

async function readCapped(response: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const tooBig = (): TransportError =>
    new TransportError(`${where} sent a response larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; refusing to read it`, false);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
