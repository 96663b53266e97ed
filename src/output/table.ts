/**
 * `-o table` (the default on a terminal). `list`: one row per invocation, fitted to the
 * terminal width, status coloured by outcome. `get`: the detail view of each invocation,
 * separated by a blank line. Buffered and written once in `end`. chalk and cli-table3 are
 * loaded here, lazily, so `tat --help` never pays for them.
 */
import type { Invocation } from '../api/types.js';
import { TABLE_COLUMNS } from './columns.js';
import { renderDetail } from './detail.js';
import { renderGrid, type TableCtor } from './grid.js';
import { paintStatus, type Painter } from './status.js';
import type { FormatContext, Formatter } from './types.js';

export function renderList(records: readonly Invocation[], ctx: FormatContext, paint: Painter, Table: TableCtor): string {
  const now = ctx.now();
  return renderGrid({
    Table,
    headers: TABLE_COLUMNS.map((c) => c.header),
    rows: records.map((r) => TABLE_COLUMNS.map((c) => c.value(r, now) ?? '')),
    fit: TABLE_COLUMNS.map(({ flexible, min, drop, pinned }) => ({ flexible, min, drop, pinned })),
    width: ctx.columns,
    paintHeader: (h) => paint.bold(h),
    paintCell: (row, column, text) => {
      const category = TABLE_COLUMNS[column]?.category;
      const record = records[row];
      return category && record ? paintStatus(paint, category(record), text) : text;
    },
  });
}

export async function create(ctx: FormatContext): Promise<Formatter<Invocation>> {
  const [{ Chalk }, { default: Table }] = await Promise.all([import('chalk'), import('cli-table3')]);
  const paint: Painter = new Chalk({ level: ctx.colorLevel });
  const records: Invocation[] = [];
  return {
    async write(page) {
      records.push(...page);
    },
    async end() {
      if (records.length === 0) return;
      const text =
        ctx.view === 'get'
          ? records
              .map((r) => renderDetail(r, { paint, Table, timeZone: ctx.timeZone, width: ctx.columns }))
              .join('\n')
          : renderList(records, ctx, paint, Table);
      await ctx.out.write(text);
    },
  };
}
