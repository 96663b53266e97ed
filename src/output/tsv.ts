/**
 * `-o tsv` (the default when stdout is not a terminal): one line per record, no header, no
 * colour, no truncation, UTC times; columns in the fixed order of the resource's tsv columns
 * (docs/output.md). Written page by page.
 */
import { escapeField } from './escape.js';
import type { TsvColumn } from './resource.js';
import type { FormatContext, Formatter } from './types.js';

export const streams = true;

/** One record as one tsv line (with its newline). */
export function tsvLine<T>(columns: readonly TsvColumn<T>[], r: T): string {
  return `${columns.map((c) => escapeField(c.value(r) ?? '')).join('\t')}\n`;
}

export function create<T>(ctx: FormatContext<T>): Formatter<T> {
  const columns = ctx.resource.tsv;
  return {
    async write(page) {
      if (page.length === 0) return;
      let text = '';
      for (const r of page) text += tsvLine(columns, r);
      await ctx.out.write(text);
    },
    async end() {},
  };
}
