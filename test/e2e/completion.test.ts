import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionScript } from '../../src/cli/commands/completion/run.js';
import { buildProgram } from '../../src/cli/program.js';
import { completes, oneOf } from '../../src/cli/completion-values.js';
import { addListingOptions } from '../../src/cli/listing-definition.js';
import { run, TAT, tat } from '../helpers/spawn.js';

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
async function complete(line: string, shellEnv: Record<string, string> = env): Promise<string[]> {
  const script = `source "$1"
COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); COMP_CWORD=$(( COMP_CWORD + 1 )); fi
_tat
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = await run('bash', ['-c', script, 'bash', bashFile, line], shellEnv);
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
    expect(flags).toEqual(
      expect.arrayContaining(['--status', '--since', '--all-regions', '--filter', '--output', '--query', '--region']),
    );
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
    expect(await complete('tat inv output inv-q4zp60g0 --status DELIVER_')).toEqual([
      'DELIVER_DELAYED',
      'DELIVER_FAILED',
    ]);
    expect(await complete('tat tasks list --filter invocation-t')).toEqual(['invocation-task-id=']);
    expect(await complete('tat tasks list --all-r')).toEqual(['--all-regions']);
  });

  it('offers agent states, environments and DescribeCommands filters on agents and commands', async () => {
    expect(await complete('tat agents ls --status ')).toEqual(['online', 'offline']);
    expect(await complete('tat agents list --environment w')).toEqual(['windows']);
    expect(await complete('tat run uptime --command-type P')).toEqual(['POWERSHELL']);
    expect(await complete('tat invocations re')).toEqual(['rerun']);
    expect(await complete('tat commands list --filter created-by=')).toEqual(['TAT', 'USER']);
    expect(await complete('tat commands list --filter command-t')).toEqual(['command-type=']);
    expect(await complete('tat com')).toEqual(expect.arrayContaining(['commands', 'completion']));
  });

  it('skips option values when finding the command', async () => {
    expect(await complete('tat --region ap-guangzhou inv ls --limit 5 --sin')).toEqual(['--since']);
  });

  it('completes the value after a comma where a flag takes several', async () => {
    expect(await complete('tat inv ls --status FAILED,TI')).toEqual(['FAILED,TIMEOUT']);
    expect(await complete('tat inv ls --status=FAILED,TI')).toEqual(['FAILED,TIMEOUT']);
    expect(await complete('tat inv ls --status FAILED,')).toHaveLength(9);
    expect(await complete('tat tasks ls --status SUCCESS,FAILED,DELIVER_')).toEqual([
      'SUCCESS,FAILED,DELIVER_DELAYED',
      'SUCCESS,FAILED,DELIVER_FAILED',
    ]);
    expect(await complete('tat --region ap-guangzhou,ap-sh')).toEqual([
      'ap-guangzhou,ap-shanghai',
      'ap-guangzhou,ap-shanghai-fsi',
      'ap-guangzhou,ap-shenzhen-fsi',
    ]);
    expect(await complete('tat inv ls --filter instance-kind=CVM,LI')).toEqual(['CVM,LIGHTHOUSE']);
    expect(await complete('tat agents ls --status online,o')).toEqual(['online,online', 'online,offline']);
    // -o takes one format: no list after a comma.
    expect(await complete('tat inv ls -o table,t')).toEqual([]);
  });
});

describe('tat completion fish, driven by fish', () => {
  async function fish(line: string): Promise<string[]> {
    const generated = await tat(['completion', 'fish'], env);
    const file = join(dir, 'comma.fish');
    await writeFile(file, generated.stdout);
    const result = await run('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], env);
    expect(result.stderr).toBe('');
    return result.stdout
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.split('\t')[0]!);
  }

  it(`${has('fish') ? 'completes' : 'would complete (fish not installed here)'} the value after a comma`, async () => {
    if (!has('fish')) return;
    expect(await fish('tat inv ls --status FAILED,TI')).toEqual(['FAILED,TIMEOUT']);
    expect(await fish('tat inv ls --status=FAILED,TI')).toEqual(['--status=FAILED,TIMEOUT']);
    expect(await fish('tat --region ap-guangzhou,ap-sh')).toEqual([
      'ap-guangzhou,ap-shanghai',
      'ap-guangzhou,ap-shanghai-fsi',
      'ap-guangzhou,ap-shenzhen-fsi',
    ]);
    expect(await fish('tat inv ls --filter instance-kind=CVM,LI')).toEqual(['instance-kind=CVM,LIGHTHOUSE']);
  });
});

/**
 * A home whose every source of profile names holds names that are shell code: an INI section
 * and a config.json key with $(…), a tccli file name with backticks. Each would create a file in
 * `marks` if any shell ever expanded it. `tat` is on PATH as the user has it.
 */
async function hostileHome(): Promise<{ env: Record<string, string>; marks: string }> {
  const home = join(dir, 'hostile-home');
  const marks = join(dir, 'marks');
  const bin = join(dir, 'bin');
  await mkdir(join(home, '.tencentcloud'), { recursive: true });
  await mkdir(join(home, '.tccli'), { recursive: true });
  await mkdir(join(home, '.config', 'tat'), { recursive: true });
  await mkdir(marks, { recursive: true });
  await mkdir(bin, { recursive: true });
  await symlink(TAT, join(bin, 'tat')).catch(() => undefined);
  await writeFile(
    join(home, '.tencentcloud', 'credentials'),
    `[prod]\nsecret_id = a\n[$(touch ${marks}/ini)]\nsecret_id = a\n[\`touch ${marks}/ini-tick\`]\n`,
  );
  // A file name cannot hold a '/': these marks land beside the home, as <home>-tccli…
  await writeFile(join(home, '.tccli', '`touch $HOME-tccli-tick`.credential'), '{}');
  await writeFile(join(home, '.tccli', '$(touch $HOME-tccli).configure'), '{}');
  await writeFile(join(home, '.tccli', 'staging.credential'), '{}');
  await writeFile(
    join(home, '.config', 'tat', 'config.json'),
    JSON.stringify({ profiles: { [`$(touch ${marks}/json)`]: {}, 'prod-2': {} } }),
  );
  return { env: { ...env, HOME: home, PATH: `${bin}:${env.PATH}` }, marks };
}

describe('profile names read from files are data, never code', () => {
  it('bash offers the valid names only and runs nothing, whatever is typed', async () => {
    const { env: hostile, marks } = await hostileHome();
    const offered = [
      await complete('tat --profile ', hostile),
      await complete('tat inv ls --profile pr', hostile),
      await complete('tat --profile=st', hostile),
      // What was typed is data too.
      await complete('tat --profile $(touch${IFS}x)', hostile),
      await complete('tat --profile `', hostile),
    ];
    expect(await readdir(marks)).toEqual([]);
    expect([existsSync(`${hostile.HOME}-tccli`), existsSync(`${hostile.HOME}-tccli-tick`)]).toEqual([false, false]);
    expect(offered).toEqual([['prod', 'prod-2', 'staging'], ['prod', 'prod-2'], ['staging'], [], []]);
  });

  it('fish offers the valid names only and runs nothing', async () => {
    if (!has('fish')) return;
    const { env: hostile, marks } = await hostileHome();
    const generated = await tat(['completion', 'fish'], env);
    const file = join(dir, 'tat.fish');
    await writeFile(file, generated.stdout);
    const result = await run('fish', ['--no-config', '-c', `source ${file}; complete -C 'tat --profile '`], hostile);
    expect(
      result.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['prod', 'prod-2', 'staging']);
    expect(await readdir(marks)).toEqual([]);
    expect([existsSync(`${hostile.HOME}-tccli`), existsSync(`${hostile.HOME}-tccli-tick`)]).toEqual([false, false]);
  });

  it('tat __complete profiles prints valid names by prefix; --debug names what configure profiles left out', async () => {
    const { env: hostile } = await hostileHome();
    expect((await tat(['__complete', 'profiles', 'prod'], hostile)).stdout).toBe('prod\nprod-2\n');
    const listed = await tat(['configure', 'profiles', '-o', 'tsv', '--debug'], hostile);
    expect(
      listed.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['prod', 'prod-2', 'staging']);
    expect(listed.stderr).toContain('[debug] config: ignored "$(touch');
    expect(listed.stderr).toContain('not a valid profile name');
  });
});

/**
 * zsh's completion system runs only in an interactive shell: a real zsh in a tmux pane, the
 * generated script loaded through compinit, Tab typed, the screen read back.
 */
async function zshScreens(lines: string[], shellEnv: Record<string, string> = env): Promise<string[]> {
  const generated = await tat(['completion', 'zsh'], env);
  const file = join(dir, '_tat');
  await writeFile(file, generated.stdout);
  const session = `tat-zsh-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const settle = async (done: (screen: string) => boolean): Promise<string> => {
    let screen = '';
    for (let i = 0; i < 200 && !done((screen = tmux('capture-pane', '-p', '-t', session))); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    return screen;
  };
  const vars = Object.entries(shellEnv).map(([name, value]) => `${name}=${value}`);
  tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '20', 'env', '-i', ...vars, 'TERM=xterm', 'zsh', '-f');
  try {
    tmux(
      'send-keys',
      '-t',
      session,
      `PS1='%% '; autoload -Uz compinit; compinit -u; source ${file}; echo ready`,
      'Enter',
    );
    await settle((screen) => /^ready$/m.test(screen));
    const screens: string[] = [];
    for (const line of lines) {
      tmux('send-keys', '-t', session, 'clear', 'Enter');
      await settle((screen) => screen.trim() === '%');
      tmux('send-keys', '-t', session, '-l', line);
      tmux('send-keys', '-t', session, 'Tab');
      // Done once the line changed or choices appeared under it, and then nothing moved for a while.
      let last = '';
      let still = 0;
      screens.push(
        await settle((screen) => {
          still = screen === last ? still + 1 : 0;
          last = screen;
          return still >= 8 && (!screen.startsWith(`% ${line}\n`) || screen.trim().split('\n').length > 1);
        }),
      );
      tmux('send-keys', '-t', session, 'C-u');
    }
    return screens;
  } finally {
    tmux('kill-session', '-t', session);
  }
}

describe('tat completion zsh, driven by zsh in tmux', () => {
  const ready = has('zsh') && has('tmux');

  it(`${ready ? 'completes' : 'would complete (zsh or tmux not installed here)'} the value after a comma`, async () => {
    if (!ready) return;
    const [status, region, filter] = await zshScreens([
      'tat inv ls --status FAILED,TI',
      'tat --region ap-guangzhou,ap-sh',
      'tat inv ls --filter instance-kind=CVM,LI',
    ]);
    expect(status).toMatch(/^% tat inv ls --status FAILED,TIMEOUT\s*$/);
    expect(region).toMatch(
      /^% tat --region ap-guangzhou,ap-sh\s*\nap-shanghai\s+ap-shanghai-fsi\s+ap-shenzhen-fsi\s*$/,
    );
    expect(filter).toMatch(/^% tat inv ls --filter instance-kind=CVM,LIGHTHOUSE\s*$/);
  });

  it(`${ready ? 'offers' : 'would offer (zsh or tmux not installed here)'} valid profile names only and runs nothing`, async () => {
    if (!ready) return;
    const hostile = await hostileHome();
    const [profiles] = await zshScreens(['tat --profile '], hostile.env);
    expect(profiles).toMatch(/^% tat --profile\s*\nprod\s+prod-2\s+staging\s*$/);
    expect(await readdir(hostile.marks)).toEqual([]);
  });
});

describe('completion follows the command tree', () => {
  it('a command added to the tree appears in every script, with its values, without other changes', () => {
    const program = buildProgram({ deps: {} as never, run: async () => undefined } as unknown as Parameters<
      typeof buildProgram
    >[0]);
    program.command('frobnicate').alias('frob').option('--widget-count <n>', 'how many');
    // A listing defined as every listing is: its statuses and filter names come with it.
    const widgets = program.command('widgets').command('list');
    addListingOptions(widgets, {
      ids: 'widget ids',
      plural: 'widgets',
      statuses: 'only these widget states',
      statusValues: ['SHINY', 'DULL'],
      filterNames: ['widget-colour'],
    });
    completes(widgets.option('--shape <shape>', 'one shape'), '--shape', oneOf(['ROUND', 'SQUARE']));
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(program, shell);
      expect(script).toContain('frobnicate');
      expect(script).toContain('widget-count');
    }
    const posix = completionScript(program, 'bash');
    expect(posix).toContain(`'widgets list|--status') echo '@list SHINY DULL' ;;`);
    expect(posix).toContain(`'widgets list|--filter') echo '@filter widget-colour' ;;`);
    expect(posix).toContain(`'widgets list|--shape') echo 'ROUND SQUARE' ;;`);
    expect(completionScript(program, 'fish')).toContain(`-l status -x -a '(__tat_list SHINY DULL)'`);
    // A value list for a flag the command does not have fails while the tree is built.
    expect(() => completes(widgets, '--colour', oneOf(['RED']))).toThrow(
      'completes(): the command has no option --colour',
    );
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
