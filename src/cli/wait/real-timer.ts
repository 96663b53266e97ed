/**
 * A timer on the real clock, for the one case where Deps' clock cannot be used: while a request
 * is in flight nothing else moves a fake clock, and the deadline and the live view's clock must
 * still come. `cancel()` clears it, so a finished wait leaves nothing to keep the process alive.
 */
export function realTimer(ms: number): { done: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
  });
  return { done, cancel: () => clearTimeout(timer) };
}

/** setTimeout fires at once for delays past 2^31-1 ms; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
