import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, run, TAT } from '../helpers/spawn.js';

/** The built `tat run` against the emulator, in a pipe and at a real pseudo-terminal (util-linux `script`). */

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
});
afterAll(() => emulator.close());

const THREE = ['ins-zj0f57ew', 'ins-zj0f57ex', 'ins-zj0f57ev'];
const SCRIPT = 'echo "hello from $(hostname)"\n# on ins-zj0f57ex: exit 2';

describe('tat run in a pipe', () => {
  it('prints one record per instance, says each change on stderr, then the recap; exit 5 for the failure', async () => {
    const result = await run(
      process.execPath,
      [TAT, 'run', SCRIPT, '--instances', THREE.join(','), '--interval', '200ms', '-o', 'ndjson'],
      emulatorEnv(emulator.url),
    );
    expect(result.code).toBe(5);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { InstanceId: string; TaskStatus: string; ExitCode: number; Output: string });
    expect(records.map((r) => r.InstanceId).sort()).toEqual([...THREE].sort());
    expect(records.find((r) => r.InstanceId === 'ins-zj0f57ew')).toMatchObject({
      TaskStatus: 'SUCCESS',
      ExitCode: 0,
      Output: 'hello from ins-zj0f57ew\n',
    });
    expect(records.find((r) => r.InstanceId === 'ins-zj0f57ex')).toMatchObject({ TaskStatus: 'FAILED', ExitCode: 2 });
    expect(result.stderr).toMatch(/ins-zj0f57ex \S+ → FAILED/);
    expect(result.stderr).toMatch(/Ran on 3 instances in \S+ \(inv-[0-9a-z]+\): 2 SUCCESS, 1 FAILED\./);
    expect(result.stderr).toMatch(/Run the failures again: tat invocations rerun inv-[0-9a-z]+ --failed\n/);
    expect(result.stderr).toContain('error: 1 of 3 instances did not succeed');
  });

  it('with stdout on a full device (--no-wait), still names the invocation it started, on stderr', async () => {
    const result = await run(
      'bash',
      ['-c', `"${process.execPath}" "${TAT}" run uptime --instances ins-zj0f57ew --no-wait > /dev/full`],
      emulatorEnv(emulator.url),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot write to stdout: ENOSPC/);
    expect(result.stderr).toMatch(
      /Started: inv-[0-9a-z]+ \(1 instance\); follow it with `tat invocations wait inv-[0-9a-z]+`/,
    );
  });

  it('with stdout on a full device, follows the run to its end and prints the recap on stderr', async () => {
    const result = await run(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${TAT}" run uptime --instances ${THREE.join(',')} --interval 200ms -o ndjson > /dev/full`,
      ],
      emulatorEnv(emulator.url),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Ran on 3 instances in \S+ \(inv-[0-9a-z]+\): 3 SUCCESS\./);
    expect(result.stderr).toContain('error: cannot write to stdout: ENOSPC');
  });

  it('ends quietly (exit 0) when the reader closes stdout: the command keeps running on the instances', async () => {
    const result = await run(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${TAT}" run uptime --instances ${THREE.join(',')} --interval 200ms --quiet | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      emulatorEnv(emulator.url),
    );
    expect(result.stdout.trim()).toBe('0');
  });
});

interface Pty {
  output: string;
  code: number | null;
}

/** tat in a pseudo-terminal of 100×30; `answer` is typed once `prompt` appears. */
function inPty(args: string[], answer?: { prompt: string; text: string }): Promise<Pty> {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const command = `stty cols 100 rows 30; exec "${process.execPath}" "${TAT}" ${quoted}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: ROOT,
    env: emulatorEnv(emulator.url, { TERM: 'xterm', NO_COLOR: '1' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (answer && !answered && output.includes(answer.prompt)) {
      answered = true;
      child.stdin.write(answer.text);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ output, code })));
}

describe('tat run at a terminal', () => {
  it("shows the live view, and each instance's output under a header naming it as it finishes", async () => {
    const result = await inPty(['run', SCRIPT, '--instances', THREE.join(','), '--interval', '200ms']);
    expect(result.code).toBe(5);
    // The live view: the invocation and its instances, redrawn.
    expect(result.output).toMatch(/inv-[0-9a-z]+ +\S+ +\d of 3 instances done/);
    for (const id of THREE) expect(result.output).toMatch(new RegExp(`==> ${id} +invt-[0-9a-z]+ +(SUCCESS|FAILED)`));
    expect(result.output).toContain('hello from ins-zj0f57ew');
    expect(result.output).toMatch(/==> ins-zj0f57ex +invt-[0-9a-z]+ +FAILED +exit 2/);
    expect(result.output).toContain('Ran on 3 instances');
  });

  it('prints an instance that finished above the live view while others still run', async () => {
    const script = 'echo "hello from $(hostname)"\n# on ins-zj0f57ev: sleep 4';
    const result = await inPty(['run', script, '--instances', THREE.join(','), '--interval', '200ms']);
    expect(result.code).toBe(0);
    const printed = result.output.indexOf('hello from ins-zj0f57ew');
    expect(printed).toBeGreaterThan(0);
    // The view is redrawn below it, still showing the slow instance running.
    expect(result.output.lastIndexOf('ins-zj0f57ev  RUNNING')).toBeGreaterThan(printed);
  });

  it('asks before running on more than 10 instances, and runs once answered yes', async () => {
    const agents = await run(
      process.execPath,
      [TAT, 'agents', 'list', '--status', 'online', '--environment', 'linux', '--limit', '40', '-o', 'ndjson'],
      emulatorEnv(emulator.url),
    );
    const eleven = agents.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { InstanceId: string }).InstanceId)
      .filter((id) => id.startsWith('ins-'))
      .slice(0, 11);
    expect(eleven).toHaveLength(11);
    const result = await inPty(['run', 'uptime', '--instances', eleven.join(','), '--no-wait'], {
      prompt: '[y/N]',
      text: 'y\r',
    });
    expect(result.output).toContain("Run 'uptime' on 11 instances in ap-guangzhou? [y/N] ");
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/inv-[0-9a-z]+ +cmd-[0-9a-z]+/);
  });
});
