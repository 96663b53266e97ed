import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { runEnv } from '../helpers/run-emulator.js';

/** `tat run`'s input side: what it sends, in how many calls, what it refuses and what it never shows. */

const OFFLINE = ['ins-nksoswz5', 'ins-wu2ma63e'];

describe('tat run --no-wait', () => {
  it('starts the script on the instances with one RunCommand and prints the invocation id', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew,ins-zj0f57ex', '--no-wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^inv-[0-9a-z]+\n$/);
    const run = env.sent.filter((s) => s.action === 'RunCommand');
    expect(run).toHaveLength(1);
    expect(run[0]!.params).toEqual({
      Content: Buffer.from('uptime').toString('base64'),
      InstanceIds: ['ins-zj0f57ew', 'ins-zj0f57ex'],
      CommandType: 'SHELL',
    });
    // The emulator knows it at once.
    const shown = await env.tat(['invocations', 'get', result.stdout.trim(), '-o', 'json']);
    expect(
      (
        JSON.parse(shown.stdout) as { InvocationTaskBasicInfoSet: Array<{ InstanceId: string }> }
      ).InvocationTaskBasicInfoSet.map((t) => t.InstanceId).sort(),
    ).toEqual(['ins-zj0f57ew', 'ins-zj0f57ex']);
  });

  it('splits 450 instances into calls of 200, 200 and 50, after asking their agents 100 at a time', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(450);
    expect(targets).toHaveLength(450);
    env.sent.length = 0;
    const dir = await mkdtemp(join(tmpdir(), 'tat-run-'));
    await writeFile(join(dir, 'hosts.txt'), `# web fleet\n${targets.join('\n')}\n\n${targets[0]}\n`);
    const result = await env.tat([
      'run',
      'uptime',
      '--instances-from',
      join(dir, 'hosts.txt'),
      '--no-wait',
      '-o',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(env.count('DescribeAutomationAgentStatus')).toBe(5);
    const calls = env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds as string[]);
    expect(calls.map((ids) => ids.length)).toEqual([200, 200, 50]);
    expect(calls.flat()).toEqual(targets);
    const started = JSON.parse(result.stdout) as Array<{ InvocationId: string; CommandId: string }>;
    expect(started).toHaveLength(3);
    expect(started.every((s) => /^inv-/.test(s.InvocationId) && /^cmd-/.test(s.CommandId))).toBe(true);
  });

  it('with --save, saves the command once and invokes it for the later calls', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(250);
    env.sent.length = 0;
    const result = await env.tat([
      'run',
      'echo {{v}}',
      '--param',
      'v=2',
      '--save',
      '--name',
      'echo-v',
      '--instances',
      targets.join(','),
      '--no-wait',
      '-o',
      'ndjson',
    ]);
    expect(result.stderr).toBe('');
    expect(
      env.sent.filter((s) => s.action === 'RunCommand' || s.action === 'InvokeCommand').map((s) => s.action),
    ).toEqual(['RunCommand', 'InvokeCommand']);
    const [first, second] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { CommandId: string });
    expect(second!.CommandId).toBe(first!.CommandId);
  });
});

describe('agents first', () => {
  it('refuses naming each offline instance, and runs nothing', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', ['ins-zj0f57ew', ...OFFLINE].join(','), '--no-wait']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    for (const id of OFFLINE) expect(result.stderr).toMatch(new RegExp(`${id}: Offline`));
    expect(result.stderr).toContain('--skip-offline');
    expect(env.count('RunCommand')).toBe(0);
  });

  it('with --skip-offline runs on the online ones and names the skipped ones', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      'uptime',
      '--instances',
      ['ins-zj0f57ew', ...OFFLINE, 'ins-nothere0'].join(','),
      '--skip-offline',
      '--no-wait',
    ]);
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params.InstanceIds).toEqual(['ins-zj0f57ew']);
    expect(result.stderr).toContain('Skipped 3 instances');
    expect(result.stderr).toContain('ins-nothere0: no TAT agent');
  });

  it('refuses a SHELL script on a Windows agent', async () => {
    const env = await runEnv();
    const agents = await env.tat(['agents', 'list', '--status', 'online', '--environment', 'windows', '--all']);
    const windows = agents.stdout.split('\n')[0]!.split('\t')[0]!;
    const result = await env.tat(['run', 'uptime', '--instances', windows, '--no-wait']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${windows}: Windows agent for a SHELL command`);
    expect(env.count('RunCommand')).toBe(0);
    // The agent is online: the advice is the type it runs, not the offline agents.
    expect(result.stderr).toContain('--command-type POWERSHELL');
    expect(result.stderr).not.toContain('--status offline');
    // Beside a Linux instance: --skip-offline runs on that one, or the Windows one gets PowerShell.
    const mixed = await env.tat(['run', 'uptime', '--instances', `${windows},ins-zj0f57ew`, '--no-wait']);
    expect(mixed.stderr).toContain('Add --skip-offline to run on the other one');
    expect(mixed.stderr).toContain('`--command-type POWERSHELL`');
    expect(mixed.stderr).not.toContain('--status offline');
  });
});

describe('--dry-run', () => {
  it('prints every write (hidden values as ******) and sends nothing at all', async () => {
    const targets = Array.from({ length: 250 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
    const result = await runCli([
      'run',
      'echo {{tat-hidden:token}} {{v}}',
      '--param',
      'token=s3cr3t-t0ken',
      '--param',
      'v=1',
      '--instances',
      targets.join(','),
      '--dry-run',
      '--debug',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { Action: string; Batch: number; Request: { InstanceIds: string[]; Parameters: string } },
      );
    expect(lines.map((l) => [l.Action, l.Batch, l.Request.InstanceIds.length])).toEqual([
      ['RunCommand', 1, 200],
      ['RunCommand', 1, 50],
    ]);
    expect(lines[0]!.Request.Parameters).toBe('{"token":"******","v":"1"}');
    expect(result.stdout + result.stderr).not.toContain('s3cr3t-t0ken');
  });

  it('plans the batches', async () => {
    const targets = Array.from({ length: 30 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
    const result = await runCli([
      'run',
      'uptime',
      '--instances',
      targets.join(','),
      '--batch-size',
      '25%',
      '--dry-run',
    ]);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { Batch: number; Request: { InstanceIds: string[] } });
    expect(lines.map((l) => [l.Batch, l.Request.InstanceIds.length])).toEqual([
      [1, 8],
      [2, 8],
      [3, 8],
      [4, 6],
    ]);
  });
});

describe('hidden parameters', () => {
  it('never reach the --debug trace, though the request carries them', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      'echo {{tat-hidden:token}}',
      '--param',
      'token=s3cr3t-t0ken',
      '--instances',
      'ins-zj0f57ew',
      '--no-wait',
      '--debug',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Parameters');
    expect(result.stderr).not.toContain('s3cr3t-t0ken');
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params.Parameters).toBe('{"token":"s3cr3t-t0ken"}');
    // Nor the invocation TAT recorded.
    const shown = await env.tat(['invocations', 'get', result.stdout.trim(), '-o', 'json']);
    expect(shown.stdout).not.toContain('s3cr3t-t0ken');
  });
});

describe('refused before any request (exit 2)', () => {
  const big = 'x'.repeat(49_153);
  it.each(
    (
      [
        [
          ['run', big, '--instances', 'ins-zj0f57ew'],
          'is 49,153 bytes (65,540 once base64-encoded); RunCommand takes at most 65,536 bytes of base64',
        ],
        [
          ['run', 'uptime', '--file', 'x.sh', '--instances', 'ins-zj0f57ew'],
          'a script argument and --file cannot be used together',
        ],
        [['run', '--instances', 'ins-zj0f57ew'], 'no script to run'],
        [['run', '  \n', '--instances', 'ins-zj0f57ew'], 'is empty'],
        [['run', 'uptime'], 'no instances to run on'],
        [['run', 'uptime', '--instances', 'inv-q4zp60g0'], "--instances: 'inv-q4zp60g0' is not an instance id"],
        [
          ['run', 'echo {{a}} {{b}}', '--param', 'a=1', '--instances', 'ins-zj0f57ew'],
          'the script uses {{b}} but no --param gives it',
        ],
        [
          ['run', 'echo {{a}}', '--param', 'a=1', '--param', 'c=2', '--instances', 'ins-zj0f57ew'],
          '--param c: the script has no {{c}}',
        ],
        [['run', 'echo', '--param', 'a b=1', '--instances', 'ins-zj0f57ew'], "--param 'a b' is not a parameter name"],
        [
          ['run', 'uptime', '--command-timeout', '1500ms', '--instances', 'ins-zj0f57ew'],
          'not a whole number of seconds from 1s to 24h',
        ],
        [['run', 'uptime', '--command-timeout', '25h', '--instances', 'ins-zj0f57ew'], 'longer than 24h'],
        [
          ['run', 'uptime', '--command-type', 'bash', '--instances', 'ins-zj0f57ew'],
          "--command-type 'bash' is not one of SHELL, POWERSHELL, BAT",
        ],
        [['run', 'uptime', '--name', 'a b', '--instances', 'ins-zj0f57ew'], "--name 'a b' has characters"],
        [['run', 'uptime', '--name', '部署'.repeat(11), '--instances', 'ins-zj0f57ew'], '--name is 66 bytes'],
        [
          ['run', 'uptime', '--description', 'd'.repeat(121), '--instances', 'ins-zj0f57ew'],
          '--description has 121 characters',
        ],
        [
          ['run', 'uptime', '--output-cos-bucket-url', 'http://b.cos', '--instances', 'ins-zj0f57ew'],
          'is not an https URL',
        ],
        [
          ['run', 'uptime', '--output-cos-key-prefix', '/a', '--instances', 'ins-zj0f57ew'],
          '--output-cos-key-prefix starts with /',
        ],
        [
          ['run', 'uptime', '--batch-size', '0', '--instances', 'ins-zj0f57ew'],
          "--batch-size '0' is not a whole number of at least 1",
        ],
        [['run', 'uptime', '--batch-size', '150%', '--instances', 'ins-zj0f57ew'], 'not a percentage from 1% to 100%'],
        [['run', 'uptime', '--max-failures', 'x', '--instances', 'ins-zj0f57ew'], "--max-failures 'x'"],
        [
          ['run', 'uptime', '--batch-size', '2', '--no-wait', '--instances', 'ins-zj0f57ew'],
          '--no-wait cannot be used with --batch-size',
        ],
        [
          ['run', '--command-id', 'cmd-9dxzty3m', '--save', '--instances', 'ins-zj0f57ew'],
          '--save does not apply to --command-id',
        ],
        [['run', '--file', '-', '--instances-from', '-'], 'both read stdin'],
      ] as Array<[string[], string]>
    ).map(([argv, message]) => [message, argv] as const),
  )('refuses: %s', async (message, argv) => {
    const result = await runCli(argv);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  it.each(['25h', 'x', '0.5s'])(
    '--command-timeout %s: the hint names the range it takes (1s to 24h), never 500ms or 1ms',
    async (value) => {
      const result = await runCli(['run', 'uptime', '--command-timeout', value, '--instances', 'ins-zj0f57ew']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Give whole seconds from 1s to 24h, e.g. --command-timeout 90s');
      expect(result.stderr).not.toContain('500ms');
      expect(result.stderr).not.toContain('1ms');
    },
  );

  it('names the line of --instances-from that is not an instance id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tat-run-'));
    await writeFile(join(dir, 'hosts'), 'ins-zj0f57ew\n# comment\n\nweb-1\n');
    const result = await runCli(['run', 'uptime', '--instances-from', join(dir, 'hosts')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--instances-from ${join(dir, 'hosts')}:4: 'web-1' is not an instance id`);
  });
});

describe('a write whose reply is lost', () => {
  it('is sent once, exits 7 (outcome unknown) and names the listing that finds out, though the command ran', async () => {
    const env = await runEnv({ dropWriteReplies: 1 });
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew,ins-zj0f57ex', '--no-wait']);
    expect(result.code).toBe(7);
    expect(env.count('RunCommand')).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('RunCommand may or may not have taken effect');
    expect(result.stderr).toContain('tat did not send RunCommand again');
    const listing = /`(tat invocations list --since \d+m --filter instance-id=ins-zj0f57ew,ins-zj0f57ex)`/.exec(
      result.stderr,
    );
    expect(listing).not.toBeNull();
    // The listing it names does find the invocation that ran.
    const found = await env.tat([...listing![1]!.split(' ').slice(1), '-o', 'json']);
    expect((JSON.parse(found.stdout) as unknown[]).length).toBeGreaterThanOrEqual(1);
  });

  it('in a later call stops there, naming what the earlier calls started', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(250);
    env.sent.length = 0;
    // The first write answers; the second's reply is lost.
    let writes = 0;
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '--no-wait'], {
      fetch: async (url, init) => {
        if (init.headers?.['X-TC-Action'] === 'RunCommand' && ++writes === 2) env.emulator.dropWriteReplies(1);
        const { nodeFetch } = await import('../../src/http.js');
        return nodeFetch()(url, init);
      },
    });
    expect(writes).toBe(2);
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/Already started before it: inv-[0-9a-z]+ \(200 instances\)/);
    expect(result.stderr).toContain('may or may not be running on 50 instances');
  });
});

describe('a signal while a write is in flight', () => {
  it('exits 130 and says the command may be running, with the listing that finds out', async () => {
    const env = await runEnv();
    const interrupt = new AbortController();
    const { nodeFetch } = await import('../../src/http.js');
    const result = await env.tat(['run', 'echo slow3', '--instances', 'ins-zj0f57ew', '--no-wait'], {
      signal: interrupt.signal,
      fetch: async (url, init) => {
        const answer = await nodeFetch()(url, init);
        if (init.headers?.['X-TC-Action'] !== 'RunCommand') return answer;
        // The server ran it; the user pressed Ctrl+C before the reply came back.
        interrupt.abort('SIGINT');
        throw interrupt.signal.reason;
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('interrupted (SIGINT) while RunCommand was in flight');
    expect(result.stderr).toContain('The command may or may not be running on ins-zj0f57ew');
    const listing = /`(tat invocations list --since \d+m --filter instance-id=ins-zj0f57ew)`/.exec(result.stderr);
    expect(listing).not.toBeNull();
    const found = await env.tat([...listing![1]!.split(' ').slice(1), '-o', 'json']);
    expect((JSON.parse(found.stdout) as unknown[]).length).toBe(1);
  });
});

describe('--file -, --command-id', () => {
  it('reads the script from stdin with --file -', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', '--file', '-', '--instances', 'ins-zj0f57ew', '--no-wait'], {
      stdin: 'echo from stdin\n',
    });
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params.Content).toBe(
      Buffer.from('echo from stdin\n').toString('base64'),
    );
  });

  it('refuses a script on stdin past the limit, naming the limit, having read no more than that', async () => {
    const result = await runCli(['run', '--file', '-', '--instances', 'ins-zj0f57ew'], { stdin: 'x'.repeat(200_000) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the script (stdin) is more than 49,152 bytes');
  });

  it('runs a saved command with InvokeCommand and its parameters', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      '--command-id',
      'cmd-29iyhc5q',
      '--param',
      'service=nginx',
      '--instances',
      'ins-zj0f57ew',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'InvokeCommand')!.params).toEqual({
      CommandId: 'cmd-29iyhc5q',
      InstanceIds: ['ins-zj0f57ew'],
      Parameters: '{"service":"nginx"}',
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ InstanceId: 'ins-zj0f57ew', TaskStatus: 'SUCCESS' });
  });

  it.each([
    [['--command-id', 'cmd-29iyhc5q', '--param', 'servce=x'], 2, '--param servce: cmd-29iyhc5q has no {{servce}}'],
    [['--command-id', 'cmd-14p1q6zn', '--param', 'x=1'], 2, 'cmd-14p1q6zn takes no parameters'],
    [['--command-id', 'cmd-nothere0'], 3, 'command not found in region ap-guangzhou: cmd-nothere0'],
    [['--command-id', 'cmd-6ec4l5dn'], 1, 'ins-zj0f57ew: Linux agent for a POWERSHELL command'],
  ])('%j exits %i before any write', async (args, code, message) => {
    const env = await runEnv();
    const result = await env.tat(['run', ...args, '--instances', 'ins-zj0f57ew']);
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(code);
    expect(env.count('InvokeCommand') + env.count('RunCommand')).toBe(0);
  });
});

describe('confirmation at a terminal', () => {
  const eleven = Array.from({ length: 11 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);

  it('asks before running on more than 10 instances, and runs nothing unless the answer is yes', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(11);
    env.sent.length = 0;
    const result = await env.tat(
      ['run', 'systemctl restart nginx\necho done', '--instances', targets.join(','), '--no-wait'],
      { stdinTTY: true, stderrTTY: true, stdin: 'n\n' },
    );
    expect(result.stderr).toContain("Run 'systemctl restart nginx' (2 lines) on 11 instances in ap-guangzhou? [y/N] ");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not confirmed: nothing was run');
    expect(env.count('RunCommand')).toBe(0);
    const yes = await env.tat(['run', 'uptime', '--instances', targets.join(','), '--no-wait'], {
      stdinTTY: true,
      stderrTTY: true,
      stdin: 'y\n',
    });
    expect(yes.code).toBe(0);
    expect(env.count('RunCommand')).toBe(1);
  });

  it('Ctrl+D at the question says nothing was run (not configure\'s "nothing was saved")', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(11);
    env.sent.length = 0;
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '--no-wait'], {
      stdinTTY: true,
      stderrTTY: true,
      stdin: '',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the input ended before the question was answered; nothing was run');
    expect(result.stderr).not.toContain('nothing was saved');
    expect(env.count('RunCommand')).toBe(0);
  });

  it('says the batches, and --yes skips the question', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(4);
    const asked = await env.tat(
      ['run', 'uptime', '--instances', targets.join(','), '--batch-size', '2', '--max-failures', '1'],
      { stdinTTY: true, stderrTTY: true, stdin: 'no\n' },
    );
    expect(asked.stderr).toContain(
      "Run 'uptime' on 4 instances in ap-guangzhou, in 2 batches of 2, stopping once more than 1 fail? [y/N] ",
    );
    const skipped = await env.tat(
      ['run', 'uptime', '--instances', targets.join(','), '--batch-size', '2', '--yes', '-o', 'ndjson'],
      { stdinTTY: true, stderrTTY: true },
    );
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).not.toContain('[y/N]');
  });

  it('never asks without a terminal', async () => {
    const result = await runCli(['run', 'uptime', '--instances', eleven.join(','), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('[y/N]');
  });
});

describe('every RunCommand field', () => {
  it('goes out as the flags say, and the invocation TAT records has it', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      'pwd',
      '--instances',
      'ins-zj0f57ew',
      '--no-wait',
      '--command-timeout',
      '90s',
      '--username',
      'ubuntu',
      '--working-dir',
      '/srv/app',
      '--command-type',
      'shell',
      '--name',
      'show-dir',
      '--description',
      'where it runs',
      '--output-cos-bucket-url',
      'https://logs-1250000000.cos.ap-guangzhou.myqcloud.com',
      '--output-cos-key-prefix',
      'runs/2026',
    ]);
    expect(result.stderr).toBe('');
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params).toEqual({
      Content: Buffer.from('pwd').toString('base64'),
      InstanceIds: ['ins-zj0f57ew'],
      CommandType: 'SHELL',
      CommandName: 'show-dir',
      Description: 'where it runs',
      Timeout: 90,
      Username: 'ubuntu',
      WorkingDirectory: '/srv/app',
      OutputCOSBucketUrl: 'https://logs-1250000000.cos.ap-guangzhou.myqcloud.com',
      OutputCOSKeyPrefix: 'runs/2026',
    });
    const shown = JSON.parse(
      (await env.tat(['invocations', 'get', result.stdout.trim(), '-o', 'json'])).stdout,
    ) as Record<string, unknown>;
    expect(shown).toMatchObject({
      CommandName: 'show-dir',
      Timeout: 90,
      Username: 'ubuntu',
      WorkingDirectory: '/srv/app',
      OutputCOSKeyPrefix: 'runs/2026',
    });
  });

  it('runs PowerShell on a Windows agent', async () => {
    const env = await runEnv();
    const agents = await env.tat(['agents', 'list', '--status', 'online', '--environment', 'windows', '--all']);
    const windows = agents.stdout.split('\n')[0]!.split('\t')[0]!;
    const result = await env.tat([
      'run',
      'Write-Output hello',
      '--command-type',
      'POWERSHELL',
      '--instances',
      windows,
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      InstanceId: windows,
      TaskStatus: 'SUCCESS',
      Output: 'hello\r\n',
    });
  });
});

describe('hidden values in errors', () => {
  it('are not shown when the server echoes them back in an error', async () => {
    const { fakeApi } = await import('../helpers/fake-api.js');
    const api = fakeApi()
      .expect(
        'DescribeAutomationAgentStatus',
        { InstanceIds: ['ins-zj0f57ew'], Limit: 100 },
        {
          TotalCount: 1,
          AutomationAgentSet: [
            {
              InstanceId: 'ins-zj0f57ew',
              Version: '1',
              LastHeartbeatTime: '2026-11-28T12:00:00Z',
              AgentStatus: 'Online',
              Environment: 'Linux',
              SupportFeatures: [],
            },
          ],
        },
      )
      .expect(
        'RunCommand',
        {
          Content: Buffer.from('login {{tat-hidden:pw}}').toString('base64'),
          InstanceIds: ['ins-zj0f57ew'],
          CommandType: 'SHELL',
          EnableParameter: true,
          Parameters: '{"pw":"hunter2-secret"}',
        },
        {
          Error: {
            Code: 'InvalidParameterValue.ParameterInvalidJsonFormat',
            Message: 'bad Parameters {"pw":"hunter2-secret"}',
          },
        },
      );
    const result = await runCli(
      ['run', 'login {{tat-hidden:pw}}', '--param', 'pw=hunter2-secret', '--instances', 'ins-zj0f57ew', '--debug'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ParameterInvalidJsonFormat');
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});

describe('--file PATH and --instances-from -', () => {
  it('reads the script from a file and the instances from stdin', async () => {
    const env = await runEnv();
    const dir = await mkdtemp(join(tmpdir(), 'tat-run-'));
    await writeFile(join(dir, 'deploy.sh'), '#!/bin/sh\necho deploying\n');
    const result = await env.tat(['run', '--file', join(dir, 'deploy.sh'), '--instances-from', '-', '--no-wait'], {
      stdin: 'ins-zj0f57ew\n# the second\nins-zj0f57ex\n',
    });
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params).toMatchObject({
      Content: Buffer.from('#!/bin/sh\necho deploying\n').toString('base64'),
      InstanceIds: ['ins-zj0f57ew', 'ins-zj0f57ex'],
    });
  });

  it('refuses a file past the limit naming its size, and a file that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tat-run-'));
    await writeFile(join(dir, 'big.sh'), 'x'.repeat(60_000));
    const big = await runCli(['run', '--file', join(dir, 'big.sh'), '--instances', 'ins-zj0f57ew']);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('is 60,000 bytes (80,000 once base64-encoded)');
    const none = await runCli(['run', '--file', join(dir, 'nothere.sh'), '--instances', 'ins-zj0f57ew']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no such file');
  });
});

describe('a RunCommand answered without an invocation id', () => {
  it('is an unknown outcome (exit 7): it ran, and nothing says which invocation to follow', async () => {
    const { fakeApi } = await import('../helpers/fake-api.js');
    const api = fakeApi()
      .expect(
        'DescribeAutomationAgentStatus',
        { InstanceIds: ['ins-zj0f57ew'], Limit: 100 },
        {
          TotalCount: 1,
          AutomationAgentSet: [
            {
              InstanceId: 'ins-zj0f57ew',
              Version: '1',
              LastHeartbeatTime: '2026-11-28T12:00:00Z',
              AgentStatus: 'Online',
              Environment: 'Linux',
              SupportFeatures: [],
            },
          ],
        },
      )
      .expect(
        'RunCommand',
        { Content: Buffer.from('uptime').toString('base64'), InstanceIds: ['ins-zj0f57ew'], CommandType: 'SHELL' },
        { CommandId: 'cmd-aaaaaaaa', InvocationId: '\u001b]0;pwned\u0007' },
      );
    const result = await runCli(['run', 'uptime', '--instances', 'ins-zj0f57ew'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(7);
    expect(result.stderr).toContain('RunCommand answered without a valid InvocationId');
    expect(result.stderr).not.toContain('\u001b]0;');
    expect(result.stderr).toContain('tat invocations list --since');
  });
});
