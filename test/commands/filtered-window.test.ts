import { describe, expect, it } from '@jest/globals';
import type { Fetch } from '../../src/deps.js';
import { runCli } from '../helpers/cli.js';
import { numbered } from '../helpers/invocations.js';
import { regionalApi } from '../helpers/regional-api.js';

/**
 * Filtered listings (`--status`, `--since`, `--until`) fetched one page at a time, so against a
 * 100 ms server `--status FAILED --all` took twice as long as the same requests unfiltered
 * (issue 19.15). They now keep a window of pages in flight like unfiltered listings, and with
 * `--since` or a `--limit` of filtered rows ask only for the pages their own pages say are left.
 */

const now = Date.UTC(2026, 10, 1);
/** A week of history, one invocation every 10 minutes: 1,008 invocations, 11 pages of 100. */
const week = Array.from({ length: 7 * 144 }, (_, i) =>
  numbered(i * 10, { InvocationStatus: i % 7 === 3 ? 'FAILED' : 'SUCCESS' }),
);

/** The regional fake, each answer held for a turn of the event loop, counting requests in flight. */
function measured() {
  const api = regionalApi({ invocations: { 'ap-guangzhou': week } });
  let inFlight = 0;
  let most = 0;
  const fetch: Fetch = async (url, init) => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return await api.fetch(url, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch, calls: api.calls, most: () => most };
}

describe('filtered listings page a window at a time', () => {
  it.each([
    ['--status FAILED --all', ['--status', 'FAILED', '--all'], 144],
    ['--until 24h --all', ['--until', '24h', '--all'], 1008 - 144],
  ])('%s: up to 4 pages in flight, the same 11 requests as unfiltered', async (_name, args, rows) => {
    const api = measured();
    const result = await runCli(['invocations', 'list', ...args, '-o', 'tsv'], { fetch: api.fetch, now });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(rows);
    expect(api.calls).toHaveLength(11);
    expect(api.most()).toBe(4);
  });

  it('--since 3d: the pages its time span needs, asked several at once, none past the cut-off', async () => {
    const api = measured();
    const result = await runCli(['invocations', 'list', '--since', '3d', '--all', '-o', 'tsv'], {
      fetch: api.fetch,
      now,
    });
    expect(result.code).toBe(0);
    // 0, 10, … 4320 minutes ago: 433 rows, on pages 1-5 (each page after the first overlaps by one).
    expect(result.stdout.trim().split('\n')).toHaveLength(433);
    expect(api.calls.map((call) => call.params.Offset)).toEqual([0, 99, 198, 297, 396]);
    expect(api.most()).toBeGreaterThan(1);
  });

  it('--since 1h: one request (the first page already reaches past it)', async () => {
    const api = measured();
    const result = await runCli(['invocations', 'list', '--since', '1h', '--all', '-o', 'tsv'], {
      fetch: api.fetch,
      now,
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(7);
    expect(api.calls).toHaveLength(1);
  });

  it('--status FAILED --limit 40: the pages the missing rows need at the rate they matched', async () => {
    const api = measured();
    const result = await runCli(['invocations', 'list', '--status', 'FAILED', '--limit', '40', '-o', 'tsv'], {
      fetch: api.fetch,
      now,
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(40);
    // 40 FAILED rows (one in 7) lie in the first 280 invocations: three pages, asked two at once.
    expect(api.calls).toHaveLength(3);
    expect(api.most()).toBe(2);
  });
});
