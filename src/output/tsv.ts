/**
 * `-o tsv` (the default when stdout is not a terminal): one line per invocation, no header, no
 * colour, no truncation, UTC times; columns in the fixed order of TSV_COLUMNS
 * (docs/output.md). Written page by page.
 */
import type { Invocation } from '../api/types.js';
import { TSV_COLUMNS } from './columns.js';
import { escapeField } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

/** One record as one tsv line (with its newline). */
export function tsvLine(r: Invocation): string {
  return `${TSV_COLUMNS.map((c) => escapeField(c.value(r) ?? '')).join('\t')}\n`;
}

export function create(ctx: FormatContext): Formatter<Invocation> {
  return {
    async write(page) {
      if (page.length === 0) return;
      await ctx.out.write(page.map(tsvLine).join(''));
    },
    async end() {},
  };
}
