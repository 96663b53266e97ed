import type { OutputStream } from '../../deps.js';
import { visible } from '../../output/escape.js';
import { displayWidth, truncate } from '../../output/fit.js';
import type { ColorLevel } from '../../output/types.js';
import {
  DOWN,
  ERASE_LINE,
  HIDE_CURSOR,
  paint,
  RESTORE_CURSOR,
  SAVE_CURSOR,
  SHOW_CURSOR,
  up,
  type Style,
} from './ansi.js';

/**
 * A block of lines at the bottom of the terminal, redrawn in place (the live view of `wait`).
 * It never draws over anything it did not draw, and never puts a frame into the scrollback:
 * - each frame goes back up over the rows it drew last time and rewrites them line by line
 *   (erase the line, write it, move down); rows left over are erased one by one, moving down
 *   with "cursor down", which never scrolls, and back. It never issues "erase below": tmux
 *   (scroll-on-clear) copies the screen into its history whenever that is done from the top-left
 *   corner, which a block as tall as the screen starts from;
 * - at most rows − 2 lines, each one column narrower than the terminal, so nothing wraps or scrolls;
 * - whatever else reaches the same terminal while it is up (stdout's records when stdout is the
 *   terminal, stderr's warnings) is written where the block was, and the block is drawn again
 *   under it: `above()` and `print()`;
 * - when the terminal narrows, a terminal that reflows (tmux, VTE, iTerm2, kitty, Windows
 *   Terminal) shows each old line over several rows: the next frame goes up over that many,
 *   counted from the lines' widths, and no further than the screen's top (rows a reflow pushed
 *   into the scrollback stay there). On one that does not reflow (xterm) a narrowing can cost
 *   a few lines just above the block.
 * Lines are given as plain text with a style per piece; text is made visible here, so server
 * text cannot drive the terminal, and painted here, at the stream's colour level.
 */

export type Segment = readonly [text: string, style?: Style];
export type LiveLine = readonly Segment[];

/** What the block needs from the terminal that owns it. */
export interface BlockHost {
  /** Writes to stderr: the one raw path, never rejects. */
  err(text: string): Promise<void>;
  /** stdout, where records go when it is the same terminal. */
  out: OutputStream;
  columns(): number;
  /** 0 when unknown. */
  rows(): number;
  color: ColorLevel;
  /** Called once the block is over (finished or stopped). */
  closed(): void;
}

export interface LiveBlock {
  /** The most lines a frame may have now: the terminal's rows − 2 (a view lays itself out for it). */
  budget(): number;
  /** Replaces the block's lines; frames are queued, so they never interleave with other writes. */
  draw(lines: readonly LiveLine[]): Promise<void>;
  /** Text for stderr, printed above the block (made visible; a line break is added when missing). */
  print(text: string): Promise<void>;
  /** Leaves the last frame on screen and gives the cursor back; later writes go below it. */
  finish(): Promise<void>;
  /**
   * Stops at once (an interrupt): nothing is drawn again, the cursor is shown, and `text` (made
   * visible) is written below the block, synchronously started so it comes before what follows.
   */
  stop(text?: string): void;
  /** The terminal changed size: called after the block has been redrawn at the new size. */
  onResize?: () => void;
}

const DEFAULT_ROWS = 24;

export class Block implements LiveBlock {
  private lines: readonly LiveLine[] = [];
  /** Display widths of the lines on screen (what a reflowing terminal wraps after narrowing). */
  private shown: number[] = [];
  /** A stdout line not yet ended: held until its newline, so the block is never drawn mid-line. */
  private partial: (string | Uint8Array)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private over = false;
  onResize?: () => void;

  constructor(private readonly host: BlockHost) {}

  /** The most lines a frame has: two rows stay free, for the cursor and for a line typed meanwhile. */
  budget(): number {
    const rows = this.host.rows();
    return Math.max(1, (rows > 0 ? rows : DEFAULT_ROWS) - 2);
  }

  draw(lines: readonly LiveLine[]): Promise<void> {
    this.lines = lines;
    return this.enqueue(() => this.host.err(this.frame()));
  }

  print(text: string): Promise<void> {
    const shown = visible(text.endsWith('\n') ? text : `${text}\n`, { multiline: true });
    if (this.over) return this.host.err(shown);
    return this.enqueue(() => this.host.err(`${this.erase()}${shown}${this.frame()}`));
  }

  /** A stdout chunk, when stdout is this terminal: whole lines go above the block, the rest waits for its newline. */
  above(chunk: string | Uint8Array): Promise<void> {
    if (this.over) return this.host.out.write(chunk);
    const end = typeof chunk === 'string' ? chunk.lastIndexOf('\n') : chunk.lastIndexOf(10);
    if (end < 0) {
      this.partial.push(chunk);
      return Promise.resolve();
    }
    const head = chunk.slice(0, end + 1);
    const rest = chunk.slice(end + 1);
    const held = this.partial;
    this.partial = rest.length ? [rest] : [];
    return this.enqueue(async () => {
      await this.host.err(this.erase());
      for (const piece of [...held, head]) await this.host.out.write(piece);
      await this.host.err(this.frame());
    });
  }

  finish(): Promise<void> {
    return this.enqueue(async () => {
      if (this.over) return;
      this.close();
      await this.host.err(SHOW_CURSOR);
      await this.flushPartial();
    });
  }

  stop(text = ''): void {
    if (!this.over) {
      this.close();
      this.host.err(SHOW_CURSOR).catch(() => undefined);
      this.flushPartial().catch(() => undefined);
    }
    if (text) this.host.err(visible(text, { multiline: true })).catch(() => undefined);
  }

  /** The terminal was resized: draw again, going up over as many rows as the old lines now take. */
  resized(): void {
    if (this.over) return;
    if (this.onResize) this.onResize();
    else this.draw(this.lines).catch(() => undefined);
  }

  /**
   * Rows the block takes on screen now: a line wider than the terminal has become wraps over
   * several; never more than the screen has above the cursor.
   */
  private rowsOnScreen(): number {
    const columns = Math.max(1, this.host.columns());
    const rows = this.shown.reduce((sum, width) => sum + Math.max(1, Math.ceil(width / columns)), 0);
    const screen = this.host.rows();
    return screen > 0 ? Math.min(rows, screen - 1) : rows;
  }

  /** `rows` rows erased from the cursor down, the cursor left where it was. */
  private static eraseDown(rows: number): string {
    return rows > 0 ? `${SAVE_CURSOR}${`${ERASE_LINE}${DOWN}`.repeat(rows)}${RESTORE_CURSOR}` : '';
  }

  /** Erases the block line by line and leaves the cursor where it began. */
  private erase(): string {
    const rows = this.rowsOnScreen();
    this.shown = [];
    if (rows === 0) return '';
    return `${up(rows)}${Block.eraseDown(rows)}`;
  }

  private frame(): string {
    if (this.over) return '';
    const rows = this.rowsOnScreen();
    const width = Math.max(1, this.host.columns() - 1);
    const lines =
      this.lines.length > this.budget() ? [...this.lines.slice(0, this.budget() - 1), this.lines.at(-1)!] : this.lines;
    const fitted = lines.map((line) => this.fit(line, width));
    this.shown = fitted.map((line) => line.width);
    const body = fitted.map((line) => `${ERASE_LINE}${line.text}\n`).join('');
    return `${HIDE_CURSOR}${up(rows)}${body}${Block.eraseDown(rows - fitted.length)}`;
  }

  /** One line at most `width` cells: coloured when whole, cut and plain when too wide. */
  private fit(line: LiveLine, width: number): { text: string; width: number } {
    const pieces = line.map(([text, style]) => [visible(text), style] as const);
    const plain = pieces.map(([text]) => text).join('');
    const cells = displayWidth(plain);
    if (cells > width) {
      const cut = truncate(plain, width);
      return { text: cut, width: displayWidth(cut) };
    }
    return { text: pieces.map(([text, style]) => paint(text, style, this.host.color)).join(''), width: cells };
  }

  private close(): void {
    this.over = true;
    this.host.closed();
  }

  private async flushPartial(): Promise<void> {
    const held = this.partial;
    this.partial = [];
    for (const piece of held) await this.host.out.write(piece);
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.queue.then(write);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
