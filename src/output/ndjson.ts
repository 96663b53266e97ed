/**
 * `-o ndjson`: one compact record per line, written as each page arrives, so `--all` over a
 * large fleet streams with bounded memory and the first lines show before the last page.
 */
import { escapeJsonText } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

export const streams = true;

export function create<T>(ctx: FormatContext<T>): Formatter<T> {
  return {
    async write(page) {
      if (page.length === 0) return;
      await ctx.out.write(page.map((r) => `${escapeJsonText(JSON.stringify(r))}\n`).join(''));
    },
    async end() {},
  };
}
