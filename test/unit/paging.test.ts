import { describe, expect, it } from '@jest/globals';
import { compareServerOrder, invocationOrder } from '../../src/api/order.js';
import type { StoredInvocation } from '../../src/emulator/data/model.js';
import { sortRecords } from '../../src/emulator/data/store.js';
import {
  IncompleteListingError,
  paginate,
  type PageFetcher,
  type PageRange,
  type PagingOrder,
} from '../../src/api/paginate.js';
import { parseRetryAfter, RateLimiter } from '../../src/api/rate-limit.js';
import { createRng } from '../../src/emulator/data/prng.js';
import { SecretIdRateLimiter as ServerBucket } from '../../src/emulator/rate-limit.js';
import { backoffDelay, isTransient } from '../../src/api/retry.js';
import { ApiError, TransportError } from '../../src/errors.js';
import { fakeClock } from '../helpers/clock.js';

interface Rec {
  id: string;
  t: number;
}
const BY: PagingOrder<Rec> = { key: (r) => r.id, order: (a, b) => compareServerOrder(a.t, a.id, b.t, b.id) };
const existing = (n: number): Rec[] =>
  Array.from({ length: n }, (_, i) => ({ id: `inv-${String(i).padStart(6, '0')}`, t: 1_000_000 - i }));

/** A listing in server order that may grow at the front on every request, as a fetcher. */
function listing(
  records: Rec[],
  options: { arrivalsPerRequest?: number; total?: (real: number) => number; cap?: number; extra?: number } = {},
) {
  const list = [...records];
  const calls: Array<[number, number]> = [];
  let arrived = 0;
  const fetch = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    for (let i = 0; i < (options.arrivalsPerRequest ?? 0); i++)
      list.unshift({ id: `new-${String(arrived).padStart(6, '0')}`, t: 2_000_000 + arrived++ });
    const size = Math.min(limit, options.cap ?? limit) + (options.extra ?? 0);
    return {
      items: list.slice(offset, offset + size),
      total: options.total ? options.total(list.length) : list.length,
    };
  };
  return { fetch, calls };
}

async function collect(fetch: PageFetcher<Rec>, range: PageRange = { offset: 0 }): Promise<Rec[]> {
  const out: Rec[] = [];
  for await (const page of paginate(fetch, range, BY)) out.push(...page.items);
  return out;
}

const ids = (records: Rec[]): string[] => records.map((r) => r.id);

describe('paginate', () => {
  const data = existing(537);

  it('yields every item once, in order, for --all, in as many requests as pages (+1 to see the end)', async () => {
    const server = listing(data);
    expect(ids(await collect(server.fetch))).toEqual(ids(data));
    // 100 + 99 per page after the first (one record of overlap), then the short last page.
    expect(server.calls).toHaveLength(6);
  });

  it('honours offset and limit', async () => {
    const server = listing(data);
    expect(ids(await collect(server.fetch, { offset: 10, limit: 150 }))).toEqual(ids(data.slice(10, 160)));
    expect(server.calls).toEqual([
      [10, 100],
      [109, 51],
    ]);
  });

  it('keeps no more than `concurrency` pages in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const server = listing(data);
    const slow = async (offset: number, limit: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return server.fetch(offset, limit);
    };
    expect(await collect(slow, { offset: 0, concurrency: 2 })).toHaveLength(537);
    expect(peak).toBe(2);
  });

  it('loses nothing and repeats nothing while new records arrive on every request (issue 10.1)', async () => {
    const server = listing(existing(300), { arrivalsPerRequest: 5 });
    const got = ids(await collect(server.fetch));
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((id) => id.startsWith('inv-'))).toEqual(ids(existing(300)));
  });

  it('loses nothing when the server answers concurrent pages out of order', async () => {
    const list = existing(1000);
    let arrived = 0;
    const waiting: Array<() => void> = [];
    // Answers are computed in reverse order of asking, with arrivals in between: later offsets see fewer new records.
    const fetch = (offset: number, limit: number) =>
      new Promise<{ items: Rec[]; total: number }>((resolve) => {
        waiting.push(() => {
          for (let i = 0; i < 7; i++) list.unshift({ id: `new-${arrived}`, t: 2_000_000 + arrived++ });
          resolve({ items: list.slice(offset, offset + limit), total: list.length });
        });
        setImmediate(() => {
          while (waiting.length) waiting.pop()!();
        });
      });
    const got = ids(await collect(fetch));
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((id) => id.startsWith('inv-'))).toEqual(ids(existing(1000)));
  });

  it.each([
    ['2^53-1', () => Number.MAX_SAFE_INTEGER],
    ['1e9', () => 1e9],
    ['0', () => 0],
    ['a count that keeps changing', (real: number) => real + Math.floor(Math.random() * 1000)],
  ])('a TotalCount of %s neither sizes a plan nor ends the listing early (issue 10.2)', async (_name, total) => {
    const server = listing(existing(300), { total });
    expect(ids(await collect(server.fetch))).toEqual(ids(existing(300)));
    // 4 pages of data, the empty or short end, and at most 3 speculative requests.
    expect(server.calls.length).toBeLessThanOrEqual(8);
  });

  it.each([
    ['capped at 30 a page', { cap: 30 }],
    ['capped at 1 a page', { cap: 1 }],
    ['longer than asked', { extra: 50 }],
  ])('pages %s still give every record once (issue 10.13)', async (_name, options) => {
    const server = listing(existing(250), options);
    expect(ids(await collect(server.fetch))).toEqual(ids(existing(250)));
  });

  it('a server that answers the same page whatever the offset stops with what could not be fetched', async () => {
    const calls: number[] = [];
    const same = async (offset: number) => (calls.push(offset), { items: existing(100), total: 5000 });
    await expect(collect(same)).rejects.toThrow(IncompleteListingError);
    await expect(collect(same)).rejects.toThrow(
      /paging stopped at offset \d+: 11 requests in a row brought nothing new \(100 fetched; the server counts 5000\)/,
    );
    expect(calls.length).toBeLessThan(40);
  });

  it('remembers two pages of keys at most, however long the listing (issue 13: flat memory)', async () => {
    for (const size of [1_000, 20_000]) {
      const stats = { keysHeld: 0 };
      const server = listing(existing(size), { arrivalsPerRequest: 3 });
      const got = await collect(server.fetch, { offset: 0, stats });
      expect(got.length).toBeGreaterThanOrEqual(size);
      expect(stats.keysHeld).toBeLessThanOrEqual(200);
    }
  });
});

describe('RateLimiter', () => {
  /** Send times of `count` paced requests, on a fake clock that only the limiter's waits move. */
  async function sendTimes(
    limiter: RateLimiter,
    clock: ReturnType<typeof fakeClock>,
    count: number,
  ): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      await limiter.acquire();
      times.push(clock.now());
    }
    return times;
  }

  it('never trips a 20/s server bucket, even with up to 50 ms of jitter on the way, and stays within 1.1x its floor (issue 13)', async () => {
    const clock = fakeClock();
    const start = clock.now();
    const times = await sendTimes(new RateLimiter(20, clock.now, clock.sleep), clock, 2000);
    const rng = createRng(3);
    const arrivals = times.map((t) => t + Math.floor(rng.next() * 50)).sort((a, b) => a - b);
    const server = new ServerBucket(20);
    const throttled = arrivals.filter((t) => !server.take('AKID', t));
    expect(throttled).toEqual([]);
    // 2000 requests at 20/s take 100 simulated seconds at best.
    expect(clock.now() - start).toBeLessThanOrEqual(1.1 * 100_000);
  });

  it('starts with a burst of 4 at most, far below what the server tolerates', async () => {
    const clock = fakeClock();
    const times = await sendTimes(new RateLimiter(20, clock.now, clock.sleep), clock, 10);
    expect(times.filter((t) => t === times[0])).toHaveLength(4);
  });

  it('halves its rate on a throttle, once per round in flight, and creeps back on success (issue 10.8)', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(20, clock.now, clock.sleep);
    expect(limiter.rate).toBe(19);
    const sentAt = clock.now();
    clock.advance(10);
    limiter.throttled(sentAt);
    limiter.throttled(sentAt); // another request of the same round: no second halving
    expect(limiter.rate).toBe(9.5);
    clock.advance(10);
    limiter.throttled(clock.now());
    expect(limiter.rate).toBe(4.75);
    limiter.succeeded();
    expect(limiter.rate).toBeCloseTo(4.9875);
    for (let i = 0; i < 100; i++) limiter.succeeded();
    expect(limiter.rate).toBe(19);
  });

  it('waits out a Retry-After before the next request, capped at a minute', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(20, clock.now, clock.sleep);
    limiter.throttled(clock.now(), 3000);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.now() - before).toBeGreaterThanOrEqual(3000);
    limiter.throttled(clock.now(), 10 ** 12);
    const again = clock.now();
    await limiter.acquire();
    expect(clock.now() - again).toBeLessThanOrEqual(60_000 + 1000);
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(5000).toUTCString(), 1000)).toBe(4000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
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
  ])('%s retryable: %s', (code, expected) => expect(isTransient(api(code))).toBe(expected));

  it('follows the transport error flag', () => {
    expect(isTransient(new TransportError('x', true))).toBe(true);
    expect(isTransient(new TransportError('x', false))).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });

  it('full jitter stays under an exponential ceiling with a cap', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(199);
    expect(backoffDelay(3, () => 0.999)).toBe(799);
    expect(backoffDelay(20, () => 0.999)).toBe(9990);
    expect(backoffDelay(4, () => 0)).toBe(0);
  });
});

describe('the server order (issue 10.18)', () => {
  it('is one definition: the emulator and the instance-id fallback order equal CreatedTimes alike, by id ascending', () => {
    const created = '2026-11-01T00:00:00Z';
    const ids = ['inv-cccccccc', 'inv-aaaaaaaa', 'inv-bbbbbbbb', 'inv-00000000'];
    const older = { InvocationId: 'inv-zzzzzzzz', CreatedTime: '2026-10-31T23:59:59Z' };
    const records = [...ids.map((id) => ({ InvocationId: id, CreatedTime: created })), older];
    const client = [...records].sort(invocationOrder).map((r) => r.InvocationId);
    const stored = records.map(
      (r) => ({ InvocationId: r.InvocationId, createdMs: Date.parse(r.CreatedTime) }) as unknown as StoredInvocation,
    );
    const emulator = sortRecords(stored).map((r) => r.InvocationId);
    expect(client).toEqual(['inv-00000000', 'inv-aaaaaaaa', 'inv-bbbbbbbb', 'inv-cccccccc', 'inv-zzzzzzzz']);
    expect(emulator).toEqual(client);
  });
});
