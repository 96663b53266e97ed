import { trustedColumns, type Deps } from '../../deps.js';
import { ERASE_TO_END } from './ansi.js';

/**
 * The one transient line at the bottom of a terminal's stderr: a spinner with its text, and/or
 * a retry status. Our own rather than ora's, for three reasons learnt the hard way:
 * - ora cleared `length / columns` lines, so a 0-column pseudo-terminal made it loop forever;
 *   this line only ever writes `\r`, the text cut to the width, and "erase to end of line":
 *   it never moves the cursor up, so no width can make it loop;
 * - ora's cursor-restore dependency (signal-exit) re-raised SIGINT/SIGTERM after tat's own
 *   handler, killing the process mid-line; this line stops itself when tat's interrupt signal
 *   fires and leaves signals to tat;
 * - it never hides the cursor, so there is nothing to restore, whatever ends the process.
 */

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const FRAME_MS = 80;

export class StatusLine {
  private spinnerText: string | undefined;
  private statusText: string | undefined;
  private frame = 0;
  private drawn = false;
  private animating = false;
  private readonly stopFrames = new AbortController();

  constructor(
    /** Writes to the terminal's stderr, unawaited (text already made visible). */
    private readonly write: (text: string) => void,
    /** The terminal's width now (it may change while the line is up). */
    private readonly columns: () => number,
    private readonly sleep: Deps['sleep'],
    /** Whether the line may be drawn now (both stdout and stderr are the terminal, and no live block is up). */
    private readonly animate: () => boolean,
    interrupt: AbortSignal,
  ) {
    // tat's handler owns the signal: clear the line at once so the "interrupted" notice starts clean.
    interrupt.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Shows (or replaces) the spinner text; frames advance until `hideSpinner()`. */
  showSpinner(text: string): void {
    if (!this.animate() || this.stopFrames.signal.aborted) return;
    this.spinnerText = text;
    this.redraw();
    if (!this.animating) this.animateFrames().catch(() => undefined);
  }

  hideSpinner(): void {
    this.spinnerText = undefined;
    this.redraw();
  }

  /** A retry status that replaces the previous one in place; `undefined` removes it. */
  setStatus(text: string | undefined): void {
    if (this.stopFrames.signal.aborted) return;
    this.statusText = text;
    this.redraw();
  }

  /** Clears the line for output that must not be mixed with it; the next frame redraws it. */
  clear(): void {
    if (this.drawn) this.write(`\r${ERASE_TO_END}`);
    this.drawn = false;
  }

  /** Clears the line and never draws again. */
  close(): void {
    this.spinnerText = undefined;
    this.statusText = undefined;
    this.stopFrames.abort();
    this.clear();
  }

  private content(): string {
    const parts = [
      this.spinnerText === undefined ? undefined : `${FRAMES[this.frame % FRAMES.length]} ${this.spinnerText}`,
      this.statusText,
    ];
    return parts.filter((p) => p !== undefined).join(' — ');
  }

  /** Draws the line as it stands (after a notice printed above it). */
  redraw(): void {
    const text = this.content();
    if (text === '' || !this.animate()) return this.clear();
    // One column short of the width so the terminal never wraps the line.
    const width = trustedColumns(this.columns()) - 1;
    const fitted = [...text].length > width ? `${[...text].slice(0, width - 1).join('')}…` : text;
    this.write(`\r${fitted}${ERASE_TO_END}`);
    this.drawn = true;
  }

  private async animateFrames(): Promise<void> {
    this.animating = true;
    try {
      while (this.spinnerText !== undefined) {
        await this.sleep(FRAME_MS, this.stopFrames.signal);
        // Always yield to the event loop between frames, whatever `sleep` is (tests pass instant ones).
        await new Promise((resolve) => setImmediate(resolve));
        this.frame++;
        if (this.spinnerText !== undefined) this.redraw();
      }
    } catch {
      // Closed: nothing more to draw.
    } finally {
      this.animating = false;
    }
  }
}
