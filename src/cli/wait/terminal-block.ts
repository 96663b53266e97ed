import type { OutputStream } from '../../deps.js';

/**
 * A block of lines at the bottom of a terminal, redrawn in place: the cursor goes back up over
 * the lines drawn last time, clears to the end of the screen and draws the new ones. This never
 * scrolls as long as the block is shorter than the terminal (the live view makes sure of it).
 * Anything else written to the same stream (a retry notice, a warning) goes through
 * `passThrough`: it is printed above the block, which is redrawn under it, so nothing is torn.
 */

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_DOWN = '\x1b[J';

export class TerminalBlock {
  private drawn = 0;
  private lines: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly out: OutputStream) {}

  /** Replaces the block's lines; writes are queued, so draws never interleave. */
  draw(lines: readonly string[]): Promise<void> {
    this.lines = [...lines];
    return this.enqueue(() => (this.stopped ? Promise.resolve() : this.out.write(this.frame(''))));
  }

  /** Text from another writer, shown above the block. */
  passThrough(chunk: string | Uint8Array): Promise<void> {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    // Once the block is finished, others write below it as usual.
    if (this.stopped) return this.out.write(text);
    return this.enqueue(() => this.out.write(this.stopped ? text : this.frame(text.endsWith('\n') ? text : `${text}\n`)));
  }

  /** Leaves the last frame on screen and gives the cursor back. */
  finish(): Promise<void> {
    return this.enqueue(async () => {
      if (this.stopped) return;
      this.stopped = true;
      await this.out.write(SHOW_CURSOR);
    });
  }

  /**
   * For Ctrl+C: stop drawing at once and write `text` below the block now (synchronously
   * started, so it comes before whatever the interrupt handler writes next).
   */
  stopNow(text: string): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.out.write(`${SHOW_CURSOR}${text}`).catch(() => undefined);
  }

  /** A stream for other writers (the client's notices, warnings, --debug lines). */
  stream(): OutputStream {
    const out = this.out;
    return {
      isTTY: out.isTTY,
      get columns() {
        return out.columns;
      },
      get rows() {
        return out.rows;
      },
      // No raw stream: nothing else may draw on the terminal (no spinner) while the block is up.
      write: (chunk) => this.passThrough(chunk),
    };
  }

  private frame(above: string): string {
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r` : '';
    this.drawn = this.lines.length;
    const body = this.lines.map((line) => `${line}\n`).join('');
    return `${up}${CLEAR_DOWN}${above}${HIDE_CURSOR}${body}`;
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.queue.then(write);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
