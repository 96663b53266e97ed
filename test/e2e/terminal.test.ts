import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, run, TAT } from '../helpers/spawn.js';

/**
 * tat at a real pseudo-terminal (util-linux `script`), sized 0×0 as under cron, CI or
 * `docker exec -t` before a resize: the spinner must neither loop nor take signals from tat.
 */

let emulator: RunningEmulator;
// How many requests the emulator answers before it stops answering (and never does).
let answered = 0;
let answerFirst = Infinity;
let waiting = false;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    latencyMs: 1,
    // Slow enough for the spinner (300 ms) to appear, then silent once `answerFirst` are out.
    sleep: () => {
      if (answered++ < answerFirst) return new Promise<void>((resolve) => setTimeout(resolve, 500));
      waiting = true;
      return new Promise<void>(() => undefined);
    },
  });
});
afterAll(() => emulator.close());

interface PtyRun {
  output: string;
  code: number | null;
}

/** Runs tat in a 0×0 pseudo-terminal; `interrupt` is called (with the tat pid) once the spinner is up and a request hangs. */
function inPty(
  args: string[],
  interrupt?: (pty: { write(text: string): void; pid: number }) => void,
  columns = 0,
): Promise<PtyRun> {
  answered = 0;
  waiting = false;
  const command = `stty cols ${columns} rows ${columns === 0 ? 0 : 24}; exec ${process.execPath} ${TAT} ${args.join(' ')}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: ROOT,
    env: emulatorEnv(emulator.url, { TERM: 'xterm' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!interrupt || !waiting || !output.includes('Fetching invocations')) return;
      clearInterval(poll);
      const pid = Number(
        execFileSync('pgrep', ['-P', String(child.pid)])
          .toString()
          .trim(),
      );
      interrupt({ write: (text) => child.stdin.write(text), pid });
    }, 50);
    // A runaway spinner wrote hundreds of MB: stop reading well before that and fail.
    const guard = setInterval(() => output.length > 2_000_000 && child.kill('SIGKILL'), 100);
    child.on('close', (code) => {
      clearInterval(poll);
      clearInterval(guard);
      child.stdin.destroy();
      resolve({ output, code });
    });
  });
}

/** The JSON lines tat printed, with the pty's \r\n and the spinner's erased lines taken out. */
function ndjsonLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const erased = /^.*\u001b\[K/;
  return output
    .split('\r\n')
    .map((line) => line.replace(erased, ''))
    .filter((line) => line.startsWith('{'));
}

describe('at a pseudo-terminal (0×0 unless said)', () => {
  it('the spinner appears, stays one short line and ends when the answer comes', async () => {
    answerFirst = Infinity;
    const result = await inPty(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Fetching inv-q4zp60g0');
    expect(result.output).toContain('"InvocationId": "inv-q4zp60g0"');
    expect(result.output.length).toBeLessThan(20_000);
    // eslint-disable-next-line no-control-regex
    expect(result.output).not.toMatch(/\u001b\[\d*A/);
  });

  it.each([
    ['Ctrl+C', 130, 'SIGINT', 0],
    ['SIGTERM', 143, 'SIGTERM', 0],
    ['Ctrl+C', 130, 'SIGINT', 80],
    ['SIGTERM', 143, 'SIGTERM', 80],
  ] as const)(
    '%s with the spinner showing: tat handles it (notice, whole lines, exit %d after %s) at %d columns',
    async (how, code, signal, columns) => {
      answerFirst = 1;
      const result = await inPty(
        ['invocations', 'list', '--all', '-o', 'ndjson'],
        (pty) => {
          if (how === 'Ctrl+C') pty.write('\u0003');
          else process.kill(pty.pid, 'SIGTERM');
        },
        columns,
      );
      expect(result.output).toContain(`interrupted (${signal})`);
      expect(result.code).toBe(code);
      const lines = ndjsonLines(result.output);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(result.output).not.toMatch(/\n\s+at /);
    },
  );
});

describe('closed and failing outputs', () => {
  const bash = (script: string) => run('bash', ['-c', script], emulatorEnv(emulator.url));

  it.each([
    ['tat --help | true', `node ${TAT} --help`],
    ['tat --version | true', `node ${TAT} --version`],
    ['tat (no arguments) | true', `node ${TAT}`],
    ['tat ... --debug 2>&1 | true', `node ${TAT} invocations list --debug 2>&1`],
  ])('%s exits 0 quietly', async (_name, command) => {
    answerFirst = Infinity;
    const result = await bash(`${command} | true; exit \${PIPESTATUS[0]}`);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it.each([
    ['-o ndjson', ['invocations', 'list', '-o', 'ndjson']],
    ['-o json', ['invocations', 'list', '-o', 'json']],
    ['--help', ['--help']],
  ])('a full device on stdout (%s) is exit 1 naming the stream and the error', async (_name, args) => {
    answerFirst = Infinity;
    const result = await bash(`node ${TAT} ${args.join(' ')} > /dev/full`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot write to stdout: ENOSPC/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
