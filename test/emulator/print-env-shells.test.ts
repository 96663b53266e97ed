/**
 * `tat-emulator --print-env` lines sourced by real shells (sh, bash, zsh, fish) with hostile
 * values: a SecretId and a key-file path holding quotes, backslashes, `$(…)`, backticks, `;`
 * and newlines. Each shell must read back every value exactly and run nothing.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLines, shellWord } from '../../src/emulator/print-env.js';

const dir = mkdtempSync(join(tmpdir(), 'tat-print-env-shells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PWNED = join(dir, 'pwned');
/** The shells' working folder: a command smuggled in through a key-file path (its slashes made `_`) would create its file here. */
const cwd = join(dir, 'cwd');
mkdirSync(cwd);

const HOSTILE = [
  `a\\'; touch ${PWNED}; echo \\'`,
  `it's`,
  `\\`,
  `back\\slash\\`,
  `'`,
  `\\'`,
  `''\\\\''`,
  `$(touch ${PWNED})`,
  `\`touch ${PWNED}\``,
  `"; touch ${PWNED}; echo "`,
  `semi;colon & amp | pipe`,
  `sp ace\ttab`,
  `new\nline; touch ${PWNED}`,
  `=ls`,
  `~root`,
  `{a,b}`,
  `*`,
  `%self`,
  `$HOME`,
  `密钥-AKID`,
  ``,
];

/** Prints each variable between markers, so that empty values and newlines are seen exactly. */
const PRINT = ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TAT_ENDPOINT', 'TAT_EMULATOR_PID'];

function source(shell: string, script: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `lines-${shell}`);
  writeFileSync(file, script);
  const print = PRINT.map((name) => `printf '<%s>' "$${name}"`).join('; ');
  const command =
    shell === 'fish'
      ? // As docs/emulator.md says: `tat-emulator --print-env | source`.
        `cat ${file} | source; and ${print}`
      : `eval "$(cat ${file})" && ${print}`;
  const result = spawnSync(shell, ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const shells = ['sh', 'bash', 'zsh', 'fish'].filter((shell) => spawnSync(shell, ['-c', 'true']).status === 0);

describe('--print-env lines in real shells', () => {
  it('has the shells to try (fish: CI installs it)', () => {
    expect(shells).toEqual(expect.arrayContaining(['sh', 'bash', 'fish']));
  });

  it.each(shells)('%s reads back every hostile SecretId and key-file path exactly and runs nothing', (shell) => {
    for (const [i, value] of HOSTILE.entries()) {
      // A key file whose path is the hostile text (a file name holds anything but / and NUL).
      const keyDir = join(dir, `k${i}`);
      execFileSync('mkdir', ['-p', keyDir]);
      const keyPath = join(keyDir, value.replaceAll('/', '_') || 'empty');
      writeFileSync(keyPath, `key-${i}\n`);
      const lines = exportLines(
        { url: 'http://127.0.0.1:9000', secretId: value, key: { kind: 'file', path: keyPath } },
        4242,
      );
      const result = source(shell, lines);
      expect({ value, stderr: result.stderr, status: result.status }).toEqual({ value, stderr: '', status: 0 });
      expect({ value, stdout: result.stdout }).toEqual({
        value,
        stdout: `<${value}><key-${i}><http://127.0.0.1:9000><4242>`,
      });
      expect(existsSync(PWNED)).toBe(false);
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  it('quotes only what needs it, and writes quotes and backslashes outside the single quotes', () => {
    expect(shellWord('AKIDtatEmulatorDemo0000000000000000')).toBe('AKIDtatEmulatorDemo0000000000000000');
    expect(shellWord('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord("a\\'b")).toBe("'a'\\\\\\''b'");
    expect(shellWord('')).toBe("''");
    expect(shellWord('\\')).toBe('\\\\');
  });
});
