/** The node:http server: routing, body reading, latency, faults and the response envelope. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from './constants.js';
import { DataStore } from './data/store.js';
import { EmulatorApiError, errorBody, successBody } from './errors.js';
import { gatewayPage, pickFault } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { BufferPool, ByteWriter } from './json-bytes.js';
import { handleApiRequest } from './protocol.js';
import { SecretIdRateLimiter } from './rate-limit.js';

/** The body; `'too large'` past MAX_BODY_BYTES; `'aborted'` when the client went away mid-upload. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too large' : Buffer.concat(chunks)));
    // A client that disconnects mid-upload is normal traffic for a server, not an error to log.
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  // Encoded once: measuring a string and then writing it costs two UTF-8 passes over each page.
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, ...extra });
  res.end(bytes);
}

export function createEmulatorServer(options: ResolvedOptions, store: DataStore): Server {
  const limiter = new SecretIdRateLimiter(options.rateLimit);
  const auth = { credentials: options.credentials, tokens: options.tokens };
  const buffers = new BufferPool();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // From the emulator's own clock, so a skewed server clock can be emulated (clients correct from it).
    res.setHeader('Date', new Date(options.now()).toUTCString());
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/') {
      req.resume();
      send(res, 404, 'text/html', gatewayPage(404));
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      send(res, 405, 'text/html', gatewayPage(405), { Allow: 'POST' });
      return;
    }
    const body = await readBody(req);
    if (body === 'aborted') {
      res.destroy();
      return;
    }
    if (options.latencyMs > 0) await options.sleep(options.latencyMs);
    const fault = pickFault(options.faultRate, options.random);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'gateway') {
      send(res, fault.status, 'text/html', gatewayPage(fault.status));
      return;
    }
    const requestId = randomUUID();
    const json = 'application/json';
    if (fault?.kind === 'internal') {
      send(res, 200, json, errorBody('InternalError', 'An internal error has occurred. Retry your request, but if the problem persists, contact us.', requestId));
      return;
    }
    if (body === 'too large') {
      send(res, 200, json, errorBody('RequestSizeLimitExceeded', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, requestId));
      return;
    }
    try {
      const data = handleApiRequest(req.headers, body, { auth, store, limiter, strictFilters: options.strictFilters, nowMs: options.now(), arrivalsPerRequest: options.arrivalsPerRequest });
      const out = new ByteWriter(buffers.take());
      send(res, 200, json, successBody(data, requestId, out));
      // 'finish': the kernel has every byte, so the buffer may take the next response.
      res.once('finish', () => buffers.give(out.storage));
    } catch (error) {
      if (error instanceof EmulatorApiError) {
        send(res, 200, json, errorBody(error.code, error.message, requestId));
        return;
      }
      console.error('tat-emulator: internal error:', error);
      send(res, 200, json, errorBody('InternalError', 'An internal error has occurred in the emulator.', requestId));
    }
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('tat-emulator: request failed:', error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.destroy();
    });
  });
}
