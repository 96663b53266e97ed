import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { renderHelp, type HelpTemplates } from '../../src/cli/help-render.js';
import { helpTemplates } from '../../src/cli/help-snapshot.js';
import { buildProgram } from '../../src/cli/program.js';
import { ROOT, run, tat } from '../helpers/spawn.js';

/**
 * bin/tat.js answers `--version` and every help path from what the build recorded
 * (dist/fast-path.json, dist/help.json) without loading commander: what it prints must be exactly
 * what the program itself prints, for every command, piped or at a terminal of any width.
 */

const fastPath = JSON.parse(readFileSync(`${ROOT}dist/fast-path.json`, 'utf8')) as { version: string };
const shipped = JSON.parse(readFileSync(`${ROOT}dist/help.json`, 'utf8')) as HelpTemplates;

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** The normal path, spawned the same way (stdout a pipe): main() with commander. */
function viaProgram(args: string[]) {
  const script = `import { main, processDeps } from './dist/entry.js'; process.exitCode = await main(${JSON.stringify(args)}, processDeps(new AbortController().signal, ${JSON.stringify(`${ROOT}docs/`)}));`;
  return run(process.execPath, ['--input-type=module', '-e', script], ENV);
}

/** What a pseudo-terminal `columns` wide shows for `command` (util-linux script). */
function atTerminal(columns: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `stty cols ${columns} rows 40; ${command}`, '/dev/null'], {
      cwd: ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

/** A fresh tree, every command of it with its path. */
function commands(): { program: CommandUnknownOpts; byPath: Map<string, CommandUnknownOpts>; printed: string[] } {
  const printed: string[] = [];
  const program = buildProgram({
    deps: { docsDir: `${ROOT}docs/` } as never,
    run: () => Promise.resolve(),
    print: (_stream, text) => void printed.push(text),
  });
  const byPath = new Map<string, CommandUnknownOpts>();
  const visit = (command: CommandUnknownOpts, path: string): void => {
    byPath.set(path, command);
    for (const child of command.commands) visit(child, path === '' ? child.name() : `${path} ${child.name()}`);
  };
  visit(program, '');
  return { program, byPath, printed };
}

describe('the --version and help fast path', () => {
  it.each([
    [['--version']],
    [['-v']],
    [['--help']],
    [['-h']],
    [[]],
    [['help']],
    [['help', 'invocations', 'list']],
    [['inv', 'ls', '--help']],
    [['configure', 'set', '-h']],
    [['agents', '--help']],
    [['completion', '--help']],
  ])('tat %j prints what the program prints', async (args) => {
    const program = await viaProgram(args);
    expect(program.code).toBe(0);
    expect(program.stdout.length).toBeGreaterThan(0);
    const spawned = await tat(args, ENV);
    expect(spawned).toEqual({ code: 0, stdout: program.stdout, stderr: '' });
    if (args[0] === '--version' || args[0] === '-v') expect(fastPath.version).toBe(program.stdout);
  });

  it('ships the help of the tree as it is (dist/help.json is what the tree records now)', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(helpTemplates(commands().program, `${ROOT}docs/`))));
    expect(Object.keys(shipped.help)).toEqual(
      expect.arrayContaining(['', 'invocations list', 'configure set', 'completion']),
    );
  });

  it("lays out every command's help as commander does, at every width (none, 0, narrow, wide)", () => {
    const { byPath, printed } = commands();
    const templates = helpTemplates(byPath.get('')!, `${ROOT}docs/`);
    let compared = 0;
    for (const [path, command] of byPath)
      for (const width of [undefined, 0, 20, 39, 40, 41, 46, 60, 80, 97, 100, 133, 200, 1000]) {
        printed.length = 0;
        // commander's own default gives undefined when stdout is not a terminal; its type says number.
        command.configureOutput({ getOutHelpWidth: (() => width) as () => number });
        command.outputHelp();
        expect({ path, width, text: renderHelp(templates.help[path]!, width ?? 80) }).toEqual({
          path,
          width,
          text: printed.join(''),
        });
        compared++;
      }
    expect(compared).toBeGreaterThan(14 * 20);
  });

  it('at a real terminal, wrapped to its width as the program wraps it', async () => {
    for (const columns of [0, 50, 100]) {
      const fast = await atTerminal(columns, `${process.execPath} bin/tat.js invocations list --help`);
      const program = await atTerminal(
        columns,
        `${process.execPath} --input-type=module -e "import { main, processDeps } from './dist/entry.js'; process.exitCode = await main(['invocations', 'list', '--help'], processDeps(new AbortController().signal, '${ROOT}docs/'));"`,
      );
      expect(fast).toContain('Usage: tat invocations list');
      expect(fast).toBe(program);
    }
  });

  it('is not taken for anything else, which the program answers', async () => {
    const withArgument = await tat(['invocations', 'get', 'inv-q4zp60g0', '--help'], ENV);
    expect(withArgument.code).toBe(0);
    expect(withArgument.stdout).toBe((await viaProgram(['invocations', 'get', 'inv-q4zp60g0', '--help'])).stdout);
    const unknown = await tat(['frobnicate', '--help'], ENV);
    expect(unknown).toEqual(await viaProgram(['frobnicate', '--help']));
  });

  it("a closed pipe ends it quietly with 0; a full disk is the program's error, exit 1", async () => {
    const head = await run(
      'bash',
      ['-c', `${process.execPath} bin/tat.js invocations list --help | head -1; echo "exit \${PIPESTATUS[0]}"`],
      ENV,
    );
    expect(head).toEqual({ code: 0, stdout: 'Usage: tat invocations list|ls [options]\nexit 0\n', stderr: '' });
    const full = await run('sh', ['-c', `${process.execPath} bin/tat.js invocations list --help > /dev/full`], ENV);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^error: cannot write to stdout: ENOSPC/);
  });
});

describe('the help\'s "Docs" line', () => {
  it('names the docs folder of the copy that runs, wherever it is installed', async () => {
    const copy = `${mkdtempSync(`${tmpdir()}/tat-installed-`)}/`;
    try {
      for (const dir of ['bin', 'dist', 'docs']) cpSync(`${ROOT}${dir}`, `${copy}${dir}`, { recursive: true });
      cpSync(`${ROOT}package.json`, `${copy}package.json`);
      // Both take the fast path now (help.json); the program's own text is compared above.
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
      const missing = await run(
        process.execPath,
        [`${copy}bin/tat.js`, 'invocations', 'list', '--region', 'ap-guangzhou'],
        home,
      );
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
