import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, TAT } from '../helpers/spawn.js';

/**
 * Every signal that would end tat (SIGHUP when the terminal closes, SIGQUIT from Ctrl+\, SIGUSR2,
 * SIGALRM, besides SIGINT and SIGTERM) while the live view of `wait` hides the cursor on a
 * pseudo-terminal: the cursor is shown again, the wait says once why it stopped, and tat exits
 * with the conventional 128 + the signal's number (issue 23.15).
 */

let emulator: RunningEmulator;
beforeAll(async () => {
  // Live invocations that take minutes: the wait is still drawing when the signal comes.
  emulator = await startEmulator({ port: 0, rateLimit: 0, invocations: 20, live: 2, speed: 0.05 });
});
afterAll(() => emulator.close());

function waitInPty(signal: NodeJS.Signals): Promise<{ output: string; code: number | null }> {
  const command = `stty rows 20 cols 100; exec ${process.execPath} ${TAT} invocations wait ${emulator.liveIds.join(' ')} --interval 200ms`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: ROOT,
    env: emulatorEnv(emulator.url, { TERM: 'xterm-256color' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // Once the view is drawn (cursor hidden, a footer), the signal goes to tat itself.
    if (!sent && output.includes('Ctrl+C stops waiting')) {
      sent = true;
      const pid = Number(
        execFileSync('pgrep', ['-P', String(child.pid)])
          .toString()
          .trim(),
      );
      process.kill(pid, signal);
    }
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ output, code });
    });
  });
}

describe('a signal during the live view', () => {
  it.each(['SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGINT', 'SIGTERM'] as const)(
    '%s: the cursor is shown again, said once, exit 128 + n',
    async (signal) => {
      const result = await waitInPty(signal);
      expect(result.code).toBe(128 + constants.signals[signal]);
      // The last word on the cursor is "show".
      expect(result.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(result.output.lastIndexOf('\x1b[?25l'));
      expect(result.output.split(`Stopped waiting (${signal})`)).toHaveLength(2);
      expect(result.output).not.toContain('interrupted (');
      expect(result.output).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});
