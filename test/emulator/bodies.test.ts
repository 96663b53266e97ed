/**
 * Request bodies: headers are checked before a body is read, so clients without the keys cannot
 * make the emulator hold what they upload; bodies that are read stay within one budget shared by
 * every connection. Bounded loopback traffic, no timing assertions.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { BodyBudget } from '../../src/emulator/body.js';
import { DataStore } from '../../src/emulator/data/store.js';
import { sign } from '../../src/api/sign.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../src/emulator/index.js';
import { resolveOptions } from '../../src/emulator/options.js';
import { createEmulatorServer } from '../../src/emulator/server.js';
import { Client, start, testClock } from './helpers.js';

const clock = testClock();
const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(budget: BodyBudget): Promise<string> {
  const options = resolveOptions({ port: 0, rateLimit: 0, invocations: 5, now: clock.now });
  const server: Server = createEmulatorServer(
    options,
    new DataStore({ seed: options.seed, invocations: options.invocations, t0: clock.now() }),
    budget,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Upload {
  /** Everything the server wrote back, once it closed the connection or answered in full. */
  answer: Promise<string>;
  socket: Socket;
}

/**
 * Announces `declared` bytes and sends `sent` of them (never more), then waits for the answer. The
 * answer resolves when the server closes the connection or `bound` ms pass (so a server that waits
 * for the rest of the body fails the test quickly instead of hanging it).
 */
function upload(url: string, headers: Record<string, string>, declared: number, sent: number, bound = 5000): Upload {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const lines = [
    `POST / HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    `Content-Length: ${declared}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.on('connect', () => {
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(Buffer.alloc(sent, 0x20));
  });
  const answer = new Promise<string>((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve(text), bound);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (/\r\n\r\n\{.*\}\}$/s.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => (clearTimeout(timer), resolve(text)));
  });
  closers.push(() => void socket.destroy());
  return { answer, socket };
}

/** Waits (at most 200 turns of 10 ms) for `condition`. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

const code = (answer: string): string | undefined => /"Code":"([^"]+)"/.exec(answer)?.[1];

describe('request bodies', () => {
  it('150 uploads of 10 MB without a valid signature are answered from the headers, before their bodies, and hold nothing', async () => {
    const budget = new BodyBudget(32 * 1024 * 1024);
    const url = await serve(budget);
    const ts = String(Math.floor(clock.now() / 1000));
    const base = {
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeInvocations',
      'X-TC-Version': '2020-10-28',
      'X-TC-Region': 'ap-guangzhou',
      'X-TC-Timestamp': ts,
    };
    const auth = (id: string, date = new Date(clock.now()).toISOString().slice(0, 10)): string =>
      `TC3-HMAC-SHA256 Credential=${id}/${date}/tat/tc3_request, SignedHeaders=content-type;host, Signature=${'0'.repeat(64)}`;
    const kinds = [
      { headers: base, expected: 'AuthFailure.InvalidAuthorization' },
      { headers: { ...base, Authorization: 'Bearer x' }, expected: 'AuthFailure.InvalidAuthorization' },
      { headers: { ...base, Authorization: auth('AKIDunknown') }, expected: 'AuthFailure.SecretIdNotFound' },
      {
        headers: { ...base, Authorization: auth(DEMO_SECRET_ID), 'X-TC-Timestamp': String(Number(ts) - 3600) },
        expected: 'AuthFailure.SignatureExpire',
      },
      {
        headers: { ...base, Authorization: auth(DEMO_SECRET_ID, '2001-01-01') },
        expected: 'AuthFailure.SignatureFailure',
      },
    ];
    const uploads = Array.from({ length: 150 }, (_, i) => ({
      ...kinds[i % kinds.length]!,
      run: upload(url, kinds[i % kinds.length]!.headers, 10 * 1024 * 1024, 64 * 1024),
    }));
    const answers = await Promise.all(uploads.map((u) => u.run.answer));
    expect(answers.map(code)).toEqual(uploads.map((u) => u.expected));
    // Large unread bodies end the connection: the client cannot keep streaming into it.
    for (const answer of answers) expect(answer.toLowerCase()).toContain('connection: close');
    expect(budget.peak).toBe(0);
  });

  it('a body announced over 10 MB is refused from its Content-Length, signed or not, without reading it', async () => {
    const budget = new BodyBudget(32 * 1024 * 1024);
    const url = await serve(budget);
    const { answer } = upload(url, { 'Content-Type': 'application/json' }, 10 * 1024 * 1024 + 1, 1024);
    expect(code(await answer)).toBe('RequestSizeLimitExceeded');
    expect(budget.peak).toBe(0);
  });

  it('a small refused body is drained and the connection kept for the next request', async () => {
    const url = await serve(new BodyBudget(1024 * 1024));
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    closers.push(() => void socket.destroy());
    const request = `POST / HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nX-TC-Action: DescribeInvocations\r\nX-TC-Version: 2020-10-28\r\nX-TC-Region: ap-guangzhou\r\nX-TC-Timestamp: ${Math.floor(clock.now() / 1000)}\r\nContent-Length: 11\r\n\r\n{"Limit":1}`;
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.write(request + request);
    await until(() => (text.match(/AuthFailure\.InvalidAuthorization/g) ?? []).length === 2);
    expect(text.toLowerCase()).not.toContain('connection: close');
    expect(socket.destroyed).toBe(false);
  });

  it('a signed chunked body past 10 MB is cut off at the cap and refused, the connection closed', async () => {
    const budget = new BodyBudget(32 * 1024 * 1024);
    const url = await serve(budget);
    const { hostname, port } = new URL(url);
    const body = `{"Limit":1}${' '.repeat(10 * 1024 * 1024)}`;
    const timestamp = Math.floor(clock.now() / 1000);
    const signature = sign({
      secretId: DEMO_SECRET_ID,
      secretKey: DEMO_SECRET_KEY,
      service: 'tat',
      host: `${hostname}:${port}`,
      contentType: 'application/json',
      body,
      timestamp,
    });
    const socket = connect(Number(port), hostname);
    closers.push(() => void socket.destroy());
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(
      `POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nX-TC-Action: DescribeInvocations\r\nX-TC-Version: 2020-10-28\r\nX-TC-Region: ap-guangzhou\r\nX-TC-Timestamp: ${timestamp}\r\nAuthorization: ${signature.authorization}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    for (let at = 0; at < body.length; at += 1024 * 1024) {
      const chunk = body.slice(at, at + 1024 * 1024);
      socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
    }
    socket.write('0\r\n\r\n');
    await closed;
    expect(code(text)).toBe('RequestSizeLimitExceeded');
    expect(budget.peak).toBe(10 * 1024 * 1024);
    expect(budget.inFlight).toBe(0);
  });

  it('signed bodies are read within the shared budget: eight 1 MB requests at once through a 3 MB budget all succeed', async () => {
    const budget = new BodyBudget(3 * 1024 * 1024);
    const url = await serve(budget);
    const client = new Client({ url } as never, clock.now);
    // Valid JSON padded with spaces: a real, signed 1 MB request.
    const rawBody = `{"Limit":1}${' '.repeat(1024 * 1024)}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.call(undefined, { rawBody })));
    expect(answers.map((a) => [a.Error, (a.InvocationSet as unknown[]).length])).toEqual(
      Array.from({ length: 8 }, () => [undefined, 1]),
    );
    expect(budget.peak).toBeGreaterThan(1024 * 1024);
    expect(budget.peak).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(budget.inFlight).toBe(0);
  });

  it('a client that hangs up while waiting for the budget gives its place back', async () => {
    const budget = new BodyBudget(2 * 1024 * 1024);
    const url = await serve(budget);
    const client = new Client({ url } as never, clock.now);
    const hog = budget.acquire(2 * 1024 * 1024);
    await hog.ready;
    const rawBody = `{"Limit":1}${' '.repeat(1024 * 1024)}`;
    // Signed, so admitted: it queues behind the hog, then its client goes away.
    const queued = client.raw(undefined, { rawBody }).catch((error: unknown) => error);
    await until(() => budget.waiting === 1);
    for (const close of closers.splice(0)) await close(); // closes the server and drops the queued connection
    await queued;
    await until(() => budget.waiting === 0);
    hog.release();
    expect(budget.inFlight).toBe(0);
    const again = budget.acquire(2 * 1024 * 1024);
    expect(budget.inFlight).toBe(2 * 1024 * 1024);
    again.release();
  });

  it('budget: first come, first served; a claim leaving the queue lets the next in', async () => {
    const budget = new BodyBudget(10);
    const a = budget.acquire(6);
    const b = budget.acquire(6);
    const c = budget.acquire(4);
    const order: string[] = [];
    b.ready.then(
      () => order.push('b'),
      () => undefined,
    );
    c.ready.then(
      () => order.push('c'),
      () => undefined,
    );
    await a.ready;
    await Promise.resolve();
    expect(order).toEqual([]); // c fits, but b came first
    b.release(); // b gives up while waiting
    await c.ready;
    expect(order).toEqual(['c']);
    expect(budget.inFlight).toBe(10);
    a.release();
    c.release();
    expect(budget.inFlight).toBe(0);
    expect(budget.peak).toBe(10);
  });
});

describe('request bodies, through startEmulator', () => {
  it('an unsigned upload never reaches the body reader: answered while most of it is unsent', async () => {
    const emu = await start({ now: clock.now });
    closers.push(() => emu.close());
    const { answer } = upload(
      emu.url,
      {
        'Content-Type': 'application/json',
        'X-TC-Action': 'DescribeInvocations',
        'X-TC-Version': '2020-10-28',
        'X-TC-Region': 'ap-guangzhou',
        'X-TC-Timestamp': String(Math.floor(clock.now() / 1000)),
      },
      5 * 1024 * 1024,
      1024,
    );
    expect(code(await answer)).toBe('AuthFailure.InvalidAuthorization');
  });
});
