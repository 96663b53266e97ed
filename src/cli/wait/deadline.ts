import { setMaxListeners } from 'node:events';
import { MAX_INTERRUPT_LISTENERS } from '../../deps.js';
import { MaxWaitExceededError } from '../../errors.js';
import { formatElapsed } from '../../output/time.js';
import { realTimer } from './real-timer.js';

/**
 * --max-wait as a deadline for the whole command. The wait engine stops at the deadline itself
 * (abandoning requests in flight); this scope then gives what the command does after it
 * (printing, the output so far) DEADLINE_GRACE_MS more, and cuts every request still in flight
 * when that runs out or the command ends. Its signal is the one the command's clients use: it
 * aborts on Ctrl+C too (with the signal's own reason), so interrupts work as before.
 */

export const DEADLINE_GRACE_MS = 5_000;

/** Why requests were cut once the grace after --max-wait ran out. */
export class DeadlineCut extends Error {
  constructor(readonly maxWaitMs: number) {
    super(`--max-wait (${formatElapsed(maxWaitMs)}) ran out`);
  }
}

/** Why requests were cut once the command ended (nothing waits for them). */
class SessionEnded extends Error {}

export class Deadline {
  private readonly controller = new AbortController();
  private cut?: { cancel(): void };
  private endsAt = Infinity;
  private now: () => number = () => 0;
  private readonly onInterrupt = (): void => this.controller.abort(this.interrupt.reason);

  constructor(private readonly interrupt: AbortSignal) {
    // Every region's requests, pacers and sleeps listen to it at once, as to the interrupt signal (src/deps.ts).
    setMaxListeners(MAX_INTERRUPT_LISTENERS, this.controller.signal);
    if (interrupt.aborted) this.onInterrupt();
    else interrupt.addEventListener('abort', this.onInterrupt, { once: true });
  }

  /** Aborted on Ctrl+C (its reason), DEADLINE_GRACE_MS after the deadline, and when the command ends. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The wait starts now (Deps' clock): it ends `maxWaitMs` later (0: no deadline). */
  start(maxWaitMs: number, clock: () => number): void {
    if (maxWaitMs <= 0 || this.cut) return;
    this.endsAt = clock() + maxWaitMs;
    this.now = clock;
    // A real timer: requests in flight are what it cuts, and while one is, only real time passes.
    const timer = realTimer(maxWaitMs + DEADLINE_GRACE_MS);
    this.cut = timer;
    timer.done.then(
      () => this.controller.abort(new DeadlineCut(maxWaitMs)),
      () => undefined,
    );
  }

  get passed(): boolean {
    return this.now() >= this.endsAt;
  }

  /** A request cut by the deadline is --max-wait running out (exit 6), not a failure. */
  explain(error: unknown): unknown {
    if (!(error instanceof DeadlineCut)) return error;
    return new MaxWaitExceededError(
      `${error.message}, and what was left to fetch after it did not come within ${formatElapsed(DEADLINE_GRACE_MS)}`,
      'The invocations keep running on the instances. Allow longer with --max-wait (0 = no limit).',
    );
  }

  /** Ends every request still in flight: nothing is left to keep the process alive. */
  close(): void {
    this.cut?.cancel();
    this.interrupt.removeEventListener('abort', this.onInterrupt);
    if (!this.controller.signal.aborted) this.controller.abort(new SessionEnded('the command ended'));
  }

  /** The signal of Ctrl+C itself (not of the deadline). */
  get interrupted(): AbortSignal {
    return this.interrupt;
  }
}
