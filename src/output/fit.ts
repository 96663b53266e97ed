/**
 * Fitting table columns into a terminal width. Widths are display cells: East Asian wide
 * characters and emoji take two, combining marks none.
 */

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  return isWide(cp) || EMOJI.test(ch) ? 2 : 1;
}

// Printable ASCII is one cell per character: most cells are, and need no per-character work.
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Display width of plain text (no ANSI codes). The one measure of width in the program: the
 * grid, the detail view and every fitted column use it.
 */
export function displayWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

export const ELLIPSIS = '…';

/** Cuts `text` to at most `width` cells, ending with `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + ELLIPSIS;
}

export interface FitColumn {
  /** Widest cell, header included. */
  natural: number;
  /** May be truncated to fit (down to `min`). */
  flexible: boolean;
  /** A flexible column is not truncated below this, except as a last resort. */
  min: number;
  /** May be hidden when truncation is not enough; lower numbers are hidden first. */
  drop?: number;
  /** Never truncated or hidden (identifiers). */
  pinned?: boolean;
}

/** Takes one cell at a time from the widest column `canShrink` allows, until `total <= budget`. */
function shrink(widths: number[], budget: number, floor: (i: number) => number | undefined): number {
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let widest = -1;
    widths.forEach((w, i) => {
      const min = floor(i);
      if (min !== undefined && w > min && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest === -1) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
  return total;
}

/**
 * Widths that fit `budget` cells in total with `separator` cells between shown columns
 * (budget 0 = unlimited). A width of 0 means the column is hidden. In order: truncate the
 * widest flexible column first (down to its `min`); if that is not enough, hide droppable
 * columns (lowest `drop` first) and try again; as a last resort truncate any unpinned column
 * down to one cell. Pinned columns are never touched, so a very narrow terminal may overflow.
 */
export function fitWidths(columns: readonly FitColumn[], budget: number, separator = 0): number[] {
  const shown = columns.map(() => true);
  const dropOrder = columns
    .map((c, i) => ({ i, drop: c.drop }))
    .filter((c): c is { i: number; drop: number } => c.drop !== undefined)
    .sort((a, b) => a.drop - b.drop);
  for (;;) {
    const widths = columns.map((c, i) => (shown[i] ? c.natural : 0));
    if (budget <= 0) return widths;
    const room = budget - separator * (shown.filter(Boolean).length - 1);
    const total = shrink(widths, room, (i) => (shown[i] && columns[i]?.flexible ? columns[i]?.min : undefined));
    if (total <= room) return widths;
    const next = dropOrder.shift();
    if (next === undefined) {
      shrink(widths, room, (i) => (shown[i] && !columns[i]?.pinned ? 1 : undefined));
      return widths;
    }
    shown[next.i] = false;
  }
}
