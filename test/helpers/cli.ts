import { expect } from '@jest/globals';
import { PassThrough } from 'node:stream';
import type { Deps, Fetch, OutputStream } from '../../src/deps.js';
import { main } from '../../src/main.js';
import { fakeClock } from './clock.js';

/**
 * Runs the whole program in-process with fake IO, the way a user would see it. Every run also
 * checks that no secret it was given appears on stdout or stderr.
 */

export const TEST_SECRET_ID = 'AKIDcliTest000000000000000000000001';
export const TEST_SECRET_KEY = 'cliTestSecretKey0000000000000000001';
export const TEST_TOKEN = 'cliTestSessionToken000000000000001';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  fetch?: Fetch;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** stderr is the process's own terminal, where the spinner and status lines are drawn. */
  liveStderr?: boolean;
  columns?: number;
  /** Terminal height of a TTY stderr (unset: unknown, as for a fake without it). */
  rows?: number;
  now?: number;
  homeDir?: string;
  signal?: AbortSignal;
  /** Throw from stdout writes after this many chunks, as a closed pipe would. */
  stdoutClosesAfter?: number;
  /** Collects stdout chunks here as they are written, so a test can look during the run. */
  stdoutSink?: string[];
  /** A clock shared with something else in the test (an in-process emulator). */
  clock?: ReturnType<typeof fakeClock>;
  /** What stdin holds (a pipe that ends after it); unset: an empty pipe. */
  stdin?: string;
  /** stdin is a terminal (a person answering prompts: the lines of `stdin`). */
  stdinTTY?: boolean;
  /** stdout is a pipe (its reader may print to the same terminal): `tat ... | cat`. */
  stdoutPipe?: boolean;
  /** Both streams also write here, in order, as at one terminal (a `Screen` of helpers/frames.ts). */
  screen?: { write(text: string): unknown };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutChunks: string[];
  /** stdout exactly as written, for binary output. */
  stdoutBytes: Buffer;
  sleeps: number[];
}

export function fakeOutput(
  isTTY: boolean,
  columns: number,
  chunks: string[],
  closesAfter = Infinity,
  bytes?: Buffer[],
  screen?: RunOptions['screen'],
): OutputStream {
  return {
    isTTY,
    columns: isTTY ? columns : 0,
    async write(chunk) {
      if (chunks.length >= closesAfter) {
        const { OutputClosed } = await import('../../src/errors.js');
        throw new OutputClosed();
      }
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      screen?.write(chunks.at(-1)!);
      bytes?.push(Buffer.from(chunk));
    },
  };
}

function stdinOf(text: string | undefined): PassThrough {
  const stream = new PassThrough();
  if (text !== undefined) stream.end(text);
  return stream;
}

export const BASE_ENV = {
  TENCENTCLOUD_SECRET_ID: TEST_SECRET_ID,
  TENCENTCLOUD_SECRET_KEY: TEST_SECRET_KEY,
  TENCENTCLOUD_REGION: 'ap-guangzhou',
};

export async function runCli(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const out: string[] = options.stdoutSink ?? [];
  const err: string[] = [];
  const bytes: Buffer[] = [];
  const clock = options.clock ?? fakeClock(options.now);
  const deps: Deps = {
    io: {
      stdout: {
        ...fakeOutput(
          options.stdoutTTY ?? false,
          options.columns ?? 120,
          out,
          options.stdoutClosesAfter,
          bytes,
          options.screen,
        ),
        pipe: options.stdoutPipe,
      },
      stderr: {
        ...fakeOutput(
          options.stderrTTY || options.liveStderr === true,
          options.columns ?? 120,
          err,
          Infinity,
          undefined,
          options.screen,
        ),
        rows: options.stderrTTY ? options.rows : 0,
        // The process's own terminal: where the spinner and status lines may be redrawn.
        ...(options.liveStderr ? { raw: new PassThrough() } : {}),
      },
      stdin: { isTTY: options.stdinTTY === true, raw: stdinOf(options.stdin) },
    },
    env: {
      ...(options.env ?? BASE_ENV),
      HOME: options.homeDir ?? '/nonexistent-home',
      XDG_CONFIG_HOME: `${options.homeDir ?? '/nonexistent-home'}/.config`,
    },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    fetch:
      options.fetch ??
      (async () => {
        throw new Error('this test expected no request');
      }),
    homeDir: options.homeDir ?? '/nonexistent-home',
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await main(argv, deps);
  const result = {
    code,
    stdout: out.join(''),
    stderr: err.join(''),
    stdoutChunks: out,
    stdoutBytes: Buffer.concat(bytes),
    sleeps: clock.sleeps,
  };
  for (const secret of [TEST_SECRET_KEY, TEST_TOKEN]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
  return result;
}
