import { stripVTControlCharacters } from 'node:util';

/**
 * Reading what the live block (src/cli/terminal/live-block.ts) wrote to a terminal:
 * - `frames()` splits it into frames, to check that each goes back up exactly over the one before;
 * - `Screen` plays it on a small virtual terminal (the few sequences tat writes), to check what a
 *   person would see: which lines are on screen, what went into the scrollback, whether anything
 *   another writer printed was drawn over.
 */

export interface Frame {
  /** How many rows the frame moved up before drawing (0 for the first, and after text printed above). */
  up: number;
  /** The lines it drew, control codes removed. */
  lines: string[];
  /** Text another writer put above the block just before this frame (a retry notice). */
  above: string;
}

const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';
// eslint-disable-next-line no-control-regex
const LEAD = /^\r(?:\x1b\[(\d+)A)?/;
// eslint-disable-next-line no-control-regex
const LINE = /^\x1b\[2K([^\n]*)\n/;
// eslint-disable-next-line no-control-regex
const MOVES = /\r(\x1b\[\d+A)?|\x1b7(?:\x1b\[2K\x1b\[B)*\x1b8|\x1b\[2K\n?/g;

export function frames(stderr: string): Frame[] {
  // What follows the cursor being shown again is no longer the live view (the summary, errors).
  const normalised = stderr.replace(/\r\n/g, '\n');
  const shown = normalised.lastIndexOf(SHOW);
  const text = shown < 0 ? normalised : normalised.slice(0, shown);
  const parts = text.split(HIDE);
  const out: Frame[] = [];
  let above = '';
  for (const part of parts.slice(1)) {
    let rest = part;
    const lead = LEAD.exec(rest);
    const up = Number(lead?.[1] ?? 0);
    if (lead) rest = rest.slice(lead[0].length);
    const lines: string[] = [];
    for (let line = LINE.exec(rest); line && line[1] !== ''; line = LINE.exec(rest)) {
      lines.push(stripVTControlCharacters(line[1]!));
      rest = rest.slice(line[0].length);
    }
    out.push({ up, lines, above });
    // What is left: erasing leftover rows, then (before the next frame) text printed above.
    above = stripVTControlCharacters(rest.replace(MOVES, ''));
  }
  return out;
}

/** True when every frame goes up exactly over the one before (or starts afresh under text printed above): the view never scrolled. */
export function redrawsInPlace(list: readonly Frame[]): boolean {
  return (
    list.length > 1 &&
    list.every((frame, index) => frame.up === (index === 0 || frame.above !== '' ? 0 : list[index - 1]!.lines.length))
  );
}

/**
 * A virtual terminal `columns` × `rows` with a scrollback, that understands what tat writes:
 * text (wrapping at the last column), \r, \n, cursor up and down (CSI n A, CSI n B, which stop at
 * the edges), save and restore the cursor (ESC 7, ESC 8), erase line (CSI 2K), erase to
 * end of line (CSI K), erase below (CSI J: counted, since tmux copies the screen into its
 * history when it is issued from the top-left corner), colours and cursor visibility (ignored
 * but for `cursorHidden`). Lines that scroll off the top go to `history`.
 */
export class Screen {
  readonly grid: string[][];
  readonly history: string[] = [];
  row = 0;
  col = 0;
  cursorHidden = false;
  private saved: [number, number] = [0, 0];
  /** "Erase below" issued from the top-left corner. */
  clearsFromHome = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => []);
  }

  write(text: string): this {
    // eslint-disable-next-line no-control-regex
    const tokens = text.match(/\x1b\[[?\d;]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[78]|[\s\S]/gu) ?? [];
    for (const token of tokens) this.token(token);
    return this;
  }

  /** The screen's lines, trailing spaces removed. */
  lines(): string[] {
    return this.grid.map((cells) => cells.join('').replace(/\s+$/, ''));
  }

  /** Every line ever shown: the scrollback then the screen, trailing empty lines removed. */
  all(): string[] {
    const out = [...this.history, ...this.lines()];
    while (out.length && out.at(-1) === '') out.pop();
    return out;
  }

  private token(token: string): void {
    // A terminal's line discipline turns \n into \r\n (onlcr).
    if (token === '\n') {
      this.col = 0;
      return this.down();
    }
    if (token === '\r') return void (this.col = 0);
    if (token === '\x1b7') return void (this.saved = [this.row, this.col]);
    if (token === '\x1b8') return void ([this.row, this.col] = this.saved);
    if (token.startsWith('\x1b[')) {
      const final = token.at(-1);
      const arg = token.slice(2, -1);
      if (token === '\x1b[?25l') this.cursorHidden = true;
      else if (token === '\x1b[?25h') this.cursorHidden = false;
      else if (final === 'A') this.row = Math.max(0, this.row - Number(arg || 1));
      else if (final === 'B') this.row = Math.min(this.rows - 1, this.row + Number(arg || 1));
      else if (final === 'K' && arg === '2') this.grid[this.row] = [];
      else if (final === 'K') this.grid[this.row] = this.grid[this.row]!.slice(0, this.col);
      else if (final === 'J') {
        if (this.row === 0 && this.col === 0) this.clearsFromHome++;
        this.grid[this.row] = this.grid[this.row]!.slice(0, this.col);
        for (let r = this.row + 1; r < this.rows; r++) this.grid[r] = [];
      }
      return;
    }
    if (token.startsWith('\x1b')) return;
    if (this.col >= this.columns) {
      this.col = 0;
      this.down();
    }
    const cells = this.grid[this.row]!;
    while (cells.length < this.col) cells.push(' ');
    cells[this.col] = token;
    this.col++;
  }

  private down(): void {
    if (this.row < this.rows - 1) {
      this.row++;
      return;
    }
    this.history.push(this.grid.shift()!.join('').replace(/\s+$/, ''));
    this.grid.push([]);
  }
}
