/**
 * A FIFO at a configuration path once hung every command, even with the keys in the environment,
 * and no Ctrl+C ended it: opening the FIFO waited for a writer in a file-system thread, and
 * process.exit() waited for that thread. Now configuration files are opened without blocking
 * (and refused unless regular), and a second Ctrl+C ends the process by the signal itself,
 * whatever a thread is stuck in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, run, TAT } from '../helpers/spawn.js';

let emulator: RunningEmulator;
let silent = false;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tat-stuck-'));
  // Answers at once, or (once `silent`) never: a request to wait on.
  emulator = await startEmulator({
    port: 0,
    rateLimit: 0,
    invocations: 3,
    latencyMs: 1,
    sleep: () => (silent ? new Promise<void>(() => undefined) : Promise.resolve()),
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function fifoHome(name: string, rels: string[]): string {
  const home = join(dir, name);
  for (const rel of rels) {
    mkdirSync(join(home, rel, '..'), { recursive: true });
    execFileSync('mkfifo', [join(home, rel)]);
  }
  return home;
}

/** Spawns tat and kills it after 20 s: a hang fails the test instead of the suite. */
function bounded(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TAT, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe('FIFOs at configuration paths', () => {
  it('with the keys in the environment, invocations list runs; --debug names the FIFOs skipped', async () => {
    silent = false;
    const home = fifoHome('env-keys', [
      '.tencentcloud/credentials',
      '.tccli/default.configure',
      '.tccli/default.credential',
    ]);
    const result = await bounded(['invocations', 'list', '-o', 'tsv', '--debug'], {
      ...emulatorEnv(emulator.url),
      HOME: home,
    });
    expect({ code: result.code, killed: result.killed }).toEqual({ code: 0, killed: false });
    expect(result.stdout).toMatch(/^inv-/);
    expect(result.stderr).toContain(
      '[debug] config: skipped ~/.tencentcloud/credentials: it is a FIFO (named pipe), not a regular file',
    );
    expect(result.stderr).toContain(
      '[debug] config: skipped ~/.tccli/default.configure: cannot use ~/.tccli/default.configure: it is a FIFO (named pipe), not a regular file',
    );
  });

  it("tat's own config.json as a FIFO: exit 2 naming it, at once", async () => {
    const home = fifoHome('own-file', ['.config/tat/config.json']);
    const result = await bounded(['invocations', 'list'], { ...emulatorEnv(emulator.url), HOME: home });
    expect({ code: result.code, killed: result.killed, stdout: result.stdout }).toEqual({
      code: 2,
      killed: false,
      stdout: '',
    });
    expect(result.stderr).toBe(
      'error: cannot use ~/.config/tat/config.json: it is a FIFO (named pipe), not a regular file\nReplace it with a regular file, or remove it.\n',
    );
  });

  it('the credentials file as a FIFO when it is the source: exit 2 naming it', async () => {
    const home = fifoHome('no-env', ['.tencentcloud/credentials']);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      TENCENTCLOUD_REGION: 'ap-guangzhou',
      TAT_ENDPOINT: emulator.url,
    };
    const result = await bounded(['invocations', 'list'], env);
    expect({ code: result.code, killed: result.killed }).toEqual({ code: 2, killed: false });
    expect(result.stderr).toMatch(
      /^error: cannot use ~\/\.tencentcloud\/credentials: it is a FIFO \(named pipe\), not a regular file\n/,
    );
  });
});

describe('Ctrl+C twice at a pseudo-terminal', () => {
  it('ends tat while a file-system thread is stuck for good (the first asks, the second ends it)', async () => {
    silent = true;
    // Stands in for any file-system call that never returns (a FIFO opened by blocking code, a
    // hung network mount): preloaded, it opens a FIFO nobody writes, in one of Node's threads.
    const fifo = join(dir, 'never-written');
    execFileSync('mkfifo', [fifo]);
    const preload = join(dir, 'stuck.mjs');
    writeFileSync(
      preload,
      `import { readFile } from 'node:fs/promises';\nreadFile(${JSON.stringify(fifo)}).catch(() => undefined);\n`,
    );
    const command = `stty cols 80 rows 24; exec ${process.execPath} --import ${preload} ${TAT} invocations list --all -o tsv`;
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      cwd: ROOT,
      env: emulatorEnv(emulator.url, { TERM: 'xterm', HOME: join(dir, 'pty-home') }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const until = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    // tat has started (the spinner needs 300 ms) and its request hangs.
    await until(() => output.includes('Fetching invocations'));
    child.stdin.write('\x03');
    await until(() => output.includes('interrupted'));
    // The first Ctrl+C was answered, but the stuck thread keeps the process alive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.write('\x03');
    const result = await closed;
    clearTimeout(killer);
    child.stdin.destroy();
    expect(output).toContain('interrupted (SIGINT)');
    // Not killed by this test's SIGKILL: script reports the child's end by SIGINT as 128 + 2.
    expect(result).toEqual({ code: 130, signal: null });
  });
});

describe('one signal while `tat run --file` waits for a FIFO nobody writes', () => {
  it('ends the process: opening the FIFO cannot be cancelled, so the signal ends it once tat has said so', async () => {
    const fifo = join(dir, 'script-fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [TAT, 'run', '--file', fifo, '--instances', 'ins-zj0f57ew'], {
      cwd: ROOT,
      env: emulatorEnv(emulator.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    // Until one of its threads waits in open() for a writer (the kernel names the wait).
    const waitsForWriter = (): boolean => {
      try {
        return readdirSync(`/proc/${child.pid}/task`).some((task) =>
          readFileSync(`/proc/${child.pid}/task/${task}/wchan`, 'utf8').includes('wait_for_partner'),
        );
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 400 && !waitsForWriter(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill('SIGTERM');
    const result = await closed;
    clearTimeout(killer);
    expect(stderr).toContain('interrupted (SIGTERM)');
    // Ended by the SIGTERM itself, not by this test's SIGKILL.
    expect(result).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

it('a plain run is unaffected (the same home without FIFOs)', async () => {
  silent = false;
  const result = await run(process.execPath, [TAT, 'invocations', 'list', '-o', 'tsv'], emulatorEnv(emulator.url));
  expect(result.code).toBe(0);
});
