import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { Deps, Fetch, OutputStream } from '../../src/deps.js';
import { main } from '../../src/main.js';
import { BASE_ENV } from '../helpers/cli.js';
import { fakeClock } from '../helpers/clock.js';
import { numbered } from '../helpers/invocations.js';

/**
 * Issue 13, flat memory: `list --all` streaming into a consumer slower than the server holds a
 * bounded number of records, whatever the listing's length. Counted, not timed: records the
 * server has handed over that are not yet written, and bytes written that the consumer has not
 * yet taken.
 */

/** A server listing `size` invocations (generated per page, so the test holds none of them). */
function listingOf(size: number, counts: { served: number }): Fetch {
  return async (_url, init) => {
    const params = JSON.parse(init.body ?? '{}') as { Offset?: number; Limit?: number };
    const offset = params.Offset ?? 0;
    const end = Math.min(size, offset + (params.Limit ?? 20));
    const page = [];
    for (let index = offset; index < end; index++) page.push(numbered(index));
    counts.served += page.length;
    const body = JSON.stringify({ Response: { TotalCount: size, InvocationSet: page, RequestId: `req-${offset}` } });
    return {
      status: 200,
      headers: { get: () => null },
      body: (async function* () {
        yield Buffer.from(body);
      })(),
    };
  };
}

/** Takes what it is given several event-loop turns later, as a pipe to a busy reader does. */
function slowConsumer(counts: { served: number }) {
  const seen = { lines: 0, pendingWrites: 0, maxPendingWrites: 0, maxPendingBytes: 0, maxAhead: 0 };
  const stdout: OutputStream = {
    isTTY: false,
    columns: 0,
    async write(chunk) {
      const bytes = Buffer.byteLength(chunk);
      seen.pendingWrites++;
      seen.maxPendingWrites = Math.max(seen.maxPendingWrites, seen.pendingWrites);
      seen.maxPendingBytes = Math.max(seen.maxPendingBytes, bytes * seen.pendingWrites);
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      seen.pendingWrites--;
      seen.lines += Buffer.from(chunk).toString('utf8').split('\n').length - 1;
      // Records fetched from the server and not yet taken by the consumer.
      seen.maxAhead = Math.max(seen.maxAhead, counts.served - seen.lines);
    },
  };
  return { stdout, seen };
}

function deps(fetch: Fetch, stdout: OutputStream): Deps {
  const clock = fakeClock();
  const quiet: OutputStream = { isTTY: false, columns: 0, write: async () => undefined };
  return {
    io: { stdout, stderr: quiet, stdin: { isTTY: false, raw: new PassThrough() } },
    env: { ...BASE_ENV, HOME: '/nonexistent-home', XDG_CONFIG_HOME: '/nonexistent-home/.config' },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    fetch,
    homeDir: '/nonexistent-home',
    signal: new AbortController().signal,
  };
}

describe('list --all into a slow consumer holds a bounded number of records', () => {
  it.each(['ndjson', 'tsv'])(
    '-o %s: at most the paging window ahead of the consumer, one write pending, at 2,000 and 20,000 invocations',
    async (format) => {
      for (const size of [2_000, 20_000]) {
        const counts = { served: 0 };
        const { stdout, seen } = slowConsumer(counts);
        const code = await main(['invocations', 'list', '--all', '-o', format], deps(listingOf(size, counts), stdout));
        expect(code).toBe(0);
        // Every record arrived, once (each page after the first overlaps the previous by one).
        expect(seen.lines).toBe(size);
        expect(counts.served).toBeLessThan(size + size / 50);
        // Writes are awaited: never more than one page's text handed over and not yet taken.
        expect(seen.maxPendingWrites).toBe(1);
        expect(seen.maxPendingBytes).toBeLessThan(100 * 2_000);
        // Paging waits for the consumer: the window of 4 pages in flight plus the page being written.
        expect(seen.maxAhead).toBeLessThanOrEqual(5 * 100);
      }
    },
  );
});
