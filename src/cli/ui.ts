import type { Deps } from '../deps.js';
import { visible } from '../output/escape.js';

/**
 * What a person at a terminal sees on stderr besides errors: a spinner while waiting on the
 * network and one-line notices. Never on stdout; never under --quiet, CI or a piped stderr.
 */
export interface Ui {
  /** True when stderr is a terminal a person is watching. */
  readonly interactive: boolean;
  notice(line: string): void;
  /** Runs `work` with a spinner that appears only if it takes longer than ~300 ms. */
  spin<T>(text: string, work: () => Promise<T>): Promise<T>;
}

export const SPINNER_DELAY_MS = 300;

export function createUi(deps: Pick<Deps, 'io' | 'env' | 'sleep'>, quiet: boolean): Ui {
  const stderr = deps.io.stderr;
  const interactive = stderr.isTTY && !quiet && !isCi(deps.env);
  let spinner: { stop(): void; clear(): void; start(): void; isSpinning: boolean } | undefined;

  return {
    interactive,
    notice(line) {
      if (!interactive) return;
      // Keep the spinner's line clean: clear it, print, and let it redraw.
      const spinning = spinner?.isSpinning;
      if (spinning) spinner?.clear();
      void stderr.write(`${visible(line, { multiline: true })}\n`);
    },
    async spin(text, work) {
      if (!interactive || !stderr.raw) return work();
      // Fast calls never flash a spinner: it appears only once the delay has passed.
      const done = new AbortController();
      void deps
        .sleep(SPINNER_DELAY_MS, done.signal)
        .then(() => import('ora'))
        .then(({ default: ora }) => {
          if (!done.signal.aborted) spinner = ora({ text, stream: stderr.raw, discardStdin: false }).start();
        })
        .catch(() => undefined);
      try {
        return await work();
      } finally {
        done.abort();
        spinner?.stop();
        spinner = undefined;
      }
    },
  };
}

export function isCi(env: Deps['env']): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
}

/** Iterates `pages`, with the spinner up while each next page is awaited. */
export async function* withSpinner<T>(ui: Ui, text: string, pages: AsyncIterator<T>): AsyncGenerator<T> {
  for (;;) {
    const step = await ui.spin(text, () => pages.next());
    if (step.done) return;
    yield step.value;
  }
}
