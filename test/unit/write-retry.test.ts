import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { ACTIONS } from '../../src/api/actions.js';
import { createClient, type ClientOptions } from '../../src/api/client.js';
import { RateLimiter } from '../../src/api/rate-limit.js';
import { RetryBudget } from '../../src/api/retry-budget.js';
import { classify } from '../../src/api/retry.js';
import type { Fetch } from '../../src/deps.js';
import { ApiError, ExitCode, OutcomeUnknownError, TransportError } from '../../src/errors.js';
import { nodeFetch } from '../../src/http.js';
import { apiError, json, raw, startApiServer, type ApiServer } from '../helpers/api-server.js';
import { fakeClock } from '../helpers/clock.js';
import { peakRate } from '../helpers/wait-api.js';

/**
 * Writes (RunCommand, InvokeCommand, CancelInvocation) are not idempotent: TAT takes no client
 * token, so a RunCommand sent twice runs the command twice. They are sent again only when the
 * first one provably did nothing; otherwise the run ends with OutcomeUnknownError (exit 7).
 */

const SECRET_ID = 'AKIDwriteRetryTest000000000000001';
const SECRET_KEY = 'writeRetryTestSecretKey0000000001';
const RUN = { InstanceIds: ['ins-a'], Content: 'ZWNobyBoaQ==' };

let server: ApiServer;
beforeEach(async () => {
  server = await startApiServer(SECRET_KEY);
});
afterEach(async () => {
  expect(server.unexpected).toEqual([]);
  await server.close();
});

function client(overrides: Partial<ClientOptions> = {}) {
  const clock = fakeClock();
  return createClient({
    endpoint: new URL(server.url),
    region: 'ap-guangzhou',
    credentials: async () => ({ secretId: SECRET_ID, secretKey: SECRET_KEY, source: 'test' }),
    timeoutMs: 2000,
    maxAttempts: 5,
    maxRetryTimeMs: 60_000,
    requestClient: 'tat-cli-test',
    deps: {
      fetch: nodeFetch(),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      signal: new AbortController().signal,
    },
    ...overrides,
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a write whose answer is lost is never sent again', () => {
  it.each([
    [
      'the server reads it, then drops the connection',
      (_req: unknown, res: { socket: { destroy(): void } | null }) => res.socket?.destroy(),
    ],
    ['HTTP 502 after it was sent', raw(502, '<html>Bad Gateway</html>')],
    ['InternalError', apiError('InternalError', 'something broke')],
    ['a body that is not JSON', raw(200, '<html>')],
  ])('%s: one request, OutcomeUnknownError, exit 7', async (_name, handler) => {
    server.reply(handler as Parameters<ApiServer['reply']>[0]);
    const error = await failure(client().call('RunCommand', RUN));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests.map((r) => r.action)).toEqual(['RunCommand']);
    const unknown = error as OutcomeUnknownError;
    expect(unknown.exitCode).toBe(ExitCode.OutcomeUnknown);
    expect(unknown.exitCode).toBe(7);
    expect(unknown.action).toBe('RunCommand');
    expect(unknown.message).toMatch(/^RunCommand may or may not have taken effect: /);
    expect(unknown.hint).toMatch(/did not send it again/);
  });

  it('a timeout after sending: one request, outcome unknown', async () => {
    server.reply(() => undefined); // accepts, reads, never answers
    const error = await failure(
      client({ timeoutMs: 200 }).call('InvokeCommand', { CommandId: 'cmd-a', InstanceIds: ['ins-a'] }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).failure.message).toMatch(/did not answer within 200ms/);
    expect(server.requests).toHaveLength(1);
  });

  it('a read in the same situation is retried as before', async () => {
    server.reply((_req, res) => res.socket?.destroy(), json({ TotalCount: 0, InvocationSet: [] }));
    await expect(client().call('DescribeInvocations', {})).resolves.toMatchObject({ TotalCount: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('a hostile server that accepts and drops every time gets each write once, however many are sent', async () => {
    const hostile = await dropEverything();
    try {
      const writes = client({ endpoint: new URL(hostile.url) });
      const errors = await Promise.all(
        ['RunCommand', 'CancelInvocation', 'InvokeCommand'].map((action) =>
          failure(writes.call(action as keyof typeof ACTIONS, RUN)),
        ),
      );
      expect(errors.every((error) => error instanceof OutcomeUnknownError)).toBe(true);
      expect(hostile.received()).toBe(3);
    } finally {
      await hostile.close();
    }
  });
});

describe('a write that provably did nothing is sent again', () => {
  it('throttled (RequestLimitExceeded): sent again, once it gets through', async () => {
    server.reply(apiError('RequestLimitExceeded', 'slow down'), json({ CommandId: 'cmd-a', InvocationId: 'inv-a' }));
    await expect(client().call('RunCommand', RUN)).resolves.toMatchObject({ InvocationId: 'inv-a' });
    expect(server.requests.map((r) => r.action)).toEqual(['RunCommand', 'RunCommand']);
  });

  it('HTTP 429 from a gateway: sent again', async () => {
    server.reply(raw(429, 'Too Many Requests'), json({ InvocationId: 'inv-a' }));
    await expect(client().call('RunCommand', RUN)).resolves.toMatchObject({ InvocationId: 'inv-a' });
    expect(server.requests).toHaveLength(2);
  });

  it('connection refused once the server had answered (a restart): sent again when it is back', async () => {
    const port = Number(new URL(server.url).port);
    server.reply(json({ TotalCount: 0, InvocationSet: [] }));
    let restarted: ApiServer | undefined;
    const clock = fakeClock();
    const writes = client({
      deps: {
        fetch: nodeFetch(),
        now: clock.now,
        random: () => 0.5,
        signal: new AbortController().signal,
        // The backoff is when the server comes back, on the same port.
        sleep: async () => {
          restarted = await startApiServer(SECRET_KEY, port);
          restarted.reply(json({ InvocationId: 'inv-a' }));
        },
      },
    });
    await writes.call('DescribeInvocations', {});
    await server.close();
    try {
      await expect(writes.call('RunCommand', RUN)).resolves.toMatchObject({ InvocationId: 'inv-a' });
      expect(restarted!.requests.map((r) => r.action)).toEqual(['RunCommand']);
      expect(restarted!.unexpected).toEqual([]);
    } finally {
      await restarted?.close();
      server = await startApiServer(SECRET_KEY);
    }
  });

  it('a DNS lookup that failed for now (EAI_AGAIN): sent again', async () => {
    const real = nodeFetch();
    let calls = 0;
    const flaky: Fetch = async (url, init) => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
      return real(url, init);
    };
    server.reply(json({ InvocationId: 'inv-a' }));
    const clock = fakeClock();
    const writes = client({
      deps: {
        fetch: flaky,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        signal: new AbortController().signal,
      },
    });
    await expect(writes.call('RunCommand', RUN)).resolves.toMatchObject({ InvocationId: 'inv-a' });
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it("signed for a time the server refused (SignatureExpire): sent again with the server's time", async () => {
    const serverDate = new Date(fakeClock().now() + 10 * 60_000).toUTCString();
    server.reply(
      apiError('AuthFailure.SignatureExpire', 'expired', { Date: serverDate }),
      json({ InvocationId: 'inv-a' }),
    );
    await expect(client({ warn: () => undefined }).call('RunCommand', RUN)).resolves.toMatchObject({
      InvocationId: 'inv-a',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('goes out on a new connection, never on a kept-alive one the server may be closing as idle', async () => {
    server.reply(json({}), json({ InvocationId: 'inv-a' }), json({}));
    const mixed = client();
    await mixed.call('DescribeInvocations', {});
    await mixed.call('RunCommand', RUN);
    await mixed.call('DescribeInvocations', {});
    expect(server.requests.map((r) => `${r.action} ${r.headers.connection}`)).toEqual([
      'DescribeInvocations keep-alive',
      'RunCommand close',
      'DescribeInvocations keep-alive',
    ]);
  });

  it.each([
    ['AuthFailure.SignatureFailure', 4],
    ['InvalidParameterValue.InvalidContent', 1],
    ['ResourceUnavailable.AgentStatusNotOnline', 1],
  ])('refused with %s: the answer is the answer, not sent again (exit %s)', async (code, exitCode) => {
    server.reply(apiError(code, 'no'));
    const error = await failure(client().call('RunCommand', RUN));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect((error as ApiError).exitCode).toBe(exitCode);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the verdict on each failure (pure)', () => {
  const api = (code: string) => new ApiError(code, 'm', 'r', 'RunCommand');
  const transport = (facts: ConstructorParameters<typeof TransportError>[4], code?: string, retryable = true) =>
    new TransportError('x', retryable, undefined, code, facts);
  it.each([
    ['RequestLimitExceeded', 'throttled', 'throttled', api('RequestLimitExceeded')],
    ['HTTP 429', 'throttled', 'throttled', transport({ status: 429 })],
    ['SignatureExpire', 'skew', 'skew', api('AuthFailure.SignatureExpire')],
    ['InternalError', 'transient', 'unknown', api('InternalError')],
    ['InvalidParameter', 'final', 'final', api('InvalidParameter')],
    ['a reset after sending', 'transient', 'unknown', transport({}, 'ECONNRESET')],
    ['a timeout', 'transient', 'unknown', transport({ timedOut: true })],
    ['HTTP 503', 'transient', 'unknown', transport({ status: 503 })],
    ['a response over the size cap', 'final', 'unknown', transport({}, undefined, false)],
    ['connection refused', 'transient', 'transient', transport({ beforeSending: true }, 'ECONNREFUSED')],
    [
      'TLS handshake to a plain-HTTP server',
      'final',
      'final',
      transport({ beforeSending: true }, 'ERR_SSL_WRONG_VERSION_NUMBER', false),
    ],
  ])('%s: read %s, write %s', (_name, read, write, error) => {
    expect(classify(error, { idempotent: true, connected: true })).toBe(read);
    expect(classify(error, { idempotent: false, connected: true })).toBe(write);
  });

  it('every action is declared a read or a write, and the three writes are writes', () => {
    expect(
      Object.entries(ACTIONS)
        .filter(([, kind]) => kind === 'write')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['CancelInvocation', 'InvokeCommand', 'RunCommand']);
  });
});

describe('the retry budget is shared by concurrent requests', () => {
  it('two requests against a failing server stop when their shared budget is spent', async () => {
    // A budget of two retries between them: 2 first attempts + 2 retries, not 2 × 5 attempts.
    server.reply(...Array.from({ length: 4 }, () => raw(503, 'busy')));
    const shared = client({ retryBudget: new RetryBudget(10) });
    const errors = await Promise.all([
      failure(shared.call('DescribeInvocations', { Offset: 0 })),
      failure(shared.call('DescribeInvocations', { Offset: 100 })),
    ]);
    expect(server.requests).toHaveLength(4);
    expect(errors.some((error) => /retry budget is spent/.test((error as Error).message))).toBe(true);
  });

  it('answers that get through refill it', async () => {
    const budget = new RetryBudget(10);
    server.reply(raw(503, 'busy'), json({}), raw(503, 'busy'), json({}));
    const shared = client({ retryBudget: budget });
    await shared.call('DescribeInvocations', {});
    // The retry took 5 and its success gave them back: a second failure can still be retried.
    expect(budget.remaining).toBe(10);
    await shared.call('DescribeInvocations', {});
    expect(server.requests).toHaveLength(4);
  });

  it('a timeout costs twice a failure', () => {
    const budget = new RetryBudget(20);
    expect(budget.take(true)).toBe(10);
    expect(budget.take(false)).toBe(5);
    expect(budget.take(false)).toBe(5);
    expect(budget.take(false)).toBeUndefined();
    expect(budget.remaining).toBe(0);
  });
});

describe("the client's pacing, for a poller", () => {
  it('atMost caps an unpaced client (--rate-limit 0) and lowers a faster one, never raises a slower one', () => {
    const clock = fakeClock();
    const off = new RateLimiter(0, clock.now, clock.sleep);
    expect(off.rate).toBe(0);
    off.atMost(20);
    expect(off.rate).toBeCloseTo(19);
    const fast = new RateLimiter(100, clock.now, clock.sleep);
    fast.atMost(20);
    expect(fast.rate).toBeCloseTo(19);
    const slow = new RateLimiter(5, clock.now, clock.sleep);
    slow.atMost(20);
    expect(slow.rate).toBeCloseTo(4.75);
  });

  it('atMost with a burst of 1 keeps any one second within the limit, even on a client already at it (--rate-limit 20)', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(20, clock.now, clock.sleep);
    limiter.atMost(20, 1);
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      await limiter.acquire();
      times.push(clock.now());
    }
    // A burst of 4 on top of 19 a second would put 23 into the first second.
    expect(peakRate(times)).toBeLessThanOrEqual(20);
  });

  it("a client's pacing is the limiter its requests wait for", async () => {
    const clock = fakeClock();
    server.reply(...Array.from({ length: 10 }, () => json({})));
    const paced = client({
      deps: {
        fetch: nodeFetch(),
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        signal: new AbortController().signal,
      },
    });
    expect(paced.pacing.rate).toBe(0);
    paced.pacing.atMost(10);
    const start = clock.now();
    for (let i = 0; i < 10; i++) await paced.call('DescribeInvocations', {});
    // Burst of 4, then 9.5 a second: the other 6 wait about 630 ms.
    expect(clock.now() - start).toBeGreaterThanOrEqual(600);
  });
});

/** A raw TCP server that reads each request and closes the connection without a byte of answer. */
async function dropEverything(): Promise<{ url: string; received(): number; close(): Promise<void> }> {
  let received = 0;
  const sockets = new Set<import('node:net').Socket>();
  const tcp: Server = createServer((socket) => {
    sockets.add(socket);
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      // Headers and the whole body are in: the request was delivered, then the answer is lost.
      const end = seen.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(seen)?.[1] ?? 0);
      if (end >= 0 && seen.length >= end + 4 + length) {
        received++;
        socket.destroy();
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const { port } = tcp.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}
