import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';

/**
 * The direct request path: node:http / node:https with one keep-alive agent per scheme, so a
 * listing's pages reuse one connection. Node's global fetch is not used: loading its bundled
 * undici costs more than the whole rest of a `tat invocations list` (see docs/benchmarks.md).
 * Redirects are never followed (node:http does not); timeouts, size cap and error wording are
 * the transport's (src/api/transport.ts). Both modules are imported on the first request only,
 * so `tat --version` never loads them.
 */

/**
 * The one HTTP seam (Deps.fetch): the smallest part of `fetch` that tat needs. A global `fetch`,
 * or a test's fake returning `new Response(...)`, fits it too, so tests need no module mocking.
 */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /**
   * A new connection, closed after the answer, rather than a kept-alive one: a write must not go
   * out on a connection the server may be closing as idle (the reset would leave its outcome unknown).
   */
  fresh?: boolean;
}

export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** Read it to the end, or stop early (break / iterator return) to drop the connection. */
  body: AsyncIterable<Uint8Array> | null;
}

export type Fetch = (url: URL, init: FetchInit) => Promise<FetchResponse>;

interface Scheme {
  request(url: URL, options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest;
  agent: Agent;
}

export function nodeFetch(): Fetch {
  const schemes = new Map<string, Promise<Scheme>>();
  function scheme(protocol: string): Promise<Scheme> {
    let loaded = schemes.get(protocol);
    if (!loaded) {
      loaded =
        protocol === 'https:'
          ? import('node:https').then((https) => ({
              request: https.request,
              agent: new https.Agent({ keepAlive: true }),
            }))
          : import('node:http').then((http) => ({ request: http.request, agent: new http.Agent({ keepAlive: true }) }));
      schemes.set(protocol, loaded);
    }
    return loaded;
  }

  return async (url, init) => {
    const { request, agent } = await scheme(url.protocol);
    const body = init.body ?? '';
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    return new Promise<FetchResponse>((resolve, reject) => {
      const req = request(
        url,
        { method: init.method ?? 'GET', headers, agent: init.fresh ? false : agent, signal: init.signal },
        (res) => {
          resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), body: res });
        },
      );
      req.on('error', reject);
      req.end(init.body === undefined ? undefined : body);
    });
  };
}

/** Fetch's `headers.get()` over Node's lower-cased header object. */
export function headerReader(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): FetchResponse['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
