/** Fault injection (injected random), latency (injected sleep) and the rate limit per SecretId, region and action (injected clock). */
import { describe, expect, it } from '@jest/globals';
import { pickFault } from '../../src/emulator/faults.js';
import { SecretIdRateLimiter } from '../../src/emulator/rate-limit.js';
import { Client, start, testClock } from './helpers.js';

/** Returns the given numbers in turn, then repeats the last one. */
const sequence = (...values: number[]): (() => number) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] as number;
};

describe('fault injection', () => {
  it('picks nothing at rate 0 and decides by the random source otherwise', () => {
    expect(pickFault(0, sequence(0))).toBeUndefined();
    expect(pickFault(0.5, sequence(0.5))).toBeUndefined();
    expect(pickFault(0.5, sequence(0.1, 0.1, 0.0))).toEqual({ kind: 'gateway', status: 502 });
    expect(pickFault(0.5, sequence(0.1, 0.1, 0.99))).toEqual({ kind: 'gateway', status: 504 });
    expect(pickFault(0.5, sequence(0.1, 0.5))).toEqual({ kind: 'reset' });
    expect(pickFault(0.5, sequence(0.1, 0.9))).toEqual({ kind: 'internal' });
  });

  it('a gateway fault is a 5xx HTML page', async () => {
    const emu = await start({ faultRate: 0.5, random: sequence(0.1, 0.1, 0.5) });
    try {
      const res = await new Client(emu).raw({});
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('text/html');
      expect(res.text).toContain('<title>503 Service Temporarily Unavailable</title>');
    } finally {
      await emu.close();
    }
  });

  it('a reset fault drops the connection', async () => {
    const emu = await start({ faultRate: 1, random: sequence(0.1, 0.5) });
    try {
      await expect(new Client(emu).raw({})).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      await emu.close();
    }
  });

  it('an internal fault is an InternalError envelope with HTTP 200, even for a bad signature', async () => {
    const emu = await start({ faultRate: 1, random: sequence(0.1, 0.9) });
    try {
      const r = await new Client(emu).call({}, { secretKey: 'wrong' });
      expect(r.Error?.Code).toBe('InternalError');
      expect(r.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await emu.close();
    }
  });

  it('with the random source above the rate, requests succeed', async () => {
    const emu = await start({ faultRate: 0.3, random: sequence(0.31) });
    try {
      expect((await new Client(emu).call({ Limit: 1 })).Error).toBeUndefined();
    } finally {
      await emu.close();
    }
  });
});

describe('latency', () => {
  it('waits latencyMs through the injected sleep before answering', async () => {
    const waits: number[] = [];
    const emu = await start({ latencyMs: 1500, sleep: async (ms) => void waits.push(ms) });
    try {
      expect((await new Client(emu).call({ Limit: 1 })).Error).toBeUndefined();
      expect(waits).toEqual([1500]);
    } finally {
      await emu.close();
    }
  });
});

describe('rate limit', () => {
  it('token bucket: `rate` a second per key, refilled by the clock, 0 is off', () => {
    const limiter = new SecretIdRateLimiter(3);
    expect([1, 2, 3, 4].map(() => limiter.take('a', 0))).toEqual([true, true, true, false]);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 333)).toBe(false);
    expect(limiter.take('a', 334)).toBe(true);
    expect(limiter.take('a', 1334)).toBe(true);
    const off = new SecretIdRateLimiter(0);
    expect(Array.from({ length: 1000 }, () => off.take('a', 0)).every(Boolean)).toBe(true);
  });

  it('answers RequestLimitExceeded past the limit per SecretId, and recovers as the clock moves', async () => {
    const clock = testClock();
    const emu = await start({
      now: clock.now,
      rateLimit: 20,
      extraCredentials: [{ secretId: 'AKIDother', secretKey: 'other' }],
    });
    const client = new Client(emu, clock.now);
    try {
      const codes: Array<string | undefined> = [];
      for (let i = 0; i < 21; i += 1) codes.push(await client.errorCode({ Limit: 1 }));
      expect(codes.slice(0, 20)).toEqual(Array(20).fill(undefined));
      expect(codes[20]).toBe('RequestLimitExceeded');
      expect(await client.errorCode({ Limit: 1 }, { secretId: 'AKIDother', secretKey: 'other' })).toBeUndefined();
      clock.advance(1000);
      expect(await client.errorCode({ Limit: 1 })).toBeUndefined();
    } finally {
      await emu.close();
    }
  });

  it('counts each action on its own: DescribeInvocationTasks still answers once DescribeInvocations is throttled, and each region too', async () => {
    const clock = testClock();
    const emu = await start({ now: clock.now, rateLimit: 3 });
    const client = new Client(emu, clock.now);
    try {
      const codes = async (n: number, action: string, region = 'ap-guangzhou'): Promise<Array<string | undefined>> => {
        const out: Array<string | undefined> = [];
        for (let i = 0; i < n; i += 1) out.push(await client.errorCode({ Limit: 1 }, { action, region }));
        return out;
      };
      expect(await codes(4, 'DescribeInvocations')).toEqual([undefined, undefined, undefined, 'RequestLimitExceeded']);
      expect(await codes(4, 'DescribeInvocationTasks')).toEqual([
        undefined,
        undefined,
        undefined,
        'RequestLimitExceeded',
      ]);
      expect(await codes(1, 'DescribeInvocations', 'ap-shanghai')).toEqual([undefined]);
    } finally {
      await emu.close();
    }
  });

  it('requests that fail authentication do not use up the caller budget', async () => {
    const clock = testClock();
    const emu = await start({ now: clock.now, rateLimit: 1 });
    const client = new Client(emu, clock.now);
    try {
      expect(await client.errorCode({}, { secretKey: 'wrong' })).toBe('AuthFailure.SignatureFailure');
      expect(await client.errorCode({ Limit: 1 })).toBeUndefined();
      expect(await client.errorCode({ Limit: 1 })).toBe('RequestLimitExceeded');
    } finally {
      await emu.close();
    }
  });
});
