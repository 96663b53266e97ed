import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { removeTatForAnyUser, ROOT, run, tatForAnyUser } from '../helpers/spawn.js';

/**
 * The world-readable copy of bin/ and dist/ that tests running as `nobody` use lives in the
 * temporary folder: it is removed after the test file that made it, and only that file's copy.
 */
describe('tatForAnyUser()', () => {
  it('makes a runnable copy every user can enter, and removes only its own', async () => {
    const other = mkdtempSync(join(tmpdir(), 'tat-any-user-')); // another worker's copy
    try {
      const copy = tatForAnyUser();
      const folder = dirname(dirname(copy));
      expect(statSync(folder).mode & 0o777).toBe(0o755);
      expect(
        (await run(process.execPath, [copy, '--version'], { PATH: process.env.PATH ?? '/usr/bin:/bin' })).code,
      ).toBe(0);
      removeTatForAnyUser();
      expect(existsSync(folder)).toBe(false);
      expect(existsSync(other)).toBe(true);
      const again = tatForAnyUser();
      expect(again).not.toBe(copy);
      expect(existsSync(again)).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves nothing behind once a test file that made a copy has run', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'tat-any-user-record-'));
    try {
      const record = join(scratch, 'copy');
      const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
      const args = [
        '--experimental-vm-modules',
        '--disable-warning=ExperimentalWarning',
        jest,
        '--rootDir',
        ROOT,
        '--testMatch',
        '**/test/helpers/fixtures/any-user-copy.check.ts',
        '--ci',
        '--silent',
      ];
      const result = await run(process.execPath, args, { ...process.env, TAT_ANY_USER_RECORD: record } as Record<
        string,
        string
      >);
      expect(result.stderr).toContain('Tests: 1 passed, 0 failed');
      const copy = readFileSync(record, 'utf8');
      expect(copy).toMatch(/tat-any-user-.*tat\.js$/);
      expect(existsSync(dirname(dirname(copy)))).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
