/**
 * `-o json`: the API's records unchanged (same keys, same order, nothing added), indented with
 * two spaces, newline at the end. Nothing is written before `end`, so a failure half-way leaves
 * stdout empty. The bytes never depend on the terminal or colour.
 *
 * Memory: each page is serialised as it arrives and kept as UTF-8 bytes, not as parsed records,
 * and `end` writes those pages one by one rather than joining them, so `--all` over a large
 * fleet holds about the output's size once (not its records plus one giant string).
 */
import { escapeJsonText } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

/** One array element: the record's indented text, itself indented one level inside `[ ]`. */
function element(record: unknown): string {
  return `  ${escapeJsonText(JSON.stringify(record, null, 2)).replace(/\n/g, '\n  ')}`;
}

export const streams = false;

export function create<T>(ctx: FormatContext<T>): Formatter<T> {
  // One record asked for: the bare object, so the first record is kept as it is.
  const bare = ctx.cardinality === 'one';
  const pages: Buffer[] = [];
  let first: T | undefined;
  let count = 0;
  return {
    async write(page) {
      if (page.length === 0) return;
      if (count === 0) first = page[0];
      count += page.length;
      // Each page carries what goes before it: `[` first, the comma between pages after that.
      pages.push(Buffer.from(`${pages.length === 0 ? '[\n' : ',\n'}${page.map(element).join(',\n')}`, 'utf8'));
    },
    async end() {
      if (bare) {
        // Nothing found: nothing written (the command reports it).
        if (count === 0) return;
        if (count === 1) return ctx.out.write(`${escapeJsonText(JSON.stringify(first, null, 2))}\n`);
      }
      if (count === 0) return ctx.out.write('[]\n');
      for (let index = 0; index < pages.length; index++) {
        const page = pages[index]!;
        // Written pages are dropped as we go, so memory falls while writing.
        pages[index] = EMPTY;
        await ctx.out.write(page);
      }
      await ctx.out.write('\n]\n');
    },
  };
}

const EMPTY = Buffer.alloc(0);
