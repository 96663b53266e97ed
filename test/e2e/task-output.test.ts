import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, run, tat, TAT } from '../helpers/spawn.js';

/**
 * `tat invocations output` against the emulator's own outputs with escape sequences and raw
 * bytes: made visible on a real pseudo-terminal (`script`), passed through byte-exact in a pipe.
 */

let emulator: RunningEmulator;
let env: Record<string, string>;
let withEscapes: { InvocationId: string; InstanceId: string; bytes: Buffer };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
  env = emulatorEnv(emulator.url);
  // -o content prints every task's decoded output after a `==> invt-... <==` header.
  const listed = await tat(['tasks', 'list', '--all', '-o', 'content'], env);
  expect(listed.code).toBe(0);
  const parts = listed.stdout.split(/^==> (invt-[0-9a-z]+) <==\n/m);
  const index = parts.findIndex((part, i) => i % 2 === 0 && i > 0 && part.includes('\u001b[32m'));
  const taskId = parts[index - 1]!;
  const got = await tat(['tasks', 'get', taskId, '-o', 'json'], env);
  const found = JSON.parse(got.stdout) as { InvocationId: string; InstanceId: string; TaskResult: { Output: string } };
  withEscapes = {
    InvocationId: found.InvocationId,
    InstanceId: found.InstanceId,
    bytes: Buffer.from(found.TaskResult.Output, 'base64'),
  };
  expect(withEscapes).toBeDefined();
}, 120_000);

afterAll(async () => {
  await emulator.close();
});

describe('invocations output on the emulator', () => {
  it('shows escape sequences made visible on a pseudo-terminal', async () => {
    const result = await run(
      'script',
      [
        '-qec',
        `stty cols 120 2>/dev/null; node ${TAT} invocations output ${withEscapes.InvocationId} --instance ${withEscapes.InstanceId}`,
        '/dev/null',
      ],
      { ...env, TERM: 'xterm-256color', NO_COLOR: '1' },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\\x1b[32m');
    expect(result.stdout).not.toContain('\u001b[32m✔');
    expect(result.stdout).not.toContain('\u001b]0;tat');
  });

  it('passes the same bytes through a pipe unchanged', async () => {
    const result = await run(
      'bash',
      [
        '-c',
        `node ${TAT} invocations output ${withEscapes.InvocationId} --instance ${withEscapes.InstanceId} | od -An -tx1 -v`,
      ],
      env,
    );
    expect(result.code).toBe(0);
    const hex = result.stdout.replace(/\s+/g, '');
    expect(hex).toBe(withEscapes.bytes.toString('hex'));
  });
});
