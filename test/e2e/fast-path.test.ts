import { describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT, run, tat } from '../helpers/spawn.js';

/**
 * bin/tat.js answers `--version` and piped `--help` from dist/fast-path.json without loading
 * commander. That text must be exactly what the program itself prints.
 */

const fastPath = JSON.parse(readFileSync(`${ROOT}dist/fast-path.json`, 'utf8')) as { version: string; help: string };

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** The normal path, spawned the same way (stdout a pipe): main() with commander. */
function viaProgram(arg: string) {
  const script = `import { main, processDeps } from './dist/entry.js'; process.exitCode = await main([${JSON.stringify(arg)}], processDeps(new AbortController().signal, ${JSON.stringify(`${ROOT}docs/`)}));`;
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

describe('the help\'s "Docs" line', () => {
  it('names the docs folder of the copy that runs, wherever it is installed', async () => {
    const copy = `${mkdtempSync(`${tmpdir()}/tat-installed-`)}/`;
    try {
      for (const dir of ['bin', 'dist', 'docs']) cpSync(`${ROOT}${dir}`, `${copy}${dir}`, { recursive: true });
      cpSync(`${ROOT}package.json`, `${copy}package.json`);
      // '--help' into a pipe takes the fast path; no arguments at all goes through commander.
      for (const args of [['--help'], []]) {
        const spawned = await run(process.execPath, [`${copy}bin/tat.js`, ...args], ENV);
        expect(spawned.code).toBe(0);
        const line = /^Docs \(Markdown\) in (\S+): (.+)$/m.exec(spawned.stdout);
        expect(line?.[1]).toBe(`${copy}docs/`);
        for (const name of (line?.[2] ?? '').split(', ')) expect(existsSync(`${copy}docs/${name}`)).toBe(true);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('and so do configure\'s help and the "no credentials" hint: "docs/configuration.md" alone pointed nowhere after an install', async () => {
    const copy = `${mkdtempSync(`${tmpdir()}/tat-installed-`)}/`;
    try {
      for (const dir of ['bin', 'dist', 'docs']) cpSync(`${ROOT}${dir}`, `${copy}${dir}`, { recursive: true });
      cpSync(`${ROOT}package.json`, `${copy}package.json`);
      const home = { ...ENV, HOME: `${copy}home`, XDG_CONFIG_HOME: `${copy}home/.config` };
      const help = await run(process.execPath, [`${copy}bin/tat.js`, 'configure', '--help'], home);
      const missing = await run(process.execPath, [`${copy}bin/tat.js`, 'invocations', 'list', '--region', 'ap-guangzhou'], home);
      expect(help.code).toBe(0);
      expect(missing.code).toBe(4);
      for (const text of [help.stdout, missing.stderr]) {
        const see = /See (\S+)\.$/m.exec(text)?.[1];
        expect(see).toBe(`${copy}docs/configuration.md`);
        expect(existsSync(see ?? '')).toBe(true);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
