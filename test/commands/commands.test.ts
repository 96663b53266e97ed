import { describe, expect, it } from '@jest/globals';
import type { Fetch } from '../../src/deps.js';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { commandsFound, savedCommand } from '../helpers/commands.js';
import { runEnv } from '../helpers/run-emulator.js';

const TERMINAL = { stdoutTTY: true, env: { ...BASE_ENV, TZ: 'UTC', NO_COLOR: '1' } };

describe('tat commands list', () => {
  it('asks DescribeCommands for one page and prints the documented tsv columns', async () => {
    const command = savedCommand('cmd-9dxzty3m', { EnableParameter: true, Timeout: 300, Description: 'tab\there' });
    const api = fakeApi().expect('DescribeCommands', { Offset: 0, Limit: 20 }, commandsFound([command]));
    const result = await runCli(['commands', 'list'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'cmd-9dxzty3m\trestart-nginx\tSHELL\tUSER\t300\tyes\troot\t/root\t2020-11-09T07:21:59Z\t2020-11-09T07:21:59Z\ttab\\there\n',
    );
  });

  it('sends --filter to the server and gives the API objects with -o json', async () => {
    const commands = [
      savedCommand('cmd-9dxzty3m'),
      savedCommand('cmd-6fydo27j', { CreatedBy: 'TAT', Tags: [{ Key: 'team', Value: 'web' }] }),
    ];
    const api = fakeApi().expect(
      'DescribeCommands',
      { Filters: [{ Name: 'created-by', Values: ['USER'] }], Offset: 0, Limit: 20 },
      commandsFound(commands),
    );
    const result = await runCli(['commands', 'list', '--filter', 'created-by=USER', '-o', 'json'], {
      fetch: api.fetch,
    });
    api.verify();
    expect(JSON.parse(result.stdout)).toEqual(commands);
  });

  it('pages past 100 with --all', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      savedCommand(`cmd-${String(i).padStart(8, '0')}`, {
        CreatedTime: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString(),
      }),
    );
    const api = fakeApi()
      .expect('DescribeCommands', { Offset: 0, Limit: 100 }, commandsFound(many.slice(0, 100), 150))
      .expect('DescribeCommands', { Offset: 99, Limit: 100 }, commandsFound(many.slice(99, 150), 150));
    const result = await runCli(['commands', 'list', '--all', '-o', 'ndjson'], { fetch: api.fetch });
    api.verify();
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { CommandId: string }).CommandId),
    ).toEqual(many.map((c) => c.CommandId));
  });

  it('shows id, name, type, creator, timeout, parameters, age and description on a terminal', async () => {
    const api = fakeApi().expect(
      'DescribeCommands',
      { Offset: 0, Limit: 20 },
      commandsFound([savedCommand('cmd-9dxzty3m')]),
    );
    const result = await runCli(['commands', 'list'], { ...TERMINAL, fetch: api.fetch });
    const lines = result.stdout.split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'ID',
      'NAME',
      'TYPE',
      'BY',
      'TIMEOUT',
      'PARAMS',
      'CREATED',
      'DESCRIPTION',
    ]);
    expect(lines[1]).toMatch(/^cmd-9dxzty3m +restart-nginx +SHELL +USER +60s +no +\S.* ago +Restarts nginx$/);
  });

  it.each([
    [['--status', 'SUCCESS'], "unknown option '--status'"],
    [['--id', 'inv-q4zp60g0'], "'inv-q4zp60g0' is not a command id"],
    [['--filter', 'created-by=ME'], 'created-by takes TAT, USER'],
    [['--filter', 'command-type=BASH'], 'command-type takes SHELL, POWERSHELL, BAT'],
    [['--id', 'cmd-9dxzty3m', '--filter', 'created-by=USER'], 'the API refuses CommandIds with Filters'],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const result = await runCli(['commands', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('explains an unknown filter with the DescribeCommands filter names', async () => {
    const api = fakeApi().expect(
      'DescribeCommands',
      { Filters: [{ Name: 'command_name', Values: ['x'] }], Offset: 0, Limit: 20 },
      { Error: { Code: 'InvalidParameterValue.InvalidFilter', Message: 'bad filter' } },
    );
    const result = await runCli(['commands', 'list', '--filter', 'command_name=x'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean --filter command-name=');
  });

  it('refuses a malformed answer clearly (Tags not a list)', async () => {
    const api = fakeApi().expect(
      'DescribeCommands',
      { Offset: 0, Limit: 20 },
      commandsFound([{ ...savedCommand('cmd-9dxzty3m'), Tags: 'x' as never }]),
    );
    const result = await runCli(['commands', 'list'], { fetch: api.fetch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CommandSet[0] (cmd-9dxzty3m).Tags is "x", not a list');
  });
});

describe('tat commands get', () => {
  it('shows each command in full on a terminal, with its decoded script, escapes made visible', async () => {
    const command = savedCommand('cmd-9dxzty3m', {
      script: 'echo {{name}}\nprintf "\u001b[31mred"\n',
      EnableParameter: true,
      DefaultParameters: '{"name":"web"}',
    });
    const api = fakeApi().expect(
      'DescribeCommands',
      { CommandIds: ['cmd-9dxzty3m'], Limit: 100 },
      commandsFound([command]),
    );
    const result = await runCli(['commands', 'get', 'cmd-9dxzty3m'], { ...TERMINAL, fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Command ID +cmd-9dxzty3m$/m);
    expect(result.stdout).toMatch(/^Parameters +yes$/m);
    expect(result.stdout).toContain('"name": "web"');
    expect(result.stdout).toContain('    echo {{name}}');
    expect(result.stdout).not.toContain('\u001b[31m');
  });

  it('prints the script byte for byte with -o content', async () => {
    const api = fakeApi().expect(
      'DescribeCommands',
      { CommandIds: ['cmd-9dxzty3m'], Limit: 100 },
      commandsFound([savedCommand('cmd-9dxzty3m', { script: '#!/bin/sh\nuptime\n' })]),
    );
    const result = await runCli(['commands', 'get', 'cmd-9dxzty3m', '-o', 'content'], { fetch: api.fetch });
    expect(result.stdout).toBe('#!/bin/sh\nuptime\n');
  });

  it('prints the ones found, then exits 3 naming the missing ones', async () => {
    const api = fakeApi().expect(
      'DescribeCommands',
      { CommandIds: ['cmd-9dxzty3m', 'cmd-nothere0'], Limit: 100 },
      commandsFound([savedCommand('cmd-9dxzty3m')]),
    );
    const result = await runCli(['commands', 'get', 'cmd-9dxzty3m', 'cmd-nothere0'], { fetch: api.fetch });
    expect(result.code).toBe(3);
    expect(result.stdout.split('\t')[0]).toBe('cmd-9dxzty3m');
    expect(result.stderr).toContain('command not found in region ap-guangzhou: cmd-nothere0');
  });

  it('refuses an id that is not a command id before any request', async () => {
    const result = await runCli(['commands', 'get', 'inv-q4zp60g0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'inv-q4zp60g0' is not a command id");
  });
});

describe('tat invocations list --command-name', () => {
  const named = { Filters: [{ Name: 'command-name', Values: ['restart-nginx'] }], Offset: 0, Limit: 100 };

  it('finds the command ids of that name, then lists their invocations with a command-id filter', async () => {
    const { SEED_INVOCATION } = await import('../helpers/invocations.js');
    const api = fakeApi()
      .expect(
        'DescribeCommands',
        named,
        commandsFound([
          savedCommand('cmd-9dxzty3m'),
          savedCommand('cmd-6fydo27j'),
          savedCommand('cmd-loosely0', { CommandName: 'restart-nginx-old' }),
        ]),
      )
      .expect(
        'DescribeInvocations',
        {
          Filters: [
            { Name: 'instance-kind', Values: ['CVM'] },
            { Name: 'command-id', Values: ['cmd-9dxzty3m', 'cmd-6fydo27j'] },
          ],
          Offset: 0,
          Limit: 20,
        },
        { TotalCount: 1, InvocationSet: [SEED_INVOCATION] },
      );
    const result = await runCli(
      ['invocations', 'list', '--command-name', 'restart-nginx', '--filter', 'instance-kind=CVM'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout.split('\t')[0]).toBe(SEED_INVOCATION.InvocationId);
  });

  it('exits 3 when no command has that name in the region, printing nothing', async () => {
    const api = fakeApi().expect('DescribeCommands', named, commandsFound([]));
    const result = await runCli(['invocations', 'list', '--command-name', 'restart-nginx', '-o', 'json'], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("no command named 'restart-nginx' in region ap-guangzhou");
  });

  it('refuses a name that matches more commands than one filter can hold', async () => {
    const six = Array.from({ length: 6 }, (_, i) => savedCommand(`cmd-0000000${i}`));
    const api = fakeApi().expect('DescribeCommands', named, commandsFound(six));
    const result = await runCli(['invocations', 'list', '--command-name', 'restart-nginx'], { fetch: api.fetch });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('names 6 commands');
    expect(result.stderr).toContain('--filter command-id=cmd-00000000,');
  });

  it.each([
    [['--command-name', 'x', '--id', 'inv-q4zp60g0'], '--command-name and --id cannot be used together'],
    [
      ['--command-name', 'x', '--filter', 'command-id=cmd-9dxzty3m'],
      '--command-name and --filter command-id cannot be used together',
    ],
    [['--command-name', ' '], '--command-name is empty'],
  ])('refuses %j before any request', async (args, message) => {
    const result = await runCli(['invocations', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('tat invocations list --command-name in several regions', () => {
  it('resolves the name in each region (ids differ) and lists nothing from a region that lacks it', async () => {
    const { SEED_INVOCATION } = await import('../helpers/invocations.js');
    const { regionalApi } = await import('../helpers/regional-api.js');
    const inGuangzhou = { ...SEED_INVOCATION, InvocationId: 'inv-gz000001', CommandId: 'cmd-gz000001' };
    const regional = regionalApi({ invocations: { 'ap-guangzhou': [inGuangzhou], 'ap-shanghai': [] } });
    const asked: Array<{ region: string; action: string; params: unknown }> = [];
    const fetch: Fetch = async (url, init) => {
      const headers = init.headers ?? {};
      const params: unknown = JSON.parse(String(init.body));
      asked.push({ region: headers['X-TC-Region']!, action: headers['X-TC-Action']!, params });
      if (headers['X-TC-Action'] !== 'DescribeCommands') return regional.fetch(url, init);
      const set = headers['X-TC-Region'] === 'ap-guangzhou' ? [savedCommand('cmd-gz000001')] : [];
      return new Response(JSON.stringify({ Response: { ...commandsFound(set), RequestId: 'r' } }), { status: 200 });
    };
    const result = await runCli(
      ['invocations', 'list', '--command-name', 'restart-nginx', '--region', 'ap-guangzhou,ap-shanghai', '-o', 'json'],
      { fetch },
    );
    expect(result.code).toBe(0);
    expect(
      (JSON.parse(result.stdout) as Array<{ InvocationId: string; Region: string }>).map((r) => [
        r.InvocationId,
        r.Region,
      ]),
    ).toEqual([['inv-gz000001', 'ap-guangzhou']]);
    // Shanghai has no such command: it is not asked for invocations at all.
    expect(
      asked.filter((call) => call.action === 'DescribeInvocations').map((call) => [call.region, call.params]),
    ).toEqual([
      ['ap-guangzhou', { Filters: [{ Name: 'command-id', Values: ['cmd-gz000001'] }], Offset: 0, Limit: 20 }],
    ]);
  });
});

describe('tat commands get in several regions', () => {
  it('finds each id in whichever region has it, and says which', async () => {
    const env = await runEnv();
    const listed = await env.tat([
      'commands',
      'list',
      '--region',
      'ap-shanghai',
      '--filter',
      'created-by=USER',
      '--limit',
      '1',
      '-o',
      'json',
    ]);
    const id = (JSON.parse(listed.stdout) as Array<{ CommandId: string }>)[0]!.CommandId;
    const result = await env.tat([
      'commands',
      'get',
      id,
      'cmd-nothere0',
      '--region',
      'ap-guangzhou,ap-shanghai',
      '-o',
      'json',
    ]);
    expect(result.code).toBe(3);
    expect(
      (JSON.parse(result.stdout) as Array<{ CommandId: string; Region: string }>).map((c) => [c.CommandId, c.Region]),
    ).toEqual([[id, 'ap-shanghai']]);
    expect(result.stderr).toContain('command not found in 2 regions: cmd-nothere0');
  });
});
