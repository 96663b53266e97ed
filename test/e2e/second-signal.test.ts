import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, TAT } from '../helpers/spawn.js';

/**
 * A first Ctrl+C asks tat to stop cleanly, which cannot finish while a write to stdout is stuck
 * (a pipe nobody reads). A second one must end the process at once: by the signal itself (a
 * shell shows 130 or 143), since exiting normally can wait forever on a stuck thread
 * (test/e2e/stuck-files.test.ts).
 */

let emulator: RunningEmulator;
let requests = 0;
beforeAll(async () => {
  // Its latency hook counts requests.
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    invocations: 20_000,
    seed: 3,
    latencyMs: 1,
    sleep: async () => void requests++,
  });
});
afterAll(async () => {
  await emulator.close();
});

/** Polls every 20 ms until the condition holds, or gives up after `maxPolls` (then the test's expectations decide). */
function until(condition: () => boolean, maxPolls = 1500): Promise<void> {
  let polls = 0;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (condition() || ++polls >= maxPolls) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

describe('a second signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s twice ends a run whose stdout nobody reads, by the signal (a shell shows %d)',
    async (signal, _code) => {
      requests = 0;
      // stdout is a pipe this test never reads: once its buffer is full, tat's writes wait forever.
      const child = spawn(process.execPath, [TAT, 'invocations', 'list', '--all', '-o', 'ndjson', '-q'], {
        cwd: ROOT,
        env: emulatorEnv(emulator.url),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pause();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const closed = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('close', (_exitCode, ended) => resolve(ended)),
      );
      // A few pages in, the pipe (64 KiB) is long full.
      await until(() => requests >= 4);
      child.kill(signal);
      await until(() => stderr.includes('interrupted') || child.exitCode !== null, 50);
      child.kill(signal);
      expect(await closed).toBe(signal);
    },
  );
});
