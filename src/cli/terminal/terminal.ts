import type { Deps, Io, OutputStream } from '../../deps.js';
import { visible } from '../../output/escape.js';
import type { ColorLevel } from '../../output/types.js';
import { colorLevel } from '../color.js';
import { Block, type LiveBlock } from './live-block.js';
import { StatusLine } from './status-line.js';

/**
 * The one object that writes to the terminal (gh's IOStreams): it owns stdout and stderr, knows
 * whether each is a terminal, its size and colour, and draws the status line (spinner, retry
 * status) and the live block. Every write to stderr goes through it and is made visible
 * (src/output/escape.ts) on the way, so server text cannot drive the terminal whichever path it
 * takes; test/architecture/terminal.test.ts fails on any other module that touches the streams
 * or writes an escape sequence.
 *
 * Whether to draw is decided here once:
 * - notices (a tip, a throttling hint): stderr is a terminal a person watches (not --quiet, not CI);
 * - footnotes about what stdout shows ("Showing 3 of 252"): the same, and stdout is that terminal;
 * - the spinner and a retry status redrawn in place: the same, on the process's own terminal;
 * - the live block: stderr is a terminal (not --quiet, CI or --debug) and stdout is that terminal
 *   (records are then printed above the block) or not a pipe (a pipe may end in the same
 *   terminal, where the block would draw over what its reader prints).
 */

/** The global flags that change what the terminal shows; given once the command has parsed them. */
export interface TerminalFlags {
  quiet?: boolean;
  /** false: --no-color. */
  color?: boolean;
  debug?: boolean;
}

/** One spinner for a whole command: appears after a short delay, stays until `stop()`. */
export interface Spinner {
  /** New text (progress such as "1,200 of 3,000"), drawn at once if the spinner is showing. */
  update(text: string): void;
  stop(): void;
}

export const SPINNER_DELAY_MS = 300;

type TerminalDeps = Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>;

export class Terminal {
  private flags: TerminalFlags = {};
  /** A command has said why the run stopped on a signal (main() then adds nothing). */
  private stopSaid = false;
  private statusLine?: StatusLine;
  private block?: Block;
  /** Whether what the terminal shows last ended a line (a block must start on a line of its own). */
  private atLineStart = true;
  /** stdout for printers and commands: the data goes out as given, above the live block when one is up. */
  readonly stdout: OutputStream;

  constructor(private readonly deps: TerminalDeps) {
    const io = deps.io;
    this.stdout = {
      isTTY: io.stdout.isTTY,
      get columns() {
        return io.stdout.columns;
      },
      get rows() {
        return io.stdout.rows;
      },
      pipe: io.stdout.pipe,
      write: (chunk) => this.writeOut(chunk),
    };
    // tat's interrupt handler owns the signal: the cursor comes back at once, whatever is drawn.
    deps.signal.addEventListener('abort', () => this.block?.stop(), { once: true });
  }

  /** The flags that matter here (--quiet, --no-color, --debug), once parsed. */
  configure(flags: TerminalFlags): void {
    this.flags = { quiet: flags.quiet, color: flags.color, debug: flags.debug };
  }

  private get io(): Io {
    return this.deps.io;
  }

  get stdoutIsTTY(): boolean {
    return this.io.stdout.isTTY;
  }

  get stderrIsTTY(): boolean {
    return this.io.stderr.isTTY;
  }

  /** Width of the terminal stdout shows on (for tables); 0 when stdout is not a terminal. */
  get columns(): number {
    return this.io.stdout.columns;
  }

  /** A person watches stderr: it is a terminal, and neither --quiet nor CI asked for silence. */
  get interactive(): boolean {
    return this.io.stderr.isTTY && !this.flags.quiet && !isCi(this.deps.env);
  }

  /** stdout's colour level (tables, detail views): --no-color and NO_COLOR first, then FORCE_COLOR, then the terminal. */
  get colorLevel(): ColorLevel {
    return colorLevel(this.deps.env, this.io.stdout.isTTY, this.flags.color === false);
  }

  /** stderr's colour level (the live block). */
  get stderrColorLevel(): ColorLevel {
    return colorLevel(this.deps.env, this.io.stderr.isTTY, this.flags.color === false);
  }

  /** Lines may be redrawn on stderr: the process's own terminal, a person watching. */
  private get redraws(): boolean {
    return this.interactive && this.io.stderr.raw !== undefined;
  }

  /** The spinner may animate: stdout is the terminal too (with `tat ... | less` the pager owns the screen). */
  private get animates(): boolean {
    return this.redraws && this.io.stdout.isTTY;
  }

  /** A message on stderr (an error's context, a summary, a warning), made visible. Failures of stderr are nobody's to report. */
  async write(text: string): Promise<void> {
    const shown = visible(text, { multiline: true });
    if (this.block) return this.block.print(shown).catch(() => undefined);
    this.statusLine?.clear();
    await this.err(shown);
    this.statusLine?.redraw();
  }

  /** `write` for lines nobody waits on (--debug, the client's warnings). */
  aside(text: string): void {
    this.write(text).catch(() => undefined);
  }

  /**
   * Why the run stops on a signal, said once and on a line of its own (the terminal has echoed
   * `^C` where the cursor was). Anything drawn is stopped first; main() then says nothing more.
   */
  interrupted(text: string): void {
    if (this.stopSaid) return;
    this.stopSaid = true;
    this.block?.stop();
    this.statusLine?.clear();
    this.aside(`${this.io.stderr.isTTY ? '\n' : ''}${text}`);
  }

  /** Whether `interrupted()` has said it already. */
  get interruptionSaid(): boolean {
    return this.stopSaid;
  }

  /** A line for the person at the terminal (a tip, a hint after throttling); nothing otherwise. */
  notice(text: string): void {
    if (this.interactive) this.aside(`${text}\n`);
  }

  /** A line about what stdout shows ("Showing 3 of 252"): only where that is on the same terminal. */
  footnote(text: string): void {
    if (this.interactive && this.io.stdout.isTTY) this.aside(`${text}\n`);
  }

  /**
   * A transient status (retries) that replaces the previous one in place; `undefined` clears it.
   * Drawn only where the spinner may be; under a live block it is printed above it; elsewhere,
   * on a terminal that another display owns, it is a notice.
   */
  status(text: string | undefined): void {
    if (this.block) {
      if (text !== undefined && this.interactive) this.aside(`${text}\n`);
    } else if (this.animates) this.line().setStatus(text === undefined ? undefined : visible(text));
    else if (!this.redraws && text !== undefined) this.notice(text);
  }

  /** One spinner for the whole command, shown only once it has run longer than SPINNER_DELAY_MS. */
  spinner(initial: string): Spinner {
    let text = visible(initial);
    let shown = false;
    const done = new AbortController();
    if (this.animates)
      this.deps
        .sleep(SPINNER_DELAY_MS, done.signal)
        .then(() => {
          if (done.signal.aborted || this.block) return;
          shown = true;
          this.line().showSpinner(text);
        })
        .catch(() => undefined);
    return {
      update: (next) => {
        text = visible(next);
        if (shown) this.line().showSpinner(text);
      },
      stop: () => {
        done.abort();
        if (shown) this.line().hideSpinner();
        shown = false;
      },
    };
  }

  /** Runs `work` under a spinner. */
  async spin<T>(text: string, work: () => Promise<T>): Promise<T> {
    const spinner = this.spinner(text);
    try {
      return await work();
    } finally {
      spinner.stop();
    }
  }

  /**
   * A live block at the bottom of stderr, when one may be drawn (see above); undefined otherwise
   * (the caller then prints plain lines). While it is up, everything written through this object
   * lands above it: stderr messages, and stdout's records when stdout is the same terminal.
   */
  live(): LiveBlock | undefined {
    const { stdout, stderr } = this.io;
    const may =
      stderr.isTTY &&
      !this.flags.quiet &&
      !this.flags.debug &&
      !isCi(this.deps.env) &&
      (stdout.isTTY || stdout.pipe !== true);
    if (!may || this.deps.signal.aborted) return undefined;
    this.statusLine?.clear();
    if (!this.atLineStart) this.err('\n').catch(() => undefined);
    const block = new Block({
      // The block's own cursor moves are not text: it ends each frame at the start of a line.
      err: (text) => this.err(text, false),
      out: this.io.stdout,
      columns: () => stderr.columns,
      rows: () => stderr.rows ?? 0,
      color: this.stderrColorLevel,
      closed: () => {
        if (this.block === block) this.block = undefined;
        this.atLineStart = true;
        stderr.raw?.removeListener('resize', onResize);
      },
    });
    const onResize = (): void => block.resized();
    stderr.raw?.on('resize', onResize);
    this.block = block;
    return block;
  }

  /** readline's echo of what the user types at a prompt: their own keys, the one unsanitised path. */
  echo(chunk: string | Uint8Array): Promise<void> {
    return this.io.stderr.write(chunk).catch(() => undefined);
  }

  /** The one raw write to stderr; never rejects. */
  private err(text: string, tracked = true): Promise<void> {
    if (tracked && text.length) this.atLineStart = text.endsWith('\n');
    return this.io.stderr.write(text).catch(() => undefined);
  }

  private writeOut(chunk: string | Uint8Array): Promise<void> {
    if (!this.io.stdout.isTTY) return this.io.stdout.write(chunk);
    if (this.block) return this.block.above(chunk);
    // The spinner's line is cleared first; its next frame draws it again below.
    this.statusLine?.clear();
    if (chunk.length)
      this.atLineStart = typeof chunk === 'string' ? chunk.endsWith('\n') : chunk[chunk.length - 1] === 10;
    return this.io.stdout.write(chunk);
  }

  private line(): StatusLine {
    // Its writes leave the cursor on a line it alone uses (cleared before anything else is written).
    this.statusLine ??= new StatusLine(
      (text) => this.err(text, false).catch(() => undefined),
      () => this.io.stderr.columns,
      this.deps.sleep,
      () => this.animates && !this.block,
      this.deps.signal,
    );
    return this.statusLine;
  }
}

export function isCi(env: Deps['env']): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
}

const terminals = new WeakMap<Io, Terminal>();

/**
 * The terminal of a run: one per `Io`, made on first use (main() asks first, before any command),
 * so every part of a run that is handed the run's `deps` shares it.
 */
export function terminalOf(deps: TerminalDeps): Terminal {
  let terminal = terminals.get(deps.io);
  if (!terminal) {
    terminal = new Terminal(deps);
    terminals.set(deps.io, terminal);
  }
  return terminal;
}

/**
 * Iterates `pages` under one spinner for the whole listing. `progress` says how far it got
 * ("1,200 of 3,000").
 */
export async function* withSpinner<T>(
  terminal: Terminal,
  text: string,
  pages: AsyncIterator<T>,
  progress?: (page: T) => string | undefined,
): AsyncGenerator<T> {
  const spinner = terminal.spinner(text);
  try {
    for (;;) {
      const step = await pages.next();
      if (step.done) return;
      yield step.value;
      const done = progress?.(step.value);
      spinner.update(done === undefined ? text : `${text}: ${done}`);
    }
  } finally {
    spinner.stop();
  }
}
