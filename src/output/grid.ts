/**
 * A borderless, aligned grid (columns separated by two spaces, like `gh` and `kubectl`), fitted
 * to a width. Cells arrive as plain text; they are escaped, truncated, padded by display width
 * (fit.ts, the one measure of width), then painted, so truncation never cuts an ANSI code.
 * Linear in rows: every cell is measured once for the widths and once when laid out, and no
 * spread over rows (`Math.max(...rows)` overflows the stack from ~130,000 rows).
 */
import { escapeInline } from './escape.js';
import { displayWidth, fitWidths, truncate, type FitColumn } from './fit.js';

export const SEPARATOR = '  ';

export interface GridColumn {
  header: string;
  /** Plain text, one per row. */
  cells: readonly string[];
  /** Shorter forms of the same cells, used instead when the full ones do not fit. */
  short?: readonly string[];
  flexible?: boolean;
  min?: number;
  drop?: number;
  pinned?: boolean;
  /** Colours a cell (already cut and escaped). */
  paint?(row: number, text: string): string;
}

export interface GridSpec {
  columns: readonly GridColumn[];
  /** Total width available, indent included; 0 = unlimited. */
  width: number;
  indent?: string;
  paintHeader(text: string): string;
}

function widest(header: string, cells: readonly string[]): number {
  let width = displayWidth(header);
  for (const cell of cells) {
    const w = displayWidth(cell);
    if (w > width) width = w;
  }
  return width;
}

/** The grid as text: one line per row, header first, each line ending in a newline. */
export function renderGrid(spec: GridSpec): string {
  const indent = spec.indent ?? '';
  const budget = spec.width > 0 ? Math.max(1, spec.width - indent.length) : 0;
  const escaped = spec.columns.map((c) => ({ full: c.cells.map(escapeInline), short: c.short?.map(escapeInline) }));
  const natural = spec.columns.map((c, i) => widest(c.header, escaped[i]!.full));
  const separators = SEPARATOR.length * (spec.columns.length - 1);
  // Shorter forms first (`17m ago`): they lose nothing a reader needs, unlike truncation.
  const useShort = budget > 0 && natural.reduce((a, b) => a + b, 0) + separators > budget;
  const cells = escaped.map((e) => (useShort && e.short ? e.short : e.full));
  const fit = spec.columns.map(
    (c, i): FitColumn => ({
      natural: useShort && escaped[i]!.short ? widest(c.header, cells[i]!) : natural[i]!,
      flexible: c.flexible ?? false,
      min: c.min ?? displayWidth(c.header),
      drop: c.drop,
      pinned: c.pinned,
    }),
  );
  const widths = fitWidths(fit, budget, SEPARATOR.length);
  const shown = widths.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const last = shown[shown.length - 1];

  const line = (texts: (column: number) => string, paint: (column: number, text: string) => string): string => {
    let text = indent;
    for (const column of shown) {
      const width = widths[column]!;
      const cut = truncate(texts(column), width);
      text += paint(column, cut);
      if (column !== last) text += ' '.repeat(width - displayWidth(cut)) + SEPARATOR;
    }
    return `${text.trimEnd()}\n`;
  };
  const rows = spec.columns[0]?.cells.length ?? 0;
  const out: string[] = [
    line(
      (c) => spec.columns[c]!.header,
      (_c, text) => spec.paintHeader(text),
    ),
  ];
  for (let row = 0; row < rows; row++) {
    out.push(
      line(
        (c) => cells[c]![row] ?? '',
        (c, text) => spec.columns[c]!.paint?.(row, text) ?? text,
      ),
    );
  }
  return out.join('');
}
