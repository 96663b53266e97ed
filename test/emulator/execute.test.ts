/**
 * `--execute`'s runner: real scripts under /bin/sh, each in a fresh folder, output joined and cut
 * as the agent cuts it, killed at Timeout or on cancel. No assertion is on wall-clock time: a
 * timeout is shown by its status and by what the script did not get to print.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { executeTask, type Execution } from '../../src/emulator/execute.js';
import { ExecutingRunner, MAX_RUNNING } from '../../src/emulator/execute-runner.js';
import { onlineInstance } from '../../src/emulator/fleet/fleet.js';
import { TaskTimeline } from '../../src/emulator/write/timeline.js';
import type { TaskWork } from '../../src/emulator/write/work.js';

const text = (e: Execution): string => e.output.toString('utf8');

/** A process that exists and is not a zombie (/proc/PID/stat's state). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('executeTask', () => {
  const secret = 'TAT_EMULATOR_SECRET_KEY';
  const before = process.env[secret];
  process.env[secret] = 'must-not-reach-scripts';
  afterAll(() => {
    if (before === undefined) delete process.env[secret];
    else process.env[secret] = before;
  });

  it('runs a script on two instances at once, each in a fresh folder removed afterwards, stdout and stderr in one stream, with its exit code', async () => {
    const script =
      'echo "out in $(pwd)"\necho err >&2\nls -A\ntouch made-here\necho "[$TAT_EMULATOR_SECRET_KEY]"\nexit 3\n';
    const [one, two] = await Promise.all([
      executeTask({ script, timeoutSeconds: 30 }),
      executeTask({ script, timeoutSeconds: 30 }),
    ]);
    for (const run of [one, two]) {
      expect(run).toMatchObject({ status: 'FAILED', exitCode: 3, dropped: 0, errorInfo: '' });
      const [first, err, last, end] = text(run).split('\n');
      expect(first).toMatch(new RegExp(`^out in ${tmpdir()}/tat-emulator-task-\\w+/work$`));
      expect(err).toBe('err');
      // Nothing else in the working directory (ls printed nothing), and nothing of the emulator's environment.
      expect(last).toBe('[]');
      expect(end).toBe('');
      expect(existsSync(first!.slice('out in '.length))).toBe(false);
    }
    expect(text(one)).not.toBe(text(two));
  });

  it("exit 0 is SUCCESS; a shell syntax error is FAILED with the shell's code and message", async () => {
    expect(await executeTask({ script: 'true', timeoutSeconds: 30 })).toMatchObject({
      status: 'SUCCESS',
      exitCode: 0,
      output: Buffer.alloc(0),
    });
    const bad = await executeTask({ script: 'if then fi (', timeoutSeconds: 30 });
    expect(bad.status).toBe('FAILED');
    expect(bad.exitCode).toBe(2);
    expect(text(bad)).toMatch(/syntax error/i);
  });

  it('is killed at its Timeout with whatever it started: TIMEOUT, exit code -1, the output printed until then', async () => {
    const run = await executeTask({
      script: 'echo before\nsleep 30 &\necho "$!" \nsleep 30\necho after\n',
      timeoutSeconds: 1,
    });
    expect(run).toMatchObject({ status: 'TIMEOUT', exitCode: -1 });
    const [first, pid] = text(run).split('\n');
    expect(first).toBe('before');
    expect(text(run)).not.toContain('after');
    // The background sleep was in the task's process group: it is killed too (gone, or a zombie until reaped).
    for (let i = 0; i < 100 && running(Number(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(Number(pid))).toBe(false);
  });

  it('keeps exactly the first 24,576 bytes, cutting inside a multi-byte character, and counts the rest as Dropped', async () => {
    const zeros = await executeTask({ script: 'head -c 100000 /dev/zero | tr "\\0" a', timeoutSeconds: 30 });
    expect(zeros).toMatchObject({ status: 'SUCCESS', dropped: 100_000 - 24_576 });
    expect(text(zeros)).toBe('a'.repeat(24_576));
    // 1 + 3 × 8191 = 24,574: the 8,192nd character is cut after 2 of its 3 bytes.
    const wide = await executeTask({
      script: `printf x; i=0; while [ $i -lt 9000 ]; do printf '日'; i=$((i+1)); done`,
      timeoutSeconds: 30,
    });
    expect(wide.output.length).toBe(24_576);
    expect(wide.dropped).toBe(1 + 27_000 - 24_576);
    expect(wide.output.subarray(24_574)).toEqual(Buffer.from('日').subarray(0, 2));
  });

  it('streams output as it comes and says when it started', async () => {
    const seen: string[] = [];
    let started = false;
    const run = await executeTask({
      script: 'echo one; sleep 0.2; echo two',
      timeoutSeconds: 30,
      onStart: () => (started = true),
      onOutput: (bytes) => seen.push(bytes.toString()),
    });
    expect(started).toBe(true);
    expect(seen.join('')).toBe('one\ntwo\n');
    expect(text(run)).toBe('one\ntwo\n');
  });

  it('cancelled while it runs: TERMINATED, exit code -1, killed with its children', async () => {
    const controller = new AbortController();
    const run = await executeTask({
      script: 'sleep 30 &\necho "$!"\nsleep 30\necho never',
      timeoutSeconds: 60,
      signal: controller.signal,
      onOutput: () => controller.abort(),
    });
    expect(run).toMatchObject({ status: 'TERMINATED', exitCode: -1 });
    const pid = Number(text(run).trim());
    expect(text(run)).toBe(`${pid}\n`);
    for (let i = 0; i < 100 && running(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(pid)).toBe(false);
  });

  it('cancelled before it starts, or not a SHELL script: START_FAILED with the reason, nothing run', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await executeTask({ script: 'echo x', timeoutSeconds: 5, signal: controller.signal })).toMatchObject({
      status: 'START_FAILED',
      exitCode: -1,
      errorInfo: expect.stringMatching(/cancelled/),
    });
    expect(await executeTask({ script: 'Write-Host x', timeoutSeconds: 5, commandType: 'POWERSHELL' })).toMatchObject({
      status: 'START_FAILED',
      errorInfo: 'UnsupportedCommandType: tat-emulator --execute runs SHELL scripts only, not POWERSHELL',
    });
  });
});

describe('ExecutingRunner (--execute wired to created tasks)', () => {
  it(`runs at most ${MAX_RUNNING} scripts at once, the others waiting (DELIVERING); close() kills them all`, async () => {
    const runner = new ExecutingRunner(Date.now);
    const timelines = Array.from({ length: MAX_RUNNING + 4 }, (_, i) => {
      const timeline = new TaskTimeline(Date.now(), Date.now());
      const work: TaskWork = {
        invocationId: 'inv-aaaaaaaa',
        taskId: `invt-${String(i).padStart(8, '0')}`,
        instance: onlineInstance(`ins-${String(i).padStart(8, '0')}`),
        script: 'sleep 30',
        commandType: 'SHELL',
        workingDirectory: '/root',
        username: 'root',
        timeoutSeconds: 60,
      };
      runner.run(work, timeline);
      return timeline;
    });
    const started = (): number => timelines.filter((t) => t.view(Date.now()).status === 'RUNNING').length;
    for (let i = 0; i < 200 && started() < MAX_RUNNING; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started()).toBe(MAX_RUNNING);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started()).toBe(MAX_RUNNING);
    expect(timelines.filter((t) => t.view(Date.now()).status === 'DELIVERING')).toHaveLength(4);
    await runner.close();
    const statuses = timelines.map((t) => t.view(Date.now()).status);
    expect(statuses.filter((s) => s === 'TERMINATED')).toHaveLength(MAX_RUNNING);
    expect(statuses.filter((s) => s === 'START_FAILED')).toHaveLength(4);
  });
});
