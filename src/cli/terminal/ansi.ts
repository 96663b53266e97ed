import type { StatusCategory } from '../../output/status.js';
import type { ColorLevel } from '../../output/types.js';

/**
 * Every escape sequence tat writes itself, in one place (test/architecture/terminal.test.ts
 * fails on one anywhere else under src/). Only what a line-based display needs: no clear-screen,
 * no "erase below", no absolute positions. Tables and detail views colour through chalk, in the
 * output layer, on stdout.
 */

const CSI = '\x1b[';

/** Erases the whole line the cursor is on; the cursor stays where it is. */
export const ERASE_LINE = `${CSI}2K`;
/** Erases from the cursor to the end of its line. */
export const ERASE_TO_END = `${CSI}K`;
export const HIDE_CURSOR = `${CSI}?25l`;
export const SHOW_CURSOR = `${CSI}?25h`;

/** Remembers the cursor's position (DECSC), for `RESTORE_CURSOR`. */
export const SAVE_CURSOR = '\x1b7';
export const RESTORE_CURSOR = '\x1b8';
/** Down one row, and never further than the last: unlike a line feed it never scrolls. */
export const DOWN = `${CSI}B`;

/** Up `rows` rows, to the first column (just the first column for 0). */
export function up(rows: number): string {
  return rows > 0 ? `\r${CSI}${rows}A` : '\r';
}

/** How a piece of a live line is shown: by the category of a status, or dimmed. */
export type Style = StatusCategory | 'dim';

const SGR: Readonly<Partial<Record<Style, readonly [string, string]>>> = {
  success: [`${CSI}32m`, `${CSI}39m`],
  failure: [`${CSI}31m`, `${CSI}39m`],
  progress: [`${CSI}33m`, `${CSI}39m`],
  cancelled: [`${CSI}2m`, `${CSI}22m`],
  dim: [`${CSI}2m`, `${CSI}22m`],
};

/** `text` in its style's colour; plain at level 0. Basic colours only: they read on any background. */
export function paint(text: string, style: Style | undefined, level: ColorLevel): string {
  const codes = style === undefined ? undefined : SGR[style];
  if (level === 0 || codes === undefined || text === '') return text;
  return `${codes[0]}${text}${codes[1]}`;
}
