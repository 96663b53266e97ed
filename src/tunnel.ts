import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { headerReader, type FetchInit, type FetchResponse } from './http.js';
import { messageOf } from './errors.js';

/**
 * One request through an HTTP proxy: one CONNECT, then the request over the tunnel (TLS inside it
 * for https). Our own rather than undici's ProxyAgent, which on a proxy that drops CONNECT
 * reconnects in a tight loop (thousands of CONNECTs a second) and keeps the process alive after
 * the request is abandoned. Here a dropped or refused CONNECT fails this one attempt, and the
 * client's retry rules and time budget decide what happens next. No keep-alive through proxies.
 */

export async function fetchThroughTunnel(proxy: string, url: URL, init: FetchInit): Promise<FetchResponse> {
  const shown = displayProxy(proxy);
  let proxyUrl: URL;
  try {
    proxyUrl = new URL(proxy);
  } catch (error) {
    throw new ProxyFailure(shown, error, 'ERR_INVALID_URL');
  }
  const socket = await openTunnel(proxyUrl, url, init.signal, shown);
  const hostname = bare(url.hostname);
  const connection =
    url.protocol === 'https:'
      ? tlsConnect({ socket, servername: isIP(hostname) ? undefined : hostname, ALPNProtocols: ['http/1.1'] })
      : socket;
  const body = init.body ?? '';
  const headers: Record<string, string> = { ...init.headers, Host: url.host };
  if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise<FetchResponse>((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers,
        signal: init.signal,
        createConnection: () => connection,
      },
      (res: IncomingMessage) => resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), body: res }),
    );
    req.on('error', (error) => {
      connection.destroy();
      reject(error);
    });
    req.end(init.body === undefined ? undefined : body);
  });
}

/** A failure on the way through a proxy: carries the proxy (without credentials) for the message. */
export class ProxyFailure extends Error {
  constructor(
    readonly proxy: string,
    override readonly cause: unknown,
    readonly code: string | undefined,
    /** The proxy's own HTTP answer to CONNECT, when it refused the tunnel. */
    readonly proxyStatus?: number,
  ) {
    super(`proxy ${proxy}: ${messageOf(cause)}`);
  }
}

export function displayProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(the proxy URL cannot be parsed)';
  }
}

function openTunnel(proxy: URL, target: URL, signal: AbortSignal | undefined, shown: string): Promise<Socket> {
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const authority = `${target.hostname}:${port}`;
  const headers: Record<string, string> = { Host: authority };
  if (proxy.username)
    headers['Proxy-Authorization'] =
      `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  const request = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({
      host: bare(proxy.hostname),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers,
      signal,
      agent: false,
    });
    req.on('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(
          new ProxyFailure(
            shown,
            new Error(`the proxy answered CONNECT with HTTP ${res.statusCode}`),
            undefined,
            res.statusCode,
          ),
        );
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal?.aborted) reject(error);
      else reject(new ProxyFailure(shown, error, error.code));
    });
    req.end();
  });
}

/** `[::1]` → `::1`: URL keeps the brackets, sockets do not want them. */
function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}
