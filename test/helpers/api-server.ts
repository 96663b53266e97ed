import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAuthorization, sign, type SignedHeaderSet } from '../../src/api/sign.js';

/**
 * A local API 3.0 server for client tests. It re-verifies every request's TC3 signature from
 * the received headers and raw body, records what it got, and answers from a script of
 * handlers; a request nobody scripted fails the test (like gh's httpmock).
 */

export interface ReceivedRequest {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  params: Record<string, unknown>;
  action: string;
  signatureValid: boolean;
}

export type Handler = (request: ReceivedRequest, res: ServerResponse) => void;

export interface ApiServer {
  url: string;
  requests: ReceivedRequest[];
  /** Queue answers; each request takes the next one. */
  reply(...handlers: Handler[]): void;
  close(): Promise<void>;
  /** Requests that arrived with no handler queued. */
  unexpected: ReceivedRequest[];
}

export function envelope(response: Record<string, unknown>, requestId = 'req-test'): string {
  return JSON.stringify({ Response: { ...response, RequestId: requestId } });
}

export const json =
  (response: Record<string, unknown>, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    res.end(envelope(response));
  };

export const apiError = (code: string, message = 'test error', headers: Record<string, string> = {}): Handler =>
  json({ Error: { Code: code, Message: message } }, headers);

export const raw =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

export async function startApiServer(secretKey: string, port = 0): Promise<ApiServer> {
  const queue: Handler[] = [];
  const requests: ReceivedRequest[] = [];
  const unexpected: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const body = bytes.toString('utf8');
      const received: ReceivedRequest = {
        method: req.method ?? '',
        headers: req.headers,
        body,
        params: safeParse(body),
        action: String(req.headers['x-tc-action'] ?? ''),
        signatureValid: verify(req, bytes, secretKey),
      };
      requests.push(received);
      const handler = queue.shift();
      if (!handler) {
        unexpected.push(received);
        res.writeHead(599);
        res.end('no handler scripted for this request');
        return;
      }
      handler(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    unexpected,
    reply: (...handlers) => queue.push(...handlers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function verify(req: IncomingMessage, body: Buffer, secretKey: string): boolean {
  const parsed = parseAuthorization(String(req.headers.authorization ?? ''));
  if (!parsed) return false;
  const timestamp = Number(req.headers['x-tc-timestamp']);
  const hostHeader = String(req.headers.host ?? '');
  const candidates = [hostHeader, hostHeader.replace(/:\d+$/, '')];
  return candidates.some(
    (host) =>
      sign({
        secretId: parsed.secretId,
        secretKey,
        service: parsed.service,
        host,
        contentType: String(req.headers['content-type'] ?? ''),
        body,
        timestamp,
        action: String(req.headers['x-tc-action'] ?? ''),
        signedHeaders: parsed.signedHeaders as SignedHeaderSet,
      }).signature === parsed.signature,
  );
}

function safeParse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}
