import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionScript } from '../../src/cli/commands/completion/run.js';
import { buildProgram } from '../../src/cli/program.js';
import { run, tat } from '../helpers/spawn.js';

/**
 * The completion scripts as a shell uses them: the bash one is sourced by a real bash and
 * driven through COMP_LINE/COMP_WORDS/COMP_CWORD and compgen; zsh and fish parse theirs (-n)
 * where those shells are installed (.ci/run installs them).
 */

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent-home' };
let dir: string;
let bashFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tat-completion-'));
  const generated = await tat(['completion', 'bash'], env);
  expect(generated.code).toBe(0);
  bashFile = join(dir, 'tat.bash');
  await writeFile(bashFile, generated.stdout);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What bash offers for `line` (the cursor at its end). */
async function complete(line: string): Promise<string[]> {
  const script = `source "$1"
COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); COMP_CWORD=$(( COMP_CWORD + 1 )); fi
_tat
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = await run('bash', ['-c', script, 'bash', bashFile, line], env);
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean);
}

const has = (shell: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('tat completion bash, driven by bash', () => {
  it('completes commands and aliases, then subcommands', async () => {
    expect(await complete('tat ')).toEqual(expect.arrayContaining(['invocations', 'inv', 'configure', 'completion']));
    expect(await complete('tat inv ')).toEqual(expect.arrayContaining(['list', 'ls', 'get', 'wait']));
    expect(await complete('tat configure pro')).toEqual(['profiles']);
  });

  it('completes flags of the command and the global ones', async () => {
    const flags = await complete('tat invocations list --');
    expect(flags).toEqual(expect.arrayContaining(['--status', '--since', '--all-regions', '--filter', '--output', '--query', '--region']));
    expect(await complete('tat inv get --st')).toEqual([]);
  });

  it('completes -o formats, statuses, region names, filter names and filter values', async () => {
    expect(await complete('tat inv ls -o ')).toEqual(['table', 'tsv', 'json', 'ndjson', 'content']);
    expect(await complete('tat --output=nd')).toEqual(['ndjson']);
    expect(await complete('tat inv ls --status PARTIAL')).toEqual(['PARTIAL_FAILED', 'PARTIAL_CANCELLED']);
    expect(await complete('tat inv ls --region ap-guang')).toEqual(['ap-guangzhou']);
    expect(await complete('tat inv ls --filter inst')).toEqual(['instance-kind=', 'instance-id=']);
    expect(await complete('tat inv ls --filter instance-kind=')).toEqual(['CVM', 'LIGHTHOUSE', 'REGISTERINST']);
    expect(await complete('tat completion ')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('offers task statuses and task filters wherever the rows are tasks', async () => {
    expect(await complete('tat tasks ls --status TASK')).toEqual(['TASK_TIMEOUT']);
    expect(await complete('tat inv output inv-q4zp60g0 --status DELIVER_')).toEqual(['DELIVER_DELAYED', 'DELIVER_FAILED']);
    expect(await complete('tat tasks list --filter invocation-t')).toEqual(['invocation-task-id=']);
    expect(await complete('tat tasks list --all-r')).toEqual(['--all-regions']);
  });

  it('skips option values when finding the command', async () => {
    expect(await complete('tat --region ap-guangzhou inv ls --limit 5 --sin')).toEqual(['--since']);
  });
});

describe('completion follows the command tree', () => {
  it('a command added to the tree appears in every script without other changes', () => {
    const program = buildProgram({ deps: {} as never, run: async () => undefined } as unknown as Parameters<typeof buildProgram>[0]);
    program.command('frobnicate').alias('frob').option('--widget-count <n>', 'how many');
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(program, shell);
      expect(script).toContain('frobnicate');
      expect(script).toContain('widget-count');
    }
  });
});

describe.each([
  ['zsh', ['-n']],
  ['fish', ['-n']],
] as const)('tat completion %s', (shell, flags) => {
  it(`${has(shell) ? 'passes' : 'would pass (not installed here)'} ${shell} -n`, async () => {
    const generated = await tat(['completion', shell], env);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('tat');
    if (!has(shell)) return;
    const file = join(dir, `tat.${shell}`);
    await writeFile(file, generated.stdout);
    const checked = await run(shell, [...flags, file], env);
    expect({ code: checked.code, stderr: checked.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
