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

/** Display width of plain text (no ANSI codes). */
export function displayWidth(text: string): number {
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
  /** May be truncated to fit. */
  flexible: boolean;
  /** Never narrower than this (usually the header's width). */
  min: number;
}

/**
 * Column widths whose sum is at most `budget` (0 = unlimited), taking one cell at a time from
 * the widest flexible column. When even the minimums do not fit, returns the minimums for the
 * flexible columns (the table then overflows rather than losing identifiers).
 */
export function fitWidths(columns: readonly FitColumn[], budget: number): number[] {
  const widths = columns.map((c) => c.natural);
  if (budget <= 0) return widths;
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let widest = -1;
    columns.forEach((c, i) => {
      const w = widths[i] ?? 0;
      if (c.flexible && w > c.min && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest === -1) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
  return widths;
}
