import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ROOT, run, tat } from '../helpers/spawn.js';

/**
 * bin/tat.js answers `--version` and piped `--help` from dist/fast-path.json without loading
 * commander. That text must be exactly what the program itself prints.
 */

const fastPath = JSON.parse(readFileSync(`${ROOT}dist/fast-path.json`, 'utf8')) as { version: string; help: string };

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** The normal path, spawned the same way (stdout a pipe): main() with commander. */
function viaProgram(arg: string) {
  const script = `import { main, processDeps } from './dist/entry.js'; process.exitCode = await main([${JSON.stringify(arg)}], processDeps(new AbortController().signal));`;
  return run(process.execPath, ['--input-type=module', '-e', script], ENV);
}

describe('the --version / --help fast path', () => {
  it.each([
    ['--version', 'version'],
    ['-v', 'version'],
    ['--help', 'help'],
    ['-h', 'help'],
  ] as const)('tat %s prints what the program prints', async (arg, answer) => {
    const program = await viaProgram(arg);
    expect(program.code).toBe(0);
    expect(fastPath[answer]).toBe(program.stdout);
    const spawned = await tat([arg], ENV);
    expect(spawned).toEqual({ code: 0, stdout: program.stdout, stderr: '' });
  });

  it('is not taken with anything else on the command line', async () => {
    const spawned = await tat(['invocations', '--help'], ENV);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).not.toBe(fastPath.help);
  });
});
