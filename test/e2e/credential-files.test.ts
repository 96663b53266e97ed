import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { tat } from '../helpers/spawn.js';

/**
 * A user of Tencent's own tools runs tat with no setup: HOME holds only the SDK's INI file, or
 * only tccli's files, and no credential variable is set.
 */

let emulator: RunningEmulator;
let home: string;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const bareEnv = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
});

describe('credentials from files only', () => {
  it('~/.tencentcloud/credentials', async () => {
    home = await mkdtemp(join(tmpdir(), 'tat-home-'));
    await mkdir(join(home, '.tencentcloud'));
    await writeFile(
      join(home, '.tencentcloud', 'credentials'),
      `[default]\nsecret_id = ${DEMO_SECRET_ID}\nsecret_key = ${DEMO_SECRET_KEY}\n`,
    );
    const result = await tat(
      ['invocations', 'list', '--limit', '3', '--region', 'ap-guangzhou', '--endpoint', emulator.url, '--debug'],
      bareEnv(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(result.stderr).toContain('credentials: ~/.tencentcloud/credentials [default]');
    expect(result.stderr).not.toContain(DEMO_SECRET_KEY);
  });

  it('~/.tccli/default.credential with region and endpoint from default.configure', async () => {
    home = await mkdtemp(join(tmpdir(), 'tat-home-'));
    await mkdir(join(home, '.tccli'));
    await writeFile(
      join(home, '.tccli', 'default.credential'),
      JSON.stringify({ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }),
    );
    await writeFile(
      join(home, '.tccli', 'default.configure'),
      JSON.stringify({
        _sys_param: { region: 'ap-guangzhou', output: 'json' },
        tat: { endpoint: emulator.url, version: '2020-10-28' },
      }),
    );
    const result = await tat(['invocations', 'get', 'inv-q4zp60g0', '-o', 'json'], bareEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { InvocationStatus: string }).InvocationStatus).toBe('SUCCESS');
  });

  it('nothing anywhere: exit 4 saying how to provide credentials', async () => {
    home = await mkdtemp(join(tmpdir(), 'tat-home-'));
    const result = await tat(
      ['invocations', 'list', '--region', 'ap-guangzhou', '--endpoint', emulator.url],
      bareEnv(),
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('tat configure');
    expect(result.stdout).toBe('');
  });
});
