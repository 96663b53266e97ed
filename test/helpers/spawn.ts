import { afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../../src/emulator/index.js';

/** Runs the built binary (bin/tat.js → dist/) as a user would, against an emulator URL. */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TAT = `${ROOT}bin/tat.js`;

let sharedCopy: string | undefined;
/**
 * bin/tat.js in a copy that every user can read. Tests that switch to `nobody` need it: the
 * checkout may sit in a folder only root may enter (a CI clone under a 0700 mktemp folder).
 * One copy per test file (each has its own module registry, hence its own mkdtemp folder), made
 * on first use and removed after the file's tests: concurrent workers never share one.
 */
export function tatForAnyUser(): string {
  if (sharedCopy === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'tat-any-user-'));
    for (const part of ['bin', 'dist', 'docs', 'package.json'])
      cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    chmodSync(dir, 0o755);
    sharedCopy = join(dir, 'bin', 'tat.js');
  }
  return sharedCopy;
}

/** Removes this test file's copy, if one was made; the next `tatForAnyUser()` makes a new one. */
export function removeTatForAnyUser(): void {
  if (sharedCopy === undefined) return;
  rmSync(dirname(dirname(sharedCopy)), { recursive: true, force: true });
  sharedCopy = undefined;
}

// Registered when a test file imports this helper: nothing is left in the temporary folder per run.
afterAll(removeTatForAnyUser);

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function emulatorEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent-home',
    TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY,
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TAT_ENDPOINT: url,
    ...extra,
  };
}

export function run(command: string, args: string[], env: Record<string, string>, input?: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    // No input: stdin is /dev/null. Input: a pipe whose EPIPE (the child exited without reading) is not an error.
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

export function tat(args: string[], env: Record<string, string>): Promise<Spawned> {
  return run(process.execPath, [TAT, ...args], env);
}
