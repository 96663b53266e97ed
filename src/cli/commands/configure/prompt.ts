import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Deps } from '../../../deps.js';
import { terminalOf } from '../../terminal/terminal.js';
import { InterruptedError, UsageError } from '../../../errors.js';

/** Questions on stderr (made visible: they quote stored values), answers from stdin; `hidden` answers are never echoed. */
export interface Prompter {
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
  close(): void;
}

/**
 * readline in terminal mode on `deps.io.stdin.raw` (raw mode on a real terminal, so the
 * terminal itself does not echo), writing through an output that is muted unless a visible
 * answer is being typed: readline's echo of a hidden answer's keys is dropped. Lines typed
 * ahead are queued.
 */
export function createPrompter(
  deps: Pick<Deps, 'io' | 'env' | 'sleep' | 'signal'>,
  /** What the input ending early (Ctrl+D) means for the command that asks. */
  endedEarly = 'the input ended before all questions were answered; nothing was saved',
): Prompter {
  const terminal = terminalOf(deps);
  let muted = true;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) terminal.echo(chunk).catch(() => undefined);
      callback();
    },
  });
  const rl = createInterface({ input: deps.io.stdin.raw, output, terminal: true, historySize: 0, prompt: '' });
  const queued: string[] = [];
  let waiting: { resolve(line: string): void; reject(error: unknown): void } | undefined;
  let failure: unknown;

  const fail = (error: unknown): void => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  rl.on('line', (line: string) => {
    // At once, not when the answer is taken: readline goes on through the rest of a pasted chunk
    // in the same turn, and what follows a visible answer (a SecretKey pasted after the
    // SecretId) must not be echoed.
    muted = true;
    if (waiting) {
      waiting.resolve(line);
      waiting = undefined;
    } else queued.push(line);
  });
  rl.on('SIGINT', () => {
    fail(new InterruptedError('SIGINT'));
    rl.close();
  });
  rl.on('close', () => fail(new UsageError(endedEarly)));
  const onAbort = (): void => {
    fail(deps.signal.reason);
    rl.close();
  };
  deps.signal.addEventListener('abort', onAbort, { once: true });

  return {
    async ask(question, { hidden = false } = {}) {
      // Muted except while a visible answer is typed: keys typed ahead (a paste of several
      // lines) are never echoed, and a hidden answer never is.
      rl.setPrompt(question);
      await terminal.write(question);
      if (!hidden) {
        if (rl.line) await terminal.echo(rl.line);
        muted = false;
      }
      try {
        const next = queued.shift();
        if (next !== undefined) {
          if (!hidden) await terminal.echo(`${next}\n`);
          return next.trim();
        }
        if (failure !== undefined) throw failure;
        const line = await new Promise<string>((resolve, reject) => {
          waiting = { resolve, reject };
        });
        return line.trim();
      } finally {
        muted = true;
        if (hidden) await terminal.echo('\n');
      }
    },
    close() {
      deps.signal.removeEventListener('abort', onAbort);
      rl.close();
    },
  };
}
