import { describe, expect, it } from '@jest/globals';
import { BASE_ENV, runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { agent, agentsFound } from '../helpers/commands.js';
import { runEnv } from '../helpers/run-emulator.js';

const TERMINAL = { stdoutTTY: true, env: { ...BASE_ENV, TZ: 'UTC', NO_COLOR: '1' } };

describe('tat agents list', () => {
  it('asks DescribeAutomationAgentStatus for one page and prints the documented tsv columns', async () => {
    const api = fakeApi().expect(
      'DescribeAutomationAgentStatus',
      { Offset: 0, Limit: 20 },
      agentsFound([agent('ins-zj0f57ew'), agent('ins-zj0f57ex', { AgentStatus: 'Offline', SupportFeatures: [] })]),
    );
    const result = await runCli(['agents', 'list'], { fetch: api.fetch });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'ins-zj0f57ew\tOnline\tLinux\t1.1.3\t2020-11-09T07:21:50Z\tCommandParameter,OutputCOS\n' +
        'ins-zj0f57ex\tOffline\tLinux\t1.1.3\t2020-11-09T07:21:50Z\t\n',
    );
  });

  it('turns --status and --environment (any case) into the API filters, spelled as the API spells them', async () => {
    const api = fakeApi().expect(
      'DescribeAutomationAgentStatus',
      {
        Filters: [
          { Name: 'agent-status', Values: ['Offline'] },
          { Name: 'environment', Values: ['Linux', 'Windows'] },
        ],
        Offset: 0,
        Limit: 20,
      },
      agentsFound([agent('ins-zj0f57ex', { AgentStatus: 'Offline' })]),
    );
    const result = await runCli(
      ['agents', 'list', '--status', 'OFFLINE', '--environment', 'linux,Windows', '-o', 'json'],
      { fetch: api.fetch },
    );
    api.verify();
    expect(JSON.parse(result.stdout)).toEqual([agent('ins-zj0f57ex', { AgentStatus: 'Offline' })]);
  });

  it('asks for --instances 100 a request (InstanceIds) and applies --status itself there', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `ins-${String(i).padStart(8, '0')}`);
    const agents = ids.map((id, i) => agent(id, { AgentStatus: i % 3 === 0 ? 'Offline' : 'Online' }));
    const api = fakeApi()
      .expect(
        'DescribeAutomationAgentStatus',
        { InstanceIds: ids.slice(0, 100), Limit: 100 },
        agentsFound(agents.slice(0, 100)),
      )
      .expect(
        'DescribeAutomationAgentStatus',
        { InstanceIds: ids.slice(100), Limit: 100 },
        agentsFound(agents.slice(100)),
      );
    const result = await runCli(['agents', 'list', '--instances', ids.join(','), '--status', 'offline'], {
      fetch: api.fetch,
    });
    api.verify();
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(ids.filter((_, i) => i % 3 === 0));
  });

  it('shows instance, status, environment, version, heartbeat and features on a terminal', async () => {
    const api = fakeApi().expect(
      'DescribeAutomationAgentStatus',
      { Offset: 0, Limit: 20 },
      agentsFound([agent('ins-zj0f57ew')]),
    );
    const result = await runCli(['agents', 'list'], { ...TERMINAL, fetch: api.fetch });
    const lines = result.stdout.split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'INSTANCE',
      'STATUS',
      'ENVIRONMENT',
      'VERSION',
      'LAST HEARTBEAT',
      'FEATURES',
    ]);
    expect(lines[1]).toMatch(/^ins-zj0f57ew +Online +Linux +1\.1\.3 +\S.* ago +CommandParameter,OutputCOS$/);
  });

  it('colours Online green and Offline red on a colour terminal', async () => {
    const api = fakeApi().expect(
      'DescribeAutomationAgentStatus',
      { Offset: 0, Limit: 20 },
      agentsFound([agent('ins-zj0f57ew'), agent('ins-zj0f57ex', { AgentStatus: 'Offline' })]),
    );
    const result = await runCli(['agents', 'list'], {
      stdoutTTY: true,
      env: { ...BASE_ENV, FORCE_COLOR: '1' },
      fetch: api.fetch,
    });
    expect(result.stdout).toContain('\u001b[32mOnline');
    expect(result.stdout).toContain('\u001b[31mOffline');
  });

  it.each([
    [['--status', 'up'], "--status: 'up' is not one of online, offline"],
    [['--environment', 'macos'], "--environment: 'macos' is not one of linux, windows"],
    [['--instances', 'inv-q4zp60g0'], "--instances: 'inv-q4zp60g0' is not an instance id"],
    [['--all', '--limit', '5'], '--all and --limit cannot be used together'],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const result = await runCli(['agents', 'list', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('tat agents list in several regions', () => {
  it('lists each region, region after region, each agent with its Region', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'agents',
      'list',
      '--status',
      'offline',
      '--region',
      'ap-guangzhou,ap-shanghai',
      '--all',
      '-o',
      'json',
    ]);
    expect(result.code).toBe(0);
    const agents = JSON.parse(result.stdout) as Array<{ InstanceId: string; AgentStatus: string; Region: string }>;
    expect(agents.every((a) => a.AgentStatus === 'Offline')).toBe(true);
    const regions = agents.map((a) => a.Region);
    expect(new Set(regions)).toEqual(new Set(['ap-guangzhou', 'ap-shanghai']));
    expect(regions).toEqual([...regions].sort());
    expect(env.sent.map((s) => s.params)).toEqual([
      { Filters: [{ Name: 'agent-status', Values: ['Offline'] }], Offset: 0, Limit: 100 },
      { Filters: [{ Name: 'agent-status', Values: ['Offline'] }], Offset: 0, Limit: 100 },
    ]);
  });
});
