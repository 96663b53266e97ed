/**
 * A borderless, aligned grid drawn by cli-table3 (columns separated by two spaces, like
 * `gh` and `kubectl`), fitted to a width. Cells arrive as plain text; they are escaped,
 * truncated, then painted, so truncation never cuts an ANSI code.
 */
import type TableClass from 'cli-table3';
import { escapeField } from './escape.js';
import { displayWidth, fitWidths, truncate } from './fit.js';

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
  /** Which columns may be truncated; default none. */
  flexible?: readonly boolean[];
  /** Total width available, indent included; 0 = unlimited. */
  width: number;
  indent?: string;
  paintHeader(text: string): string;
  paintCell?(row: number, column: number, text: string): string;
}

/** The grid as text: one line per row, header first, each line ending in a newline. */
export function renderGrid(spec: GridSpec): string {
  const indent = spec.indent ?? '';
  const rows = spec.rows.map((row) => row.map((cell) => escapeField(cell)));
  const fit = spec.headers.map((header, i) => ({
    natural: Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
    flexible: spec.flexible?.[i] ?? false,
    min: Math.max(3, displayWidth(header)),
  }));
  const budget = spec.width > 0 ? Math.max(1, spec.width - indent.length - SEPARATOR.length * (fit.length - 1)) : 0;
  const widths = fitWidths(fit, budget);
  const table = new spec.Table({
    head: spec.headers.map((h) => spec.paintHeader(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  rows.forEach((row, r) => {
    table.push(
      row.map((cell, c) => {
        const cut = truncate(cell, widths[c] ?? cell.length);
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
