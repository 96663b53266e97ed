import { describe, expect, it } from '@jest/globals';
import { mergeNewestFirst, type RegionFailure } from '../../src/api/merge.js';
import { ApiError, OutputClosed } from '../../src/errors.js';

/** A region whose pages are numbers (bigger = newer), recording which pages were asked for. */
function region(name: string, pages: number[][], log: string[], failAt?: number) {
  return {
    region: name,
    pages: (async function* () {
      for (const [index, page] of pages.entries()) {
        log.push(`${name}#${index}`);
        if (index === failAt) throw new ApiError('InternalError', 'boom', 'req-1', 'DescribeInvocations');
        yield page;
      }
    })(),
  };
}
const newer = (a: number, b: number): number => b - a;

describe('mergeNewestFirst', () => {
  it('interleaves regions newest first, asking a region for its next page only when its buffer is empty', async () => {
    const log: string[] = [];
    const merged = mergeNewestFirst(
      [
        region(
          'a',
          [
            [9, 6],
            [3, 1],
          ],
          log,
        ),
        region('b', [[8, 7], [5, 4], [2]], log),
      ],
      newer,
      () => undefined,
    );
    const out: string[] = [];
    for await (const batch of merged) out.push(...batch.map((t) => `${t.region}${t.item}`));
    expect(out).toEqual(['a9', 'b8', 'b7', 'a6', 'b5', 'b4', 'a3', 'b2', 'a1']);
    expect(log).toEqual(['a#0', 'b#0', 'b#1', 'a#1', 'b#2']);
  });

  it('stops every region when the consumer stops', async () => {
    const log: string[] = [];
    const merged = mergeNewestFirst(
      [region('a', [[9], [7], [5]], log), region('b', [[8], [6], [4]], log)],
      newer,
      () => undefined,
    );
    for await (const batch of merged) if (batch.length) break;
    expect(log).toEqual(['a#0', 'b#0']);
  });

  it('drops a failing region, reports it, and goes on with the others', async () => {
    const log: string[] = [];
    const failures: RegionFailure[] = [];
    const merged = mergeNewestFirst(
      [region('a', [[9], [7]], log, 1), region('b', [[8], [6]], log)],
      newer,
      (f) => void failures.push(f),
    );
    const out: number[] = [];
    for await (const batch of merged) out.push(...batch.map((t) => t.item));
    expect(out).toEqual([9, 8, 6]);
    expect(failures.map((f) => [f.region, f.error instanceof ApiError && f.error.code])).toEqual([
      ['a', 'InternalError'],
    ]);
  });

  it('lets any other error end the whole merge', async () => {
    const pages: AsyncIterator<number[]> = { next: () => Promise.reject(new OutputClosed()) };
    const broken = { region: 'a', pages };
    const merged = mergeNewestFirst([broken, region('b', [[1]], [])], newer, () => undefined);
    await expect(merged.next()).rejects.toBeInstanceOf(OutputClosed);
  });
});
