import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { displayWidth } from '../../src/output/fit.js';
import { frames, redrawsInPlace } from '../helpers/frames.js';
import { spawn } from 'node:child_process';
import { emulatorEnv, ROOT, run, tat, TAT } from '../helpers/spawn.js';

/**
 * `tat invocations wait` for real: the built binary against an emulator whose --live
 * invocations end a few seconds after it starts (--speed 10), on a pseudo-terminal and in a pipe.
 */

// Each test gets its own emulator: its live invocations start when it does.
let emulator: RunningEmulator;
let env: Record<string, string>;
beforeEach(async () => {
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    invocations: 20,
    live: 4,
    liveOutcomes: ['SUCCESS', 'FAILED'],
    speed: 10,
  });
  env = emulatorEnv(emulator.url);
});
afterEach(async () => {
  await emulator.close();
});

describe('tat invocations wait (e2e)', () => {
  it('on a terminal: a live view redrawn in place (cursor up, never scrolling), then exit 5 with --exit-status', async () => {
    const command = `stty rows 12 cols 72; ${process.execPath} ${TAT} invocations wait ${emulator.liveIds.join(' ')} --exit-status --interval 200ms -o json > /dev/null`;
    const result = await run('script', ['-qec', command, '/dev/null'], { ...env, TERM: 'xterm-256color' });
    expect(result.code).toBe(5);
    const list = frames(result.stdout);
    expect(list.length).toBeGreaterThan(3);
    // Each frame goes back up over exactly the lines of the one before: nothing scrolled.
    expect(redrawsInPlace(list)).toBe(true);
    expect(result.stdout).toContain(`\x1b[${list[0]!.lines.length}A`);
    for (const frame of list) {
      expect(frame.lines.length).toBeLessThanOrEqual(11);
      for (const line of frame.lines) expect(displayWidth(line)).toBeLessThanOrEqual(71);
    }
    expect(list.at(-1)!.lines.at(-1)).toMatch(/^4 of 4 invocations done after/);
    expect(result.stdout).toContain('2 of 4 finished invocations did not succeed');
  }, 60_000);

  it('in a pipe: one stderr line per state change, and the invocations on stdout', async () => {
    const result = await tat(['invocations', 'wait', ...emulator.liveIds, '--interval', '200ms', '-o', 'ndjson'], env);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    const changes = lines.filter((line) => /^\s*\d+\S* inv-/.test(line)).map((line) => line.replace(/^\s*\S+ /, ''));
    // Polled every 200 ms for seconds, yet no state is reported twice.
    expect(changes.length).toBeGreaterThanOrEqual(emulator.liveIds.length * 2);
    expect(new Set(changes).size).toBe(changes.length);
    expect(result.stderr).not.toContain('\x1b');
    for (const id of emulator.liveIds)
      expect(changes.filter((line) => line.startsWith(`${id} RUNNING → `))).toHaveLength(1);
    const printed = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { InvocationId: string; InvocationStatus: string });
    expect(printed.map((inv) => inv.InvocationId).sort()).toEqual([...emulator.liveIds].sort());
    expect(printed.map((inv) => inv.InvocationStatus).sort()).toEqual(['FAILED', 'FAILED', 'SUCCESS', 'SUCCESS']);
  }, 60_000);

  it('Ctrl+C (SIGINT) stops waiting with 130 and says the invocations keep running', async () => {
    const child = spawn(process.execPath, [TAT, 'invocations', 'wait', ...emulator.liveIds, '--interval', '200ms'], {
      cwd: ROOT,
      env,
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Interrupt once the first state line shows that it is waiting.
    child.stderr.on('data', (chunk: Buffer) => {
      const first = stderr === '';
      stderr += chunk.toString();
      if (first) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'Stopped waiting (SIGINT). The invocations keep running on their instances; to wait again: tat invocations wait',
    );
    // Said once: main() adds no 'interrupted (SIGINT)' of its own.
    expect(stderr).not.toContain('interrupted (SIGINT)');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
