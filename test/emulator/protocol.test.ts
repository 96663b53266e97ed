/** API 3.0 protocol: headers, signature verification and every common error code. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign } from '../../src/api/sign.js';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  DEMO_TOKEN,
  TAT_REGIONS,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { Client, rawRequest, start, testClock } from './helpers.js';

describe('API 3.0 protocol', () => {
  const clock = testClock();
  let emu: RunningEmulator;
  let client: Client;
  beforeAll(async () => {
    emu = await start({
      now: clock.now,
      extraCredentials: [{ secretId: 'AKIDsecond', secretKey: 'second-key' }],
      tokens: ['tok-1', 'tok-2'],
    });
    client = new Client(emu, clock.now);
  });
  afterAll(() => emu.close());

  it('answers a well-signed request with data, a fresh RequestId and a Date header', async () => {
    const a = await client.raw({ Limit: 1 });
    const b = await client.raw({ Limit: 1 });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/json');
    expect(typeof a.headers.date).toBe('string');
    expect(Number.isNaN(Date.parse(a.headers.date as string))).toBe(false);
    const ra = JSON.parse(a.text).Response;
    const rb = JSON.parse(b.text).Response;
    expect(ra.Error).toBeUndefined();
    expect(ra.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ra.RequestId).not.toBe(rb.RequestId);
  });

  it.each([
    ['content-type;host', 'full'],
    ['content-type;host', 'bare'],
    ['content-type;host;x-tc-action', 'full'],
    ['content-type;host;x-tc-action', 'bare'],
  ] as const)('accepts SignedHeaders=%s with the %s host', async (signedHeaders, signHost) => {
    expect(await client.errorCode({ Limit: 1 }, { signedHeaders, signHost })).toBeUndefined();
  });

  it('accepts a content type with charset when that is what was signed', async () => {
    expect(await client.errorCode({ Limit: 1 }, { contentType: 'application/json; charset=utf-8' })).toBeUndefined();
  });

  it('accepts every additional key pair and every configured token', async () => {
    expect(await client.errorCode({}, { secretId: 'AKIDsecond', secretKey: 'second-key' })).toBeUndefined();
    expect(await client.errorCode({}, { token: 'tok-2' })).toBeUndefined();
  });

  it('errors carry HTTP 200, the real envelope and a RequestId', async () => {
    const res = await client.raw({}, { secretKey: 'wrong' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(Object.keys(body)).toEqual(['Response']);
    expect(Object.keys(body.Response)).toEqual(['Error', 'RequestId']);
    expect(Object.keys(body.Response.Error)).toEqual(['Code', 'Message']);
    expect(body.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
    expect(body.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('signature failures', () => {
    it('wrong key → AuthFailure.SignatureFailure', async () => {
      expect(await client.errorCode({}, { secretKey: 'nope' })).toBe('AuthFailure.SignatureFailure');
    });
    /** Signs one request (`signed`) and sends another (`sent`): what a tampering proxy would do. */
    async function sendTampered(
      signed: { body: string; action?: string; signedHeaders?: 'content-type;host;x-tc-action' },
      sent: { body: string; action: string },
    ): Promise<string> {
      const ts = Math.floor(clock.now() / 1000);
      const sig = sign({
        secretId: DEMO_SECRET_ID,
        secretKey: DEMO_SECRET_KEY,
        service: 'tat',
        host: new URL(emu.url).host,
        contentType: 'application/json',
        timestamp: ts,
        ...signed,
      });
      const res = await rawRequest(
        emu.url,
        'POST',
        '/',
        {
          'Content-Type': 'application/json',
          'X-TC-Action': sent.action,
          'X-TC-Version': '2020-10-28',
          'X-TC-Region': 'ap-guangzhou',
          'X-TC-Timestamp': String(ts),
          Authorization: sig.authorization,
        },
        sent.body,
      );
      return (JSON.parse(res.text) as { Response: { Error: { Code: string } } }).Response.Error.Code;
    }
    it('body changed after signing → AuthFailure.SignatureFailure', async () => {
      expect(await sendTampered({ body: '{"Limit":1}' }, { body: '{"Limit":2}', action: 'DescribeInvocations' })).toBe(
        'AuthFailure.SignatureFailure',
      );
    });
    it('signed for another host → AuthFailure.SignatureFailure', async () => {
      expect(await client.errorCode({}, { signHost: 'tat.tencentcloudapi.com' })).toBe('AuthFailure.SignatureFailure');
    });
    it('x-tc-action signed but a different action sent → AuthFailure.SignatureFailure', async () => {
      const signed = {
        body: '{}',
        action: 'DescribeInvocationTasks',
        signedHeaders: 'content-type;host;x-tc-action' as const,
      };
      expect(await sendTampered(signed, { body: '{}', action: 'DescribeInvocations' })).toBe(
        'AuthFailure.SignatureFailure',
      );
    });
    it('scope service other than tat → AuthFailure.SignatureFailure', async () => {
      const r = await client.call({}, { service: 'cvm' });
      expect(r.Error?.Code).toBe('AuthFailure.SignatureFailure');
      expect(r.Error?.Message).toMatch(/tat/);
    });
    it('scope date not the UTC date of the timestamp → AuthFailure.SignatureFailure', async () => {
      const r = await client.call({}, { scopeDate: '2025-05-21' });
      expect(r.Error?.Code).toBe('AuthFailure.SignatureFailure');
      expect(r.Error?.Message).toMatch(/UTC date/);
    });
  });

  it('unknown SecretId → AuthFailure.SecretIdNotFound', async () => {
    expect(await client.errorCode({}, { secretId: 'AKIDunknown' })).toBe('AuthFailure.SecretIdNotFound');
  });

  it('more than 5 minutes of skew either way → AuthFailure.SignatureExpire; within 5 minutes is fine', async () => {
    const now = Math.floor(clock.now() / 1000);
    expect(await client.errorCode({}, { timestamp: now - 301 })).toBe('AuthFailure.SignatureExpire');
    expect(await client.errorCode({}, { timestamp: now + 301 })).toBe('AuthFailure.SignatureExpire');
    expect(await client.errorCode({}, { timestamp: now - 299 })).toBeUndefined();
  });

  it.each([
    ['missing', null],
    ['not TC3', 'Basic dXNlcjpwYXNz'],
    ['truncated', `TC3-HMAC-SHA256 Credential=${DEMO_SECRET_ID}/2025-05-20/tat/tc3_request`],
    [
      'unknown signed headers',
      `TC3-HMAC-SHA256 Credential=${DEMO_SECRET_ID}/2025-05-20/tat/tc3_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
    ],
  ])('Authorization %s → AuthFailure.InvalidAuthorization', async (_name, authorization) => {
    expect(await client.errorCode({}, { authorization })).toBe('AuthFailure.InvalidAuthorization');
  });

  it('X-TC-Token that is not accepted → AuthFailure.TokenFailure', async () => {
    expect(await client.errorCode({}, { token: DEMO_TOKEN })).toBe('AuthFailure.TokenFailure');
    expect(await client.errorCode({}, { token: 'forged' })).toBe('AuthFailure.TokenFailure');
  });

  it.each([
    ['X-TC-Region', { region: null }],
    ['X-TC-Action', { omit: ['X-TC-Action'] }],
    ['X-TC-Version', { omit: ['X-TC-Version'] }],
    ['X-TC-Timestamp', { omit: ['X-TC-Timestamp'] }],
  ] as const)('no %s → MissingParameter', async (name, o) => {
    const r = await client.call({}, { ...o });
    expect(r.Error?.Code).toBe('MissingParameter');
    expect(r.Error?.Message).toContain(name);
  });

  it('non-numeric X-TC-Timestamp → InvalidParameter', async () => {
    const res = await client.raw({}, {});
    expect(res.status).toBe(200);
    const u = new URL(emu.url);
    const bad = await rawRequest(
      u.origin,
      'POST',
      '/',
      {
        'Content-Type': 'application/json',
        'X-TC-Action': 'DescribeInvocations',
        'X-TC-Version': '2020-10-28',
        'X-TC-Region': 'ap-guangzhou',
        'X-TC-Timestamp': 'yesterday',
        Authorization: 'x',
      },
      '{}',
    );
    expect(JSON.parse(bad.text).Response.Error.Code).toBe('InvalidParameter');
  });

  it('every TAT region is served; others → UnsupportedRegion', async () => {
    for (const region of TAT_REGIONS) expect(await client.errorCode({ Limit: 1 }, { region })).toBeUndefined();
    expect(await client.errorCode({}, { region: 'ap-atlantis' })).toBe('UnsupportedRegion');
    expect(await client.errorCode({}, { region: 'us-east-1' })).toBe('UnsupportedRegion');
  });

  it('version other than 2020-10-28 → NoSuchVersion', async () => {
    expect(await client.errorCode({}, { version: '2017-03-12' })).toBe('NoSuchVersion');
  });

  it('action the service does not have → InvalidAction (including prototype names)', async () => {
    expect(await client.errorCode({}, { action: 'RunCommand2' })).toBe('InvalidAction');
    expect(await client.errorCode({}, { action: 'toString' })).toBe('InvalidAction');
    expect(await client.errorCode({}, { action: 'describeinvocations' })).toBe('InvalidAction');
  });

  it('unknown body key → UnknownParameter', async () => {
    const r = await client.call({ Limit: 1, Foo: 1 });
    expect(r.Error?.Code).toBe('UnknownParameter');
    expect(r.Error?.Message).toContain('Foo');
    expect(await client.errorCode({ Filters: [{ Name: 'command-id', Values: ['cmd-9dxzty3m'], Extra: 1 }] })).toBe(
      'UnknownParameter',
    );
    expect(await client.errorCode({ HideOutput: true })).toBe('UnknownParameter');
  });

  it.each([
    ['bad JSON', '{"Limit":', undefined],
    ['a JSON array', '[1,2]', undefined],
    ['Limit as a string', '{"Limit":"10"}', undefined],
    ['Limit as a fraction', '{"Limit":1.5}', undefined],
    ['Offset as a boolean', '{"Offset":true}', undefined],
    ['InvocationIds as a string', '{"InvocationIds":"inv-q4zp60g0"}', undefined],
    ['InvocationIds with a number', '{"InvocationIds":[1]}', undefined],
    ['Filters as an object', '{"Filters":{"Name":"x"}}', undefined],
    ['Filter.Name as a number', '{"Filters":[{"Name":1,"Values":["a"]}]}', undefined],
    ['Filter.Values as a string', '{"Filters":[{"Name":"command-id","Values":"cmd-9dxzty3m"}]}', undefined],
    ['HideOutput as a string', '{"HideOutput":"false"}', 'DescribeInvocationTasks'],
  ])('%s → InvalidParameter', async (_name, rawBody, action) => {
    expect(await client.errorCode(undefined, { rawBody, action })).toBe('InvalidParameter');
  });

  it('a non-JSON content type → InvalidParameter', async () => {
    expect(
      await client.errorCode(undefined, { rawBody: 'Limit=1', contentType: 'application/x-www-form-urlencoded' }),
    ).toBe('InvalidParameter');
  });

  it('an empty body is an empty request; null values count as absent', async () => {
    const empty = await client.call(undefined, { rawBody: '' });
    expect(empty.Error).toBeUndefined();
    expect(empty.TotalCount).toBeGreaterThan(0);
    expect((await client.call({ Limit: null, Filters: null })).Error).toBeUndefined();
  });

  it('non-POST and other paths get a 405 / 404 page, not a crash', async () => {
    const get = await rawRequest(emu.url, 'GET', '/', {});
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const other = await rawRequest(emu.url, 'POST', '/v2/invocations', { 'Content-Type': 'application/json' }, '{}');
    expect(other.status).toBe(404);
    expect((await client.call({ Limit: 1 })).Error).toBeUndefined();
  });
});
