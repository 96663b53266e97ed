import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, TAT } from '../helpers/spawn.js';

/**
 * The retry status line at a real pseudo-terminal (util-linux `script`): drawn in place when
 * stdout and stderr are both the terminal, never when stdout goes elsewhere (`tat ... | less`:
 * the pager owns the screen), the same rule as the spinner's.
 */

let emulator: RunningEmulator;
/** The emulator's random draws: the first request fails with InternalError, every later one gets through. */
let draws: number[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0, faultRate: 0.5, random: () => draws.shift() ?? 0.99 });
});
afterAll(() => emulator.close());

function inPty(command: string): Promise<{ output: string; code: number | null }> {
  draws = [0, 0.9];
  const child = spawn('script', ['-qefc', `stty cols 80 rows 24; ${command}`, '/dev/null'], {
    cwd: ROOT,
    env: emulatorEnv(emulator.url, { TERM: 'xterm' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ output, code });
    });
  });
}

const tat = `${process.execPath} ${TAT} invocations get inv-q4zp60g0 -o json`;

describe('the retry status line', () => {
  it('is drawn in place, then erased, when stdout and stderr are the terminal', async () => {
    const result = await inPty(`exec ${tat}`);
    expect(result.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(result.output).toMatch(/\rrequest failed, retrying in \d+\.\d s \(attempt 2 of 5\)\u001b\[K/);
    expect(result.output).toContain('"InvocationId": "inv-q4zp60g0"');
  });

  it("is not drawn into a pager's screen: stdout piped (here to cat), stderr still the terminal", async () => {
    const result = await inPty(`${tat} | cat`);
    expect(result.code).toBe(0);
    expect(result.output).toContain('"InvocationId": "inv-q4zp60g0"');
    expect(result.output).not.toContain('retrying');
    expect(result.output).not.toContain('\u001b[K');
  });
});
