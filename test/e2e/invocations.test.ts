import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stripVTControlCharacters } from 'node:util';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, run, tat, TAT } from '../helpers/spawn.js';

/** The built binary against the bundled emulator: what a user gets after `npm ci`. */

let emulator: RunningEmulator;
let strict: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
  strict = await startEmulator({ port: 0, rateLimit: 0, strictFilters: true });
  env = emulatorEnv(emulator.url);
});
afterAll(async () => {
  await emulator.close();
  await strict.close();
});

type Inv = {
  InvocationId: string;
  InvocationStatus: string;
  InvocationTaskBasicInfoSet: Array<{ InstanceId: string }>;
  CommandId: string;
};
const parse = (text: string) => JSON.parse(text) as Inv[];

describe('tat invocations list (e2e)', () => {
  it('lists 20 newest as tsv when piped', async () => {
    const result = await tat(['invocations', 'list'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.every((line) => /^inv-[0-9a-z]+\t[A-Z_]+\t/.test(line))).toBe(true);
  });

  it('pages past 100 and --all returns every invocation exactly once', async () => {
    const limited = parse((await tat(['invocations', 'list', '--limit', '150', '-o', 'json'], env)).stdout);
    expect(limited).toHaveLength(150);
    const all = await tat(['invocations', 'list', '--all', '-o', 'ndjson'], env);
    const ids = all.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as Inv).InvocationId);
    expect(ids.length).toBe(252); // 250 generated + the 2 seed examples
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 150)).toEqual(limited.map((i) => i.InvocationId));
    expect(ids).toContain('inv-q4zp60g0');
  });

  it('filters by instance-id, and gets the same answer from a server that refuses that filter', async () => {
    const direct = await tat(
      ['invocations', 'list', '--filter', 'instance-id=ins-zj0f57ew', '--all', '-o', 'json'],
      env,
    );
    expect(direct.code).toBe(0);
    const found = parse(direct.stdout);
    expect(found.map((i) => i.InvocationId)).toContain('inv-q4zp60g0');
    expect(found.every((i) => i.InvocationTaskBasicInfoSet.some((t) => t.InstanceId === 'ins-zj0f57ew'))).toBe(true);

    const fallback = await tat(
      ['invocations', 'list', '--filter', 'instance-id=ins-zj0f57ew', '--all', '-o', 'json'],
      emulatorEnv(strict.url),
    );
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toBe(direct.stdout);
  });

  it('keeps other filters in the strict-server fallback', async () => {
    const pick = parse((await tat(['invocations', 'list', '--limit', '60', '-o', 'json'], env)).stdout).find(
      (i) => i.InvocationTaskBasicInfoSet.length > 0,
    )!;
    const instance = pick.InvocationTaskBasicInfoSet[0]!.InstanceId;
    const args = [
      'invocations',
      'list',
      '--filter',
      `instance-id=${instance}`,
      '--filter',
      `command-id=${pick.CommandId}`,
      '--all',
      '-o',
      'json',
    ];
    const direct = await tat(args, env);
    const fallback = await tat(args, emulatorEnv(strict.url));
    expect(parse(direct.stdout).length).toBeGreaterThan(0);
    expect(parse(direct.stdout).every((i) => i.CommandId === pick.CommandId)).toBe(true);
    expect(fallback.stdout).toBe(direct.stdout);
  });

  it('lists by --id in the order given', async () => {
    const result = await tat(['invocations', 'list', '--id', 'inv-hc91n6ga8c,inv-q4zp60g0', '-o', 'json'], env);
    expect(parse(result.stdout).map((i) => i.InvocationId)).toEqual(['inv-hc91n6ga8c', 'inv-q4zp60g0']);
  });

  it('names the closest filter when the server refuses one', async () => {
    const result = await tat(
      ['invocations', 'list', '--filter', 'instance-kind=CVM', '--filter', 'comand-id=cmd-9dxzty3m'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/InvalidParameterValue\.InvalidFilter.*RequestId [0-9a-f-]{36}/);
    expect(result.stderr).toContain('Did you mean --filter command-id=');
    expect(result.stdout).toBe('');
  });

  it('ends quietly when the reader goes away (| head -1)', async () => {
    const result = await run(
      'bash',
      ['-c', `node ${TAT} invocations list --all | head -1; echo "status=\${PIPESTATUS[0]}" >&2`],
      env,
    );
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toBe('status=0\n');
  });
});

describe('tat invocations get (e2e)', () => {
  it('prints one invocation as JSON, jq-ready', async () => {
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], env);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(record.InvocationStatus).toBe('SUCCESS');
    expect(record.DefaultParameters).toBe('{"k1":"v1"}');
    expect(record.StartTime).toBe('2020-11-09T07:21:59+00:00');
  });

  it('prints several, then exits 3 naming the missing one', async () => {
    const result = await tat(
      ['invocations', 'get', 'inv-q4zp60g0', 'inv-doesnotexist', 'inv-hc91n6ga8c', '-o', 'tsv'],
      env,
    );
    expect(result.code).toBe(3);
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(['inv-q4zp60g0', 'inv-hc91n6ga8c']);
    expect(result.stderr).toContain('inv-doesnotexist');
  });

  it('writes the raw script with -o content', async () => {
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'content'], env);
    expect(result.stdout).toBe('pwd');
  });

  it('refuses wrong credentials with exit 4, the code and the RequestId', async () => {
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0'], {
      ...env,
      TENCENTCLOUD_SECRET_KEY: 'wrong-key-0000000000000000000000',
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/AuthFailure\.SignatureFailure.*RequestId/);
    expect(result.stderr).not.toContain('wrong-key-0000000000000000000000');
  });
});

describe('on a terminal (script gives a pseudo-terminal)', () => {
  it('shows a coloured table that fits the width', async () => {
    const command = `stty cols 100 2>/dev/null; node ${TAT} invocations list --limit 5`;
    const result = await run('script', ['-qec', command, '/dev/null'], { ...env, TERM: 'xterm-256color' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\u001b['); // colour
    const screen = stripVTControlCharacters(result.stdout);
    expect(screen).toMatch(/ID\s+STATUS\s+COMMAND/);
    const lines = screen.split(/\r?\n/).filter((line) => line.startsWith('inv-'));
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(screen).toContain('Showing 5 of 252 invocations');
  });
});
