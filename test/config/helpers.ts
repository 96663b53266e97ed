import { afterAll, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Deps, Env, Fetch, OutputStream } from '../../src/deps.js';
import { main } from '../../src/main.js';
import { configPaths, type ConfigPaths } from '../../src/config/paths.js';

/**
 * Fakes for the configuration tests: each harness gets its own temp home (never the real one),
 * captured stdout/stderr, and a fetch that fails on any call nobody scripted. Everything written
 * by any harness is kept, so `itPrintsNoSecrets()` can prove no secret value was ever printed.
 */

/** Every secret value the tests use, by source. Ids count too: tat only ever shows them masked. */
export const SECRETS = {
  env: {
    id: 'AKIDenv0000000000000000000001111',
    key: 'envSecretKey000000000000000002222',
    token: 'envSessionToken00000000000003333',
  },
  tat: {
    id: 'AKIDtat0000000000000000000004444',
    key: 'tatSecretKey000000000000000005555',
    token: 'tatToken0000000000000000000006666',
  },
  sdk: {
    id: 'AKIDsdk0000000000000000000007777',
    key: 'sdkSecretKey000000000000000008888',
    token: 'sdkToken0000000000000000000009999',
  },
  etc: {
    id: 'AKIDetc000000000000000000000aaaa',
    key: 'etcSecretKey00000000000000000bbbb',
    token: 'etcToken000000000000000000000cccc',
  },
  tccli: {
    id: 'AKIDtccli0000000000000000000dddd',
    key: 'tccliSecretKey000000000000000eeee',
    token: 'tccliToken0000000000000000000ffff',
  },
  cvm: {
    id: 'AKIDcvm000000000000000000000gggg',
    key: 'cvmSecretKey00000000000000000hhhh',
    token: 'cvmToken000000000000000000000iiii',
  },
  cvm2: {
    id: 'AKIDcvm200000000000000000000jjjj',
    key: 'cvm2SecretKey0000000000000000kkkk',
    token: 'cvm2Token00000000000000000000llll',
  },
  typed: {
    id: 'AKIDtyped00000000000000000000mmmm',
    key: 'typedSecretKey00000000000000nnnn',
    token: 'typedToken000000000000000000oooo',
  },
} as const;

const everything: string[] = [];
const homes: string[] = [];

afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** Declares the last test of a file: nothing any harness captured contains a secret value. */
export function itPrintsNoSecrets(): void {
  it('never printed a secret value on stdout or stderr', () => {
    const text = everything.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const set of Object.values(SECRETS))
      for (const secret of Object.values(set)) expect(text).not.toContain(secret);
  });
}

/** Adds text (an error's message and hint) to what the secret scan checks. */
export function record(text: string): void {
  everything.push(text);
}

/** Awaits a rejection, records its message and hint for the scan, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<Error & { exitCode?: number; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { exitCode?: number; hint?: string };
    record(`${e.message}\n${e.hint ?? ''}\n`);
    return e;
  }
  throw new Error('expected a rejection');
}

export interface Captured extends OutputStream {
  text(): string;
}

function capture(isTTY: boolean): Captured {
  let text = '';
  return {
    isTTY,
    columns: isTTY ? 100 : 0,
    write(chunk) {
      const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      text += s;
      everything.push(s);
      return Promise.resolve();
    },
    text: () => text,
  };
}

export interface HarnessOptions {
  env?: Env;
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  fetch?: Fetch;
  now?: () => number;
  /** Reuse another harness's home (several runs against the same files). */
  home?: string;
}

export interface Harness {
  deps: Deps;
  home: string;
  paths: ConfigPaths;
  stdin: PassThrough;
  stdout: Captured;
  stderr: Captured;
  /** Runs `tat ...argv` through main(); returns the exit code. */
  run(...argv: string[]): Promise<number>;
  /** Writes a file under the temp home (`rel` like `.tccli/default.credential`). */
  write(rel: string, content: string): string;
  abort: AbortController;
}

export const unexpectedFetch: Fetch = (input) => Promise.reject(new Error(`unexpected fetch ${String(input)}`));

export function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'tat-config-test-'));
  homes.push(home);
  return home;
}

export function harness(options: HarnessOptions = {}): Harness {
  const home = options.home ?? newHome();
  const stdin = new PassThrough();
  const stdout = capture(options.stdoutTTY ?? false);
  const stderr = capture(options.stderrTTY ?? false);
  const abort = new AbortController();
  const deps: Deps = {
    io: { stdout, stderr, stdin: { isTTY: options.stdinTTY ?? false, raw: stdin } },
    env: { HOME: home, ...options.env },
    now: options.now ?? (() => Date.UTC(2026, 10, 28, 12, 0, 0)),
    sleep: () => Promise.resolve(),
    random: () => 0.5,
    fetch: options.fetch ?? unexpectedFetch,
    homeDir: home,
    signal: abort.signal,
  };
  return {
    deps,
    home,
    paths: configPaths(deps),
    stdin,
    stdout,
    stderr,
    abort,
    run: (...argv) => main(argv, deps),
    write(rel, content) {
      const path = join(home, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Writes the tat config file directly (as if saved earlier). */
export function writeTatConfig(h: Harness, profiles: Record<string, Record<string, string>>): void {
  h.write('.config/tat/config.json', JSON.stringify({ profiles }, null, 2));
}

export function sdkIni(section: string, set: { id: string; key: string; token?: string }): string {
  return `[${section}]\nsecret_id = ${set.id}\nsecret_key = ${set.key}\n${set.token ? `token = ${set.token}\n` : ''}`;
}

export function tccliCredential(set: { id: string; key: string; token?: string }): string {
  return JSON.stringify({ secretId: set.id, secretKey: set.key, ...(set.token ? { token: set.token } : {}) });
}

export const ENV_CREDENTIALS: Env = {
  TENCENTCLOUD_SECRET_ID: SECRETS.env.id,
  TENCENTCLOUD_SECRET_KEY: SECRETS.env.key,
};
