/**
 * Credential and settings files that are not the source a run uses must not break it. With the
 * keys in the environment, a folder at ~/.tencentcloud/credentials, a malformed
 * ~/.tccli/default.configure, or an SDK file this user may not read are --debug notes, exit 0;
 * the same file is still an error when it is the source being consulted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, run, TAT, tatForAnyUser } from '../helpers/spawn.js';

let emulator: RunningEmulator;
const homes: string[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0, invocations: 3 });
});
afterAll(async () => {
  await emulator.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tat-unrelated-'));
  chmodSync(dir, 0o755);
  homes.push(dir);
  return dir;
}

const isRoot = process.geteuid?.() === 0;

/** `tat invocations list` as this user, or (as root) as `nobody`, so permissions bite. */
function list(
  homeDir: string,
  extra: string[] = [],
  env: Record<string, string> = emulatorEnv(emulator.url),
  asNobody = false,
) {
  const args = ['invocations', 'list', '--limit', '1', '-o', 'tsv', ...extra];
  const argv = asNobody
    ? [
        '--input-type=module',
        '-e',
        `process.setgid(65534); process.setuid(65534); await import('${tatForAnyUser()}')`,
        tatForAnyUser(),
        ...args,
      ]
    : [TAT, ...args];
  return run(process.execPath, argv, { ...env, HOME: homeDir });
}

describe('unrelated unreadable or malformed configuration files', () => {
  it('a folder at ~/.tencentcloud/credentials: a --debug note, exit 0', async () => {
    const h = home();
    mkdirSync(join(h, '.tencentcloud', 'credentials'), { recursive: true });
    const plain = await list(h);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toMatch(/^inv-/);
    const debug = await list(h, ['--debug']);
    expect(debug.code).toBe(0);
    expect(debug.stderr).toContain('[debug] config: skipped ~/.tencentcloud/credentials: cannot read it (EISDIR)');
  });

  it('a malformed ~/.tccli/default.configure: a --debug note, exit 0', async () => {
    const h = home();
    mkdirSync(join(h, '.tccli'));
    writeFileSync(join(h, '.tccli', 'default.configure'), '{"_sys_param": {"region": ');
    expect(await list(h)).toMatchObject({ code: 0, stderr: '' });
    const debug = await list(h, ['--debug']);
    expect(debug.stderr).toContain(
      '[debug] config: skipped ~/.tccli/default.configure: the tccli file ~/.tccli/default.configure is not a JSON object (Unexpected end of JSON input)',
    );
  });

  it('an SDK credentials file this user may not read: exit 0', async () => {
    const h = home();
    mkdirSync(join(h, '.tencentcloud'), { mode: 0o755 });
    const file = join(h, '.tencentcloud', 'credentials');
    writeFileSync(file, '[default]\nsecret_id = AKIDother\nsecret_key = otherKey\n', { mode: 0o600 });
    if (isRoot) chownSync(file, 0, 0);
    else chmodSync(file, 0o000);
    const result = await list(h, ['--debug'], emulatorEnv(emulator.url), isRoot);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[debug] config: skipped ~/.tencentcloud/credentials: cannot read it (EACCES)');
  });

  it('the same folder is still an error when it is the source consulted (no keys in the environment)', async () => {
    const h = home();
    mkdirSync(join(h, '.tencentcloud', 'credentials'), { recursive: true });
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TENCENTCLOUD_REGION: 'ap-guangzhou',
      TAT_ENDPOINT: emulator.url,
    };
    const result = await list(h, [], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot read ~\/\.tencentcloud\/credentials \(EISDIR\)\n/);
  });
});
