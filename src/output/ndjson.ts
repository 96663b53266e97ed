/**
 * `-o ndjson`: one compact record per line, written as each page arrives, so `--all` over a
 * large fleet streams with bounded memory and the first lines show before the last page.
 */
import type { Invocation } from '../api/types.js';
import { escapeJsonText } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

export function create(ctx: FormatContext): Formatter<Invocation> {
  return {
    async write(page) {
      if (page.length === 0) return;
      await ctx.out.write(page.map((r) => `${escapeJsonText(JSON.stringify(r))}\n`).join(''));
    },
    async end() {},
  };
}
