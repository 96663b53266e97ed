import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv, ROOT, run, TAT } from '../helpers/spawn.js';

/**
 * Every ```console block in README.md and docs/*.md is run against the emulator: each `$ `
 * line in bash, in one temp folder per block, and its stdout must equal the lines under it.
 * Documentation examples cannot go stale without this test failing.
 */

interface Example {
  command: string;
  expected: string;
}

function consoleBlocks(markdown: string): Example[][] {
  const blocks: Example[][] = [];
  for (const match of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const examples: Example[] = [];
    for (const line of match[1]!.split('\n').slice(0, -1)) {
      if (line.startsWith('$ ')) examples.push({ command: line.slice(2), expected: '' });
      else if (examples.length) examples[examples.length - 1]!.expected += `${line}\n`;
    }
    blocks.push(examples);
  }
  return blocks;
}

let emulator: RunningEmulator;
let shimDir: string;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 0 });
  shimDir = await mkdtemp(join(tmpdir(), 'tat-docs-'));
  await mkdir(join(shimDir, 'bin'));
  await writeFile(join(shimDir, 'bin', 'tat'), `#!/bin/sh\nexec "${process.execPath}" "${TAT}" "$@"\n`);
  await chmod(join(shimDir, 'bin', 'tat'), 0o755);
});
afterAll(async () => {
  await emulator.close();
  await rm(shimDir, { recursive: true, force: true });
});

const files = [
  'README.md',
  ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
];
const documented = await Promise.all(
  files.map(async (file) => ({ file, blocks: consoleBlocks(await readFile(join(ROOT, file), 'utf8')) })),
);

describe.each(documented.filter((d) => d.blocks.length))('examples in $file', ({ blocks }) => {
  it.each(blocks.map((block, index) => ({ block, index })))('block $index', async ({ block }) => {
    const cwd = await mkdtemp(join(shimDir, 'run-'));
    const env = emulatorEnv(emulator.url, {
      PATH: `${join(shimDir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      TZ: 'UTC',
    });
    for (const { command, expected } of block) {
      const result = await run('bash', ['-c', `cd "${cwd}" && set -o pipefail && ${command}`], env);
      expect({ command, stdout: result.stdout, code: result.code }).toEqual({ command, stdout: expected, code: 0 });
    }
  });
});
