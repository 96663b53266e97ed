import type { Deps } from '../../../deps.js';

export interface Column {
  header: string;
  key: string;
}

/**
 * Rows for `configure list` / `configure profiles`: `json` and `ndjson` as objects, `tsv` (the
 * default off a terminal) without a header, otherwise an aligned table with a header.
 */
export async function renderRows(
  deps: Pick<Deps, 'io'>,
  output: string | undefined,
  columns: Column[],
  rows: Record<string, string>[],
): Promise<void> {
  const out = deps.io.stdout;
  const format = output ?? (out.isTTY ? 'table' : 'tsv');
  if (format === 'json') return out.write(`${JSON.stringify(rows, null, 2)}\n`);
  if (format === 'ndjson') return out.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
  if (format === 'tsv') return out.write(rows.map((row) => `${columns.map((c) => tsvCell(row[c.key] ?? '')).join('\t')}\n`).join(''));
  const widths = columns.map((c) => Math.max(c.header.length, ...rows.map((row) => (row[c.key] ?? '').length)));
  const line = (cells: string[]): string =>
    `${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  return out.write([line(columns.map((c) => c.header)), ...rows.map((row) => line(columns.map((c) => row[c.key] ?? '')))].join(''));
}

function tsvCell(value: string): string {
  return value.replace(/[\t\n\r\\]/g, (ch) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' })[ch] ?? ch);
}
