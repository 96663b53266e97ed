import type { Fetch } from '../../src/deps.js';
import { nodeFetch } from '../../src/http.js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createClient, type ClientOptions } from '../../src/api/client.js';
import { ApiError, TransportError } from '../../src/errors.js';
import { apiError, json, raw, startApiServer, type ApiServer } from '../helpers/api-server.js';
import { fakeClock } from '../helpers/clock.js';

const SECRET_ID = 'AKIDclientTest00000000000000000001';
const SECRET_KEY = 'clientTestSecretKey000000000000001';

let server: ApiServer;
beforeEach(async () => {
  server = await startApiServer(SECRET_KEY);
});
afterEach(async () => {
  expect(server.unexpected).toEqual([]);
  await server.close();
});

function client(overrides: Partial<ClientOptions> = {}, clock = fakeClock()) {
  const debug: string[] = [];
  const notices: string[] = [];
  const warnings: string[] = [];
  const instance = createClient({
    endpoint: new URL(server.url),
    region: 'ap-guangzhou',
    credentials: async () => ({ secretId: SECRET_ID, secretKey: SECRET_KEY, source: 'test' }),
    timeoutMs: 5000,
    maxAttempts: 3,
    maxRetryTimeMs: 60_000,
    requestClient: 'tat-cli/test',
    deps: {
      fetch: nodeFetch(),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      signal: new AbortController().signal,
    },
    debug: (line) => debug.push(line),
    notice: (line) => notices.push(line),
    warn: (line) => warnings.push(line),
    ...overrides,
  });
  return { instance, debug, notices, warnings, clock };
}

describe('client.call', () => {
  it('sends a correctly signed API 3.0 request and returns the Response', async () => {
    server.reply(json({ TotalCount: 0, InvocationSet: [] }));
    const { instance, clock } = client({ language: 'en-US' });
    const response = await instance.call('DescribeInvocations', { Limit: 1, Description: '中文' });
    expect(response).toEqual({ TotalCount: 0, InvocationSet: [], RequestId: 'req-test' });
    const [request] = server.requests;
    expect(request!.signatureValid).toBe(true);
    expect(request!.method).toBe('POST');
    expect(request!.body).toBe('{"Limit":1,"Description":"中文"}');
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'DescribeInvocations',
      'x-tc-version': '2020-10-28',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(Math.floor(clock.now() / 1000)),
      'x-tc-language': 'en-US',
      'x-tc-requestclient': 'tat-cli/test',
    });
    expect(request!.headers['x-tc-token']).toBeUndefined();
    expect(String(request!.headers.authorization)).toContain(`Credential=${SECRET_ID}/2026-11-28/tat/tc3_request`);
  });

  it('sends X-TC-Token when the credentials carry a session token', async () => {
    server.reply(json({}));
    const { instance } = client({
      credentials: async () => ({ secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'tok-123', source: 'test' }),
    });
    await instance.call('DescribeInvocations', {});
    expect(server.requests[0]!.headers['x-tc-token']).toBe('tok-123');
  });

  it('turns Response.Error into an ApiError with code, message and RequestId', async () => {
    server.reply(apiError('InvalidParameterValue.InvalidInvocationId', 'bad id'));
    const { instance } = client();
    const error = await instance.call('DescribeInvocations', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'InvalidParameterValue.InvalidInvocationId',
      apiMessage: 'bad id',
      requestId: 'req-test',
      exitCode: 1,
    });
    expect((error as Error).message).toContain('RequestId req-test');
  });

  it('maps AuthFailure.* to exit code 4 and does not retry it', async () => {
    server.reply(apiError('AuthFailure.SecretIdNotFound', 'no such key'));
    const error = await client()
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AuthFailure.SecretIdNotFound', exitCode: 4 });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['a 502 gateway page', raw(502, '<html><body>Bad Gateway</body></html>'), /HTTP 502.*Bad Gateway/],
    ['a body that is not JSON', raw(200, 'hello'), /not JSON: "hello"/],
    ['an empty body', raw(200, ''), /not JSON: \(empty body\)/],
    ['JSON without Response', raw(200, '{"ok":true}'), /without a "Response" object/],
  ])('reports %s as a transport error quoting the body', async (_name, handler, pattern) => {
    server.reply(handler);
    const error = await client({ maxAttempts: 1 })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as TransportError).exitCode).toBe(1);
  });

  it('signs every attempt afresh; throttling is retried with backoff without spending an attempt', async () => {
    server.reply(apiError('RequestLimitExceeded'), apiError('InternalError'), json({ ok: 1 }));
    const clock = fakeClock();
    const slowSleep = {
      ...clock,
      sleep: async (ms: number) => {
        clock.sleeps.push(ms);
        clock.advance(5000);
      },
    };
    const { instance, notices, debug } = client({}, slowSleep);
    await expect(instance.call('DescribeInvocations', { Limit: 5 })).resolves.toMatchObject({ ok: 1 });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.signatureValid)).toBe(true);
    // Each attempt carries its own timestamp and so its own signature, over the same body bytes.
    const stamps = server.requests.map((r) => Number(r.headers['x-tc-timestamp']));
    expect(stamps).toEqual([stamps[0], stamps[0]! + 5, stamps[0]! + 10]);
    expect(new Set(server.requests.map((r) => r.headers.authorization)).size).toBe(3);
    expect(new Set(server.requests.map((r) => r.body))).toEqual(new Set(['{"Limit":5}']));
    // Full jitter with random() = 0.5: half of 200 ms each time (the throttle did not spend attempt 1).
    expect(clock.sleeps).toEqual([100, 100]);
    expect(notices).toEqual(['throttled, retrying in 0.1 s', 'request failed, retrying in 0.1 s (attempt 2 of 3)']);
    expect(debug.filter((line) => line.startsWith('retry:'))).toEqual([
      'retry: RequestLimitExceeded; retrying in 100 ms',
      'retry: attempt 1 failed (InternalError); retrying in 100 ms',
    ]);
  });

  it('gives up after maxAttempts and says so', async () => {
    server.reply(raw(503, 'busy'), raw(503, 'busy'));
    const error = await client({ maxAttempts: 2 })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/HTTP 503.*gave up after 2 attempts/);
  });

  it('corrects a skewed clock from the server Date header, once, and warns', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0) - 10 * 60_000); // ten minutes slow
    const serverDate = new Date(Date.UTC(2026, 10, 28, 12, 0, 0)).toUTCString();
    server.reply(apiError('AuthFailure.SignatureExpire', 'expired', { Date: serverDate }), json({ ok: 1 }));
    const { instance, warnings } = client({}, clock);
    await expect(instance.call('DescribeInvocations', {})).resolves.toMatchObject({ ok: 1 });
    const second = Number(server.requests[1]!.headers['x-tc-timestamp']);
    expect(second).toBe(Date.UTC(2026, 10, 28, 12, 0, 0) / 1000);
    expect(warnings.join('\n')).toMatch(/clock is off by 600 seconds/);
  });

  it.each([
    ['50 years ahead', 50 * 365 * 86_400_000, 'ahead of'],
    ['25 hours behind', -25 * 3_600_000, 'behind'],
  ])('refuses a server Date %s: no request is signed for that time (issue 10.14)', async (_name, offset, word) => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
    server.reply(
      apiError('AuthFailure.SignatureExpire', 'expired', { Date: new Date(clock.now() + offset).toUTCString() }),
    );
    const { instance, warnings } = client({}, clock);
    const error = (await instance.call('DescribeInvocations', {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('AuthFailure.SignatureExpire');
    expect(error.hint).toContain(`hours ${word} this computer's: more than the 24 hours tat corrects for`);
    expect(server.requests).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('corrects a skew just under a day', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
    server.reply(
      apiError('AuthFailure.SignatureExpire', 'expired', {
        Date: new Date(clock.now() + 23 * 3_600_000).toUTCString(),
      }),
      json({ ok: 1 }),
    );
    await expect(client({}, clock).instance.call('DescribeInvocations', {})).resolves.toMatchObject({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('refuses to follow a redirect', async () => {
    server.reply(raw(301, '', { Location: 'https://elsewhere.example/' }));
    const error = await client()
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/redirect \(HTTP 301 to https:\/\/elsewhere.example\/\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('redacts the signature and token in --debug traces', async () => {
    server.reply(json({}));
    const { instance, debug } = client({
      credentials: async () => ({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        token: 'secret-token-value',
        source: 't',
      }),
    });
    await instance.call('DescribeInvocations', {});
    const trace = debug.join('\n');
    expect(trace).toContain('Signature=***');
    expect(trace).toContain('X-TC-Token: ***');
    expect(trace).not.toContain('secret-token-value');
    expect(trace).not.toContain(SECRET_KEY);
    expect(trace).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(trace).toContain('< HTTP 200');
  });

  it('caps the size of the body it reads', async () => {
    server.reply(raw(200, 'x'.repeat(2048)));
    const error = await client({ maxResponseBytes: 1024 })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/larger than/);
  });

  it('does not retry a refused connection before any request got through (a wrong endpoint)', async () => {
    const closed = await startApiServer(SECRET_KEY);
    const url = closed.url;
    await closed.close();
    const error = await client({ endpoint: new URL(url) })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/failed: the connection was refused \(ECONNREFUSED\)$/);
    expect((error as TransportError).hint).toMatch(/Nothing is listening/);
  });

  it('says what failed when the error has no network code, from its chain of causes', async () => {
    const failing = (async () => {
      throw new Error('fetch failed', { cause: new Error('bad port') });
    }) as Fetch;
    const deps = {
      fetch: failing,
      now: Date.now,
      sleep: async () => undefined,
      random: () => 0,
      signal: new AbortController().signal,
    };
    const error = await client({ endpoint: new URL('http://127.0.0.1:1/'), maxAttempts: 1, deps })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('request to 127.0.0.1:1 failed: fetch failed: bad port');
  });

  it('says a plain-HTTP server does not speak HTTPS and suggests http://', async () => {
    const host = new URL(server.url).host;
    const error = await client({ endpoint: new URL(`https://${host}/`), maxAttempts: 3 })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(new RegExp(`^${host} does not speak HTTPS \\(the TLS handshake failed`));
    expect((error as TransportError).hint).toContain(`--endpoint http://${host}`);
    expect(server.requests).toHaveLength(0);
  });

  it('does not retry a programming error inside fetch', async () => {
    let calls = 0;
    const broken = (async () => {
      calls++;
      throw new TypeError('x is not a function');
    }) as typeof globalThis.fetch;
    const { instance } = client({
      deps: {
        fetch: broken,
        now: Date.now,
        sleep: async () => undefined,
        random: () => 0,
        signal: new AbortController().signal,
      },
    });
    await expect(instance.call('DescribeInvocations', {})).rejects.toThrow(/x is not a function/);
    expect(calls).toBe(1);
  });

  it('times out an attempt that gets no answer', async () => {
    server.reply(() => undefined); // accept, never answer
    const error = await client({ timeoutMs: 200, maxAttempts: 1 })
      .instance.call('DescribeInvocations', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:\d+ did not answer within 200ms/);
  });
});
