import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, TAT, tat } from '../helpers/spawn.js';

let slow: RunningEmulator;
let ahead: RunningEmulator;
// Set when a request has reached the slow emulator, which then never answers it.
let waiting = false;
beforeAll(async () => {
  slow = await startEmulator({
    port: 0,
    rateLimit: 0,
    latencyMs: 1,
    sleep: () => {
      waiting = true;
      return new Promise<void>(() => undefined);
    },
  });
  // Its clock is ten minutes ahead of ours: our signatures look expired to it.
  ahead = await startEmulator({ port: 0, rateLimit: 0, now: () => Date.now() + 10 * 60_000 });
});
afterAll(async () => {
  await slow.close();
  await ahead.close();
});

function interruptWhenWaiting(
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  waiting = false;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TAT, 'invocations', 'list', '-o', 'json'], {
      cwd: ROOT,
      env: emulatorEnv(slow.url),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Send the signal once the request is in flight at the emulator.
    const poll = setInterval(() => {
      if (waiting) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 50);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while waiting on the network exits %d without a trace', async (signal, code) => {
    const result = await interruptWhenWaiting(signal);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`interrupted (${signal})`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('clock skew', () => {
  it('corrects a clock ten minutes behind the server from its Date header, and warns', async () => {
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], emulatorEnv(ahead.url));
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { InvocationId: string }).InvocationId).toBe('inv-q4zp60g0');
    expect(result.stderr).toMatch(/clock is off by (599|600|601) seconds \(behind the server\)/);
  });
});
