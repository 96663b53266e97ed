/**
 * The node:http server: routing, the header checks before any body is read, bodies read within
 * a budget shared by every connection, latency, faults and the response envelope.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BodyBudget, declaredLength, readBody, type Received } from './body.js';
import { MAX_BODY_BYTES, MAX_BODY_BYTES_IN_FLIGHT } from './constants.js';
import { DataStore } from './data/store.js';
import { EmulatorApiError, errorBody, successBody } from './errors.js';
import { gatewayPage, type LostReplies, pickFault, WRITE_ACTIONS } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { BufferPool, ByteWriter } from './json-bytes.js';
import { type Admitted, admitRequest, handleApiRequest } from './protocol.js';
import { SecretIdRateLimiter } from './rate-limit.js';
import type { WriteSettings } from './write/create.js';
import { simulate, type TaskRunner } from './write/work.js';

/** A refused request's unread body up to this size is read and dropped, keeping the connection; past it, or of unknown size, the connection closes. */
const DRAIN_BYTES = 64 * 1024;

const tooLarge = (): EmulatorApiError =>
  new EmulatorApiError('RequestSizeLimitExceeded', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  // Encoded once: measuring a string and then writing it costs two UTF-8 passes over each page.
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, ...extra });
  res.end(bytes);
}

export function createEmulatorServer(
  options: ResolvedOptions,
  store: DataStore,
  bodies = new BodyBudget(MAX_BODY_BYTES_IN_FLIGHT),
  lost: LostReplies = { writeReplies: options.dropWriteReplies },
  /** `--execute`'s runner: created tasks really run (else the simulation rule decides). */
  runner?: TaskRunner,
): Server {
  const limiter = new SecretIdRateLimiter(options.rateLimit);
  const auth = { credentials: options.credentials, tokens: options.tokens };
  const buffers = new BufferPool();
  const writes: WriteSettings = { simulate, runner, speed: options.speed };

  /** What the headers alone decide: a refusal (answered without reading the body) or an admitted request. */
  function admit(req: IncomingMessage, declared: number | undefined): Admitted | EmulatorApiError {
    if (declared !== undefined && declared > MAX_BODY_BYTES) return tooLarge();
    try {
      return admitRequest(req.headers, { auth, nowMs: options.now() });
    } catch (error) {
      if (error instanceof EmulatorApiError) return error;
      throw error;
    }
  }

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
    const declared = declaredLength(req);
    const admitted = admit(req, declared);
    // Only an admitted request's body is read, once the budget has room for it (chunked: for the cap).
    const lease = admitted instanceof EmulatorApiError ? undefined : bodies.acquire(declared ?? MAX_BODY_BYTES);
    try {
      const body: Received | undefined = lease ? await readBody(req, lease, MAX_BODY_BYTES) : undefined;
      if (body === 'aborted') {
        res.destroy();
        return;
      }
      if (body === 'too large' || (body === undefined && (declared === undefined || declared > DRAIN_BYTES)))
        res.setHeader('Connection', 'close');
      await respond(req, res, admitted, body);
    } finally {
      lease?.release();
    }
  }

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    admitted: Admitted | EmulatorApiError,
    body: Exclude<Received, 'aborted'> | undefined,
  ): Promise<void> {
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
      send(
        res,
        200,
        json,
        errorBody(
          'InternalError',
          'An internal error has occurred. Retry your request, but if the problem persists, contact us.',
          requestId,
        ),
      );
      return;
    }
    if (admitted instanceof EmulatorApiError || body === undefined || body === 'too large') {
      const refusal = admitted instanceof EmulatorApiError ? admitted : tooLarge();
      send(res, 200, json, errorBody(refusal.code, refusal.message, requestId));
      return;
    }
    try {
      const context = {
        auth,
        store,
        limiter,
        strictFilters: options.strictFilters,
        nowMs: options.now(),
        arrivalsPerRequest: options.arrivalsPerRequest,
        writes,
      };
      const data = handleApiRequest(admitted, req.headers, body.bytes, body.sha256Hex, context);
      if (lost.writeReplies > 0 && WRITE_ACTIONS.includes(admitted.action)) {
        // The write took effect; its reply is lost.
        lost.writeReplies -= 1;
        req.socket.destroy();
        return;
      }
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
