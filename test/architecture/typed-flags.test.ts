import { describe, expect, it } from '@jest/globals';
import { exactFlags, type SameKeys } from '../../src/cli/hooks.js';

/**
 * Commander's options reach run functions typed (@commander-js/extra-typings) and checked by
 * name: the `@ts-expect-error` lines below are what `npm run typecheck` proves; if one of them
 * stopped being an error, tsc would fail on the unused directive.
 */

interface ListLikeFlags {
  limit?: string;
  all?: boolean;
}

describe('typed flags at the commander boundary', () => {
  it('passes the options through unchanged when the names match', () => {
    const options = { limit: '5', all: true as const };
    expect(exactFlags<ListLikeFlags>()(options)).toBe(options);
  });

  it('refuses, at compile time, an option the run function does not declare (a renamed flag)', () => {
    // @ts-expect-error `max` is not a ListLikeFlags key: --limit was renamed on one side only
    const renamed = exactFlags<ListLikeFlags>()({ max: '5' });
    expect(renamed).toEqual({ max: '5' });
  });

  it('compares key sets both ways (root options against GlobalFlags)', () => {
    const same: SameKeys<{ a?: 1; b: 2 }, { b?: 3; a: 4 }> = true;
    // @ts-expect-error one key renamed
    const renamed: SameKeys<{ a?: 1; b: 2 }, { a?: 1; c: 2 }> = true;
    // @ts-expect-error one key missing
    const missing: SameKeys<{ a?: 1 }, { a?: 1; b: 2 }> = true;
    expect([same, renamed, missing]).toEqual([true, true, true]);
  });
});
