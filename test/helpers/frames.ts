import { stripVTControlCharacters } from 'node:util';

/**
 * Splits what the live view wrote to a terminal into frames, to check that it redraws in place:
 * each frame moves the cursor up exactly over the lines the frame before drew (so nothing
 * scrolls away), and no frame is taller or wider than the terminal.
 */

export interface Frame {
  /** How many lines the frame moved up before drawing (0 for the first). */
  up: number;
  /** The lines it drew, control codes removed. */
  lines: string[];
  /** Text another writer put above the block in this frame (a retry notice). */
  above: string;
}

export function frames(stderr: string): Frame[] {
  // What follows the cursor being shown again is no longer the live view (the summary, errors).
  const normalised = stderr.replace(/\r\n/g, '\n');
  const shown = normalised.lastIndexOf('\x1b[?25h');
  const text = shown < 0 ? normalised : normalised.slice(0, shown);
  const out: Frame[] = [];
  // Every frame is: [cursor up N, carriage return] clear-to-end-of-screen, then its lines.
  // eslint-disable-next-line no-control-regex
  const pattern = /(?:\x1b\[(\d+)A\r?)?\x1b\[J/g;
  const marks = [...text.matchAll(pattern)];
  marks.forEach((mark, index) => {
    const start = mark.index + mark[0].length;
    const end = index + 1 < marks.length ? marks[index + 1]!.index : text.length;
    // Each frame hides the cursor right before its own lines; anything before that is "above".
    const body = text.slice(start, end);
    const hide = body.indexOf('\x1b[?25l');
    const lines = stripVTControlCharacters(body.slice(hide + 1 ? hide : 0)).split('\n');
    lines.pop();
    out.push({ up: Number(mark[1] ?? 0), lines, above: hide > 0 ? stripVTControlCharacters(body.slice(0, hide)) : '' });
  });
  return out;
}

/** True when every frame goes up exactly over the one before: the view never scrolled. */
export function redrawsInPlace(list: readonly Frame[]): boolean {
  return list.length > 1 && list.every((frame, index) => frame.up === (index === 0 ? 0 : list[index - 1]!.lines.length));
}
