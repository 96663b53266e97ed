/**
 * A borderless, aligned grid drawn by cli-table3 (columns separated by two spaces, like
 * `gh` and `kubectl`), fitted to a width. Cells arrive as plain text; they are escaped,
 * truncated, then painted, so truncation never cuts an ANSI code.
 */
import type TableClass from 'cli-table3';
import { escapeInline } from './escape.js';
import { displayWidth, fitWidths, truncate, type FitColumn } from './fit.js';

export type TableCtor = typeof TableClass;

export const SEPARATOR = '  ';

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: SEPARATOR,
};

export interface GridSpec {
  Table: TableCtor;
  headers: readonly string[];
  /** Plain text cells, one array per row. */
  rows: readonly (readonly string[])[];
  /** How each column may give up width (fit.ts); default: none may. */
  fit?: ReadonlyArray<Partial<Omit<FitColumn, 'natural'>>>;
  /** Total width available, indent included; 0 = unlimited. */
  width: number;
  indent?: string;
  paintHeader(text: string): string;
  paintCell?(row: number, column: number, text: string): string;
}

/** The grid as text: one line per row, header first, each line ending in a newline. */
export function renderGrid(spec: GridSpec): string {
  const indent = spec.indent ?? '';
  const rows = spec.rows.map((row) => row.map((cell) => escapeInline(cell)));
  const fit = spec.headers.map((header, i): FitColumn => {
    const f = spec.fit?.[i] ?? {};
    return {
      natural: Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
      flexible: f.flexible ?? false,
      min: f.min ?? displayWidth(header),
      drop: f.drop,
      pinned: f.pinned,
    };
  });
  const budget = spec.width > 0 ? Math.max(1, spec.width - indent.length) : 0;
  const widths = fitWidths(fit, budget, SEPARATOR.length);
  const shown = widths.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const table = new spec.Table({
    head: shown.map((i) => spec.paintHeader(truncate(spec.headers[i] ?? '', widths[i] ?? 0))),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  rows.forEach((row, r) => {
    table.push(
      shown.map((c) => {
        const cut = truncate(row[c] ?? '', widths[c] ?? 0);
        return spec.paintCell ? spec.paintCell(r, c, cut) : cut;
      }),
    );
  });
  return table
    .toString()
    .split('\n')
    .map((line) => `${indent}${line}`.trimEnd())
    .join('\n')
    .concat('\n');
}
