import { setMaxListeners } from 'node:events';
import { fstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { OutputClosed, OutputFailedError, type StreamName } from './errors.js';
import { nodeFetch, type Fetch } from './http.js';
import { proxyAwareFetch } from './proxy.js';

/**
 * Every seam between the program and the outside world. `main()` only ever sees a `Deps`; the
 * one function that builds the real ones is `processDeps()` below (used by bin/tat.js), so tests
 * pass fakes without mocking modules.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface OutputStream {
  /** Resolves once the chunk has been handed on, so large outputs respect back-pressure. */
  write(chunk: string | Uint8Array): Promise<void>;
  readonly isTTY: boolean;
  /** Terminal width, always a usable one (see trustedColumns); 0 when not a terminal. */
  readonly columns: number;
  /** Terminal height; 0 when not a terminal or unknown (never trust it: 0 rows happen). */
  readonly rows?: number;
  /**
   * A pipe or socket (not a terminal, not a file): its reader may print to the very terminal
   * stderr shows, so nothing may be redrawn there in place. Undefined for fakes: not a pipe.
   */
  readonly pipe?: boolean;
  /**
   * The process's own stream, for prompts; its presence also says that lines may be redrawn on it
   * (the spinner). Undefined for fakes and for streams another display owns.
   */
  readonly raw?: NodeJS.WritableStream;
}

export interface InputStream {
  readonly isTTY: boolean;
  /** The raw stream, for prompts and `--secret-key-stdin`. */
  readonly raw: NodeJS.ReadableStream;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
}

/** The HTTP seam's types live with its real implementation (src/http.ts). */
export type { Fetch, FetchInit, FetchResponse } from './http.js';

export interface Deps {
  io: Io;
  env: Env;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1): retry jitter. */
  random(): number;
  fetch: Fetch;
  homeDir: string;
  /** The effective user id (undefined where there are none, e.g. Windows): tat writes secrets only into what this user owns. */
  uid?: number;
  /**
   * The run's secrets (set by main()): whoever obtains a key or token adds it, and stderr never
   * shows it. Undefined outside main() (unit tests of one module).
   */
  secrets?: { add(...values: readonly (string | undefined)[]): void };
  /** Aborted when the user interrupts (SIGINT, SIGTERM, SIGHUP...: errors.ts STOP_SIGNALS); `reason` is the signal name. */
  signal: AbortSignal;
  /** The package's docs/ folder (ends with a slash), for help's "Docs" line: it exists after an install. */
  docsDir?: string;
}

/** Where one of the docs is: in the installed copy's docs/ folder when known, else the repository's. */
export function docPath(docsDir: string | undefined, file: string): string {
  return `${docsDir ?? 'docs/'}${file}`;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Width assumed when a terminal reports none (0 under `script`, `docker exec -t` before resize). */
export const DEFAULT_COLUMNS = 80;

/**
 * A terminal width we can lay out in: never trust the reported one to be positive or sane
 * (a 0×0 pseudo-terminal once made a spinner divide by zero and loop forever).
 */
export function trustedColumns(reported: number | undefined): number {
  if (reported === undefined || !Number.isFinite(reported) || reported <= 0) return DEFAULT_COLUMNS;
  return Math.min(Math.max(Math.floor(reported), 20), 1000);
}

/**
 * Wraps a Node stream. A closed pipe (EPIPE: `tat ... | head -1`) is not an error for a CLI:
 * the write rejects with OutputClosed, which stops the work and ends the run with 0. Any
 * other failure (`> /dev/full`: ENOSPC) rejects with OutputFailedError, exit 1. Both name the stream.
 */
export function nodeOutput(stream: NodeJS.WriteStream, name: StreamName): OutputStream {
  let failure: OutputClosed | OutputFailedError | undefined;
  const fail = (error: NodeJS.ErrnoException): OutputClosed | OutputFailedError => {
    failure ??=
      error.code === 'EPIPE' ? new OutputClosed(name) : new OutputFailedError(name, error.code, error.message);
    return failure;
  };
  // Without a listener an EPIPE would be thrown as an uncaught exception.
  stream.on('error', fail);
  let pipe: boolean | undefined;
  return {
    get pipe() {
      pipe ??= isPipe(name === 'stdout' ? 1 : 2);
      return pipe;
    },
    isTTY: Boolean(stream.isTTY),
    get columns() {
      return stream.isTTY ? trustedColumns(stream.columns) : 0;
    },
    get rows() {
      return stream.isTTY ? stream.rows || 0 : 0;
    },
    raw: stream,
    write(chunk) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        stream.write(chunk, (error) => (error ? reject(fail(error)) : resolve()));
      });
    },
  };
}

function isPipe(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Listeners the interrupt signal may have before Node warns: ample for every region at once. */
export const MAX_INTERRUPT_LISTENERS = 1000;

/** The real world. The only place under src/ that touches `process`, the clock or the home folder. */
export function processDeps(signal: AbortSignal, docsDir?: string): Deps {
  // Every region of --all-regions listens for the interrupt at once (its requests, its pacer, its
  // sleeps): past Node's default of 10 listeners a MaxListenersExceededWarning would reach stderr.
  setMaxListeners(MAX_INTERRUPT_LISTENERS, signal);
  return {
    docsDir,
    io: {
      stdout: nodeOutput(process.stdout, 'stdout'),
      stderr: nodeOutput(process.stderr, 'stderr'),
      stdin: { isTTY: Boolean(process.stdin.isTTY), raw: process.stdin },
    },
    env: process.env,
    now: () => Date.now(),
    sleep,
    random: Math.random,
    fetch: proxyAwareFetch(process.env, nodeFetch()),
    homeDir: homedir(),
    uid: process.geteuid?.(),
    signal,
  };
}
