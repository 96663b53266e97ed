/**
 * The emulator facing abusive clients, as a real process: uploads cut off mid-body, a signed
 * 10 MB body nested millions deep, and secrets that must not have to be in argv (`ps`).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../../src/emulator/params.js';
import { DEMO_SECRET_ID } from '../../src/emulator/index.js';
import { ROOT } from '../helpers/spawn.js';
import { Client } from './helpers.js';

interface Emulator {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const running: Emulator[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) if (emulator.child.exitCode === null) await emulator.stop();
});

/** Starts bin/tat-emulator.js on a free port; resolves once it prints where it listens. */
function startProcess(args: string[], env: Record<string, string> = {}): Promise<Emulator> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/tat-emulator.js'), '--port', '0', '--rate-limit', '0', '--invocations', '5', ...args],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      const emulator: Emulator = {
        url: match[1]!,
        child,
        stderr: () => err,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      };
      running.push(emulator);
      resolve(emulator);
    });
    exited.then((code) => reject(new Error(`emulator exited ${code}: ${err}`)), reject);
  });
}

/** Opens a connection, announces a 1 MB body, sends part of it, and hangs up. */
function abortedUpload(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"Limit": 1, "pad": "`,
      );
      socket.write('x'.repeat(50_000), () => setTimeout(() => (socket.destroy(), resolve()), 20));
    });
    socket.on('error', reject);
  });
}

describe('tat-emulator under abuse (a real process)', () => {
  it('uploads cut off mid-body are dropped quietly: no stack trace, no log line each, still serving', async () => {
    const emulator = await startProcess([]);
    for (let i = 0; i < 5; i++) await abortedUpload(emulator.url);
    const client = new Client({ url: emulator.url } as never);
    expect((await client.call({ Limit: 1 })).TotalCount).toBeGreaterThan(0);
    expect(await emulator.stop()).toBe(0);
    expect(emulator.stderr()).not.toMatch(/\n\s+at /);
    expect(emulator.stderr()).not.toMatch(/aborted|ECONNRESET|request failed/);
    expect(emulator.stderr()).toBe('tat-emulator: stopped (SIGTERM)\n');
  });

  it('a signed 10 MB body nested 5 million deep is refused before JSON.parse, and others are served', async () => {
    const emulator = await startProcess([]);
    const client = new Client({ url: emulator.url } as never);
    const depth = 5 * 1024 * 1024 - 10;
    const body = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`; // just under the 10 MiB cap
    const [deep, normal] = await Promise.all([client.raw(undefined, { rawBody: body }), client.call({ Limit: 1 })]);
    const error = (JSON.parse(deep.text) as { Response: { Error: { Code: string; Message: string } } }).Response.Error;
    expect(error).toEqual({
      Code: 'InvalidParameter',
      Message: `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`,
    });
    expect(normal.TotalCount).toBeGreaterThan(0);
  });

  it('counts nesting outside strings only', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}\\"[["}`, 1)).toBe(false);
  });

  it('takes the SecretKey and tokens from a file or the environment, never needing argv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tat-emu-'));
    try {
      writeFileSync(join(dir, 'key'), 'fileSecretKey000000000000000000001\n', { mode: 0o600 });
      writeFileSync(join(dir, 'tokens'), 'fileToken1\nfileToken2\n', { mode: 0o600 });
      const fromFile = await startProcess(['--secret-key-file', join(dir, 'key'), '--token-file', join(dir, 'tokens')]);
      const client = new Client({ url: fromFile.url } as never);
      expect(
        (await client.call({ Limit: 1 }, { secretKey: 'fileSecretKey000000000000000000001', token: 'fileToken2' }))
          .TotalCount,
      ).toBeGreaterThan(0);
      const refused = await client.raw(
        { Limit: 1 },
        { secretKey: 'fileSecretKey000000000000000000001', token: 'other' },
      );
      expect(refused.text).toContain('AuthFailure.TokenFailure');
      expect(fromFile.child.spawnargs.join(' ')).not.toContain('fileSecretKey');

      const fromEnv = await startProcess([], {
        TAT_EMULATOR_SECRET_KEY: 'envSecretKey0000000000000000000001',
        TAT_EMULATOR_TOKEN: 'envToken1',
      });
      const envClient = new Client({ url: fromEnv.url } as never);
      expect(
        (await envClient.call({ Limit: 1 }, { secretKey: 'envSecretKey0000000000000000000001', token: 'envToken1' }))
          .TotalCount,
      ).toBeGreaterThan(0);
      expect((await envClient.raw({ Limit: 1 }, { secretId: DEMO_SECRET_ID })).text).toContain(
        'AuthFailure.SignatureFailure',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
