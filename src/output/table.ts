/**
 * `-o table` (the default on a terminal). `rows`: one line per record, fitted to the terminal
 * width (resource.table says what gives way first), status coloured by outcome. `detail`: the
 * resource's full view of each record, separated by a blank line. Buffered and written once in
 * `end`. chalk is loaded here, lazily, so `tat --help` never pays for it.
 */
import { renderGrid } from './grid.js';
import type { Resource } from './resource.js';
import { paintStatus, type Painter } from './status.js';
import type { FormatContext, Formatter } from './types.js';

export const streams = false;

export function renderRows<T>(
  records: readonly T[],
  resource: Resource<T>,
  o: { paint: Painter; now: number; width: number },
): string {
  return renderGrid({
    columns: resource.table.map((c) => {
      const category = c.category;
      return {
        header: c.header,
        cells: records.map((r) => c.value(r, o.now) ?? ''),
        short: c.short ? records.map((r) => c.short!(r, o.now) ?? '') : undefined,
        flexible: c.flexible,
        min: c.min,
        drop: c.drop,
        pinned: c.pinned,
        paint: category
          ? (row: number, text: string) => paintStatus(o.paint, category(records[row]!), text)
          : undefined,
      };
    }),
    width: o.width,
    paintHeader: (h) => o.paint.bold(h),
  });
}

export async function create<T>(ctx: FormatContext<T>): Promise<Formatter<T>> {
  const { Chalk } = await import('chalk');
  const paint: Painter = new Chalk({ level: ctx.colorLevel });
  const records: T[] = [];
  return {
    async write(page) {
      for (const r of page) records.push(r);
    },
    async end() {
      if (records.length === 0) return;
      const now = ctx.now();
      const { detail } = ctx.resource;
      const text =
        ctx.layout === 'detail' && detail
          ? records.map((r) => detail(r, { paint, timeZone: ctx.timeZone, width: ctx.columns, now })).join('\n')
          : renderRows(records, ctx.resource, { paint, now, width: ctx.columns });
      await ctx.out.write(text);
    },
  };
}
