import { writeAside, type Deps } from '../deps.js';
import { visible } from '../output/escape.js';
import { StatusLine } from './status-line.js';

/**
 * What a person at a terminal sees on stderr besides errors: one spinner per command while
 * waiting on the network, a retry status that updates in place, and one-line notices. Never on
 * stdout; never under --quiet, CI or a piped stderr. The spinner also needs stdout to be the
 * terminal: with `tat ... | less` the pager owns the screen and a spinner would scribble on it.
 */
export interface Ui {
  /** True when stderr is a terminal a person is watching. */
  readonly interactive: boolean;
  notice(line: string): void;
  /**
   * A transient status (retries) that replaces the previous one in place; `undefined` clears it.
   * Shown only where the spinner may be (stdout the terminal too); on a stream another display
   * owns (`wait`'s live view) it is a notice.
   */
  status(line: string | undefined): void;
  /** One spinner for the whole command: see `Task`. */
  task(text: string): Task;
  /** Runs `work` with a spinner that appears only if it takes longer than ~300 ms. */
  spin<T>(text: string, work: () => Promise<T>): Promise<T>;
}

/** A spinner started once, that appears after the delay and stays until `stop()`. */
export interface Task {
  /** New text (progress such as "1,200 of 3,000"), drawn at once if the spinner is showing. */
  update(text: string): void;
  /** Clears the line so stdout output does not mix with it; `update` or the next frame redraws it. */
  clear(): void;
  stop(): void;
}

export const SPINNER_DELAY_MS = 300;

export function createUi(deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>, quiet: boolean): Ui {
  const stderr = deps.io.stderr;
  const interactive = stderr.isTTY && !quiet && !isCi(deps.env);
  // Lines are redrawn in place only on the process's own terminal (a stream with `raw`): a stream
  // that another display owns (the live view of `wait`) gets plain notice lines instead.
  const live = interactive && stderr.raw !== undefined;
  const animate = live && deps.io.stdout.isTTY;
  const line = new StatusLine(stderr, deps.sleep, animate, deps.signal);

  function task(initial: string): Task {
    let text = initial;
    let shown = false;
    // Fast commands never flash a spinner: it appears only once the delay has passed.
    const done = new AbortController();
    if (animate)
      deps
        .sleep(SPINNER_DELAY_MS, done.signal)
        .then(() => {
          if (done.signal.aborted) return;
          shown = true;
          line.showSpinner(text);
        })
        .catch(() => undefined);
    return {
      update(next) {
        text = next;
        if (shown) line.showSpinner(text);
      },
      clear: () => line.clear(),
      stop() {
        done.abort();
        if (shown) line.hideSpinner();
        shown = false;
      },
    };
  }

  return {
    interactive,
    notice(text) {
      if (!interactive) return;
      // Keep the status line clean: clear it, print, and let it redraw below the notice.
      line.clear();
      writeAside(stderr, `${visible(text, { multiline: true })}\n`);
      line.redraw();
    },
    status(text) {
      // Drawn in place under the spinner's rule (stdout the terminal too): with `tat ... | less`
      // the pager owns the screen. It is transient, so there it is not shown at all; the notice
      // after throttling and the final error still are.
      if (animate) line.setStatus(text);
      else if (!live && interactive && text !== undefined) this.notice(text);
    },
    task,
    async spin(text, work) {
      const spinner = task(text);
      try {
        return await work();
      } finally {
        spinner.stop();
      }
    },
  };
}

export function isCi(env: Deps['env']): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
}

/**
 * Iterates `pages` under one spinner for the whole listing. `progress` says how far it got
 * ("1,200 of 3,000"); the line is cleared while the consumer writes each page.
 */
export async function* withSpinner<T>(ui: Ui, text: string, pages: AsyncIterator<T>, progress?: (page: T) => string | undefined): AsyncGenerator<T> {
  const spinner = ui.task(text);
  try {
    for (;;) {
      const step = await pages.next();
      if (step.done) return;
      spinner.clear();
      yield step.value;
      const done = progress?.(step.value);
      spinner.update(done === undefined ? text : `${text}: ${done}`);
    }
  } finally {
    spinner.stop();
  }
}
