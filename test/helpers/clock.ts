/** A fake clock whose sleep() returns at once and moves time forward, recording each delay. */
export function fakeClock(start = Date.UTC(2026, 10, 28, 12, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
