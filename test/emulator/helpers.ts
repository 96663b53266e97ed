/** Signed raw requests against a running emulator (signer from src/api/sign.ts, transport node:http). */
import { request as httpRequest } from 'node:http';
import { sign, type SignedHeaderSet } from '../../src/api/sign.js';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface CallOptions {
  action?: string;
  version?: string;
  region?: string | null;
  secretId?: string;
  secretKey?: string;
  /** Unix seconds; default from `clock`. */
  timestamp?: number;
  service?: string;
  signedHeaders?: SignedHeaderSet;
  /** Host line used for signing: 'full' (host:port, as sent) or 'bare' (hostname only). */
  signHost?: 'full' | 'bare' | (string & {});
  contentType?: string;
  token?: string;
  /** Replace the Authorization header entirely (null drops it). */
  authorization?: string | null;
  /** Omit headers by name. */
  omit?: readonly string[];
  rawBody?: string;
  /** Override the scope date in the credential. */
  scopeDate?: string;
}

export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export class Client {
  constructor(
    readonly emulator: RunningEmulator,
    readonly clock: () => number = Date.now,
  ) {}

  async raw(body: unknown, o: CallOptions = {}): Promise<RawResponse> {
    const u = new URL(this.emulator.url);
    const text = o.rawBody ?? JSON.stringify(body);
    const action = o.action ?? 'DescribeInvocations';
    const timestamp = o.timestamp ?? Math.floor(this.clock() / 1000);
    const contentType = o.contentType ?? 'application/json';
    const sig = sign({
      secretId: o.secretId ?? DEMO_SECRET_ID,
      secretKey: o.secretKey ?? DEMO_SECRET_KEY,
      service: o.service ?? 'tat',
      host:
        o.signHost === 'bare' ? u.hostname : o.signHost === undefined || o.signHost === 'full' ? u.host : o.signHost,
      contentType,
      body: text,
      timestamp,
      action,
      signedHeaders: o.signedHeaders,
    });
    let authorization = sig.authorization;
    if (o.scopeDate) authorization = authorization.replace(/\/\d{4}-\d{2}-\d{2}\//, `/${o.scopeDate}/`);
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'X-TC-Action': action,
      'X-TC-Version': o.version ?? '2020-10-28',
      'X-TC-Timestamp': String(timestamp),
      Authorization: authorization,
    };
    if (o.region !== null) headers['X-TC-Region'] = o.region ?? 'ap-guangzhou';
    if (o.token !== undefined) headers['X-TC-Token'] = o.token;
    if (o.authorization === null) delete headers.Authorization;
    else if (o.authorization !== undefined) headers.Authorization = o.authorization;
    for (const name of o.omit ?? []) delete headers[name];
    return rawRequest(this.emulator.url, 'POST', '/', headers, text);
  }

  /** The parsed `Response` object. */
  async call(
    body: unknown,
    o: CallOptions = {},
  ): Promise<Record<string, unknown> & { Error?: { Code: string; Message: string }; RequestId: string }> {
    const res = await this.raw(body, o);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
    return (JSON.parse(res.text) as { Response: Record<string, unknown> & { RequestId: string } }).Response;
  }

  async errorCode(body: unknown, o: CallOptions = {}): Promise<string | undefined> {
    return (await this.call(body, o)).Error?.Code;
  }
}

/** A mutable test clock (ms). */
export function testClock(start = Date.UTC(2025, 4, 20, 8, 0, 0)): {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms), set: (ms) => (t = ms) };
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, rateLimit: 0, ...options });
}
