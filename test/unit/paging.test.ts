import { describe, expect, it } from '@jest/globals';
import { paginate, planPages } from '../../src/api/paginate.js';
import { RateLimiter } from '../../src/api/rate-limit.js';
import { backoffDelay, isRetryable } from '../../src/api/retry.js';
import { ApiError, TransportError } from '../../src/errors.js';
import { fakeClock } from '../helpers/clock.js';

describe('planPages', () => {
  it('cuts [start, end) into pages of at most pageSize', () => {
    expect(planPages(100, 350, 100)).toEqual([[100, 100], [200, 100], [300, 50]]);
    expect(planPages(5, 5, 100)).toEqual([]);
  });
});

describe('paginate', () => {
  const data = Array.from({ length: 537 }, (_, i) => i);
  const fetcher = (calls: Array<[number, number]>) => async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    return { items: data.slice(offset, offset + limit), total: data.length };
  };

  it('yields every item once, in order, for --all', async () => {
    const calls: Array<[number, number]> = [];
    const seen: number[] = [];
    for await (const page of paginate(fetcher(calls), { offset: 0 })) seen.push(...page.items);
    expect(seen).toEqual(data);
    expect(calls).toHaveLength(6);
  });

  it('honours offset and limit', async () => {
    const calls: Array<[number, number]> = [];
    const seen: number[] = [];
    for await (const page of paginate(fetcher(calls), { offset: 10, limit: 150 })) seen.push(...page.items);
    expect(seen).toEqual(data.slice(10, 160));
    expect(calls).toEqual([[10, 100], [110, 50]]);
  });

  it('keeps no more than `concurrency` pages in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = async (offset: number, limit: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { items: data.slice(offset, offset + limit), total: data.length };
    };
    for await (const _ of paginate(slow, { offset: 0, concurrency: 2 })) void _;
    expect(peak).toBe(2);
  });

  it('stops after a short first page whatever TotalCount says', async () => {
    const calls: Array<[number, number]> = [];
    const pages = [];
    for await (const page of paginate(async (o, l) => (calls.push([o, l]), { items: [1, 2], total: 1000 }), { offset: 0 })) pages.push(page);
    expect(calls).toEqual([[0, 100]]);
    expect(pages).toHaveLength(1);
  });
});

describe('RateLimiter', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(5, clock.now, clock.sleep);
    const start = clock.now();
    for (let i = 0; i < 15; i++) await limiter.acquire();
    // 5 at once, then 10 more at 5/s = 2 s of (fake) waiting.
    expect(clock.now() - start).toBe(2000);
  });

  it('is off at 0', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(0, clock.now, clock.sleep);
    for (let i = 0; i < 100; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });
});

describe('retry classification', () => {
  const api = (code: string) => new ApiError(code, 'm', 'r', 'DescribeInvocations');
  it.each([
    ['RequestLimitExceeded', true],
    ['RequestLimitExceeded.UinLimitExceeded', true],
    ['InternalError', true],
    ['ServiceUnavailable', true],
    ['AuthFailure.SignatureFailure', false],
    ['InvalidParameter', false],
    ['InvalidParameterValue.InvalidFilter', false],
    ['UnauthorizedOperation.CamAuthFailed', false],
    ['ResponseSizeLimitExceeded', false],
  ])('%s retryable: %s', (code, expected) => expect(isRetryable(api(code))).toBe(expected));

  it('follows the transport error flag', () => {
    expect(isRetryable(new TransportError('x', true))).toBe(true);
    expect(isRetryable(new TransportError('x', false))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });

  it('full jitter stays under an exponential ceiling with a cap', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(199);
    expect(backoffDelay(3, () => 0.999)).toBe(799);
    expect(backoffDelay(20, () => 0.999)).toBe(9990);
    expect(backoffDelay(4, () => 0)).toBe(0);
  });
});
