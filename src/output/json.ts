/**
 * `-o json`: the API's records unchanged (same keys, same order, nothing added), indented with
 * two spaces, newline at the end. Buffered and written once in `end`, so a failure half-way
 * leaves stdout empty. The bytes never depend on the terminal or colour.
 */
import type { Invocation } from '../api/types.js';
import { escapeJsonText } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

export function create(ctx: FormatContext): Formatter<Invocation> {
  const records: Invocation[] = [];
  return {
    async write(page) {
      records.push(...page);
    },
    async end() {
      let value: unknown = records;
      if (ctx.view === 'get' && ctx.single) {
        // One id asked for: the bare object. Nothing found: nothing written (the command reports it).
        if (records.length === 0) return;
        if (records.length === 1) value = records[0];
      }
      await ctx.out.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
    },
  };
}
