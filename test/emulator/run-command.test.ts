/**
 * RunCommand and CancelInvocation through the official Node SDK: a created invocation is seen at
 * once by DescribeInvocations and DescribeInvocationTasks, in the region it was created in, and
 * moves with the clock; every limit and documented error code of the request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'node:http';
import type { AutomationAgentInfo, Invocation, InvocationTask } from '../../src/api/types.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { errorCode, loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

/** The SDK signs with the real clock, so the emulator's stays within the 5 minutes it accepts. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('RunCommand', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let clockMs = T0;
  let client: SdkClient;
  /** Online Linux CVMs, an offline one, a Windows one and a Lighthouse one of the default region. */
  let linux: string[];
  let offline: string;
  let windows: string;
  let lighthouse: string;

  const run = (params: Record<string, unknown>, c = client): Promise<{ CommandId: string; InvocationId: string }> =>
    c.request('RunCommand', params) as Promise<{ CommandId: string; InvocationId: string }>;
  const invocation = async (id: string, c = client): Promise<Invocation | undefined> =>
    ((await c.request('DescribeInvocations', { InvocationIds: [id] })) as { InvocationSet: Invocation[] })
      .InvocationSet[0];
  const tasks = async (id: string, c = client): Promise<InvocationTask[]> =>
    (
      (await c.request('DescribeInvocationTasks', {
        Filters: [{ Name: 'invocation-id', Values: [id] }],
        HideOutput: false,
        Limit: 100,
      })) as { InvocationTaskSet: InvocationTask[] }
    ).InvocationTaskSet;

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, now: () => clockMs });
    client = sdkClient(emu, agent);
    const agents: AutomationAgentInfo[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await client.request('DescribeAutomationAgentStatus', { Limit: 100, Offset: offset })) as {
        AutomationAgentSet: AutomationAgentInfo[];
      };
      agents.push(...page.AutomationAgentSet);
      if (page.AutomationAgentSet.length < 100) break;
    }
    const online = agents.filter((a) => a.AgentStatus === 'Online');
    linux = online.filter((a) => a.Environment === 'Linux' && a.InstanceId.startsWith('ins-')).map((a) => a.InstanceId);
    windows = online.find((a) => a.Environment === 'Windows')!.InstanceId;
    lighthouse = online.find((a) => a.InstanceId.startsWith('lhins-'))!.InstanceId;
    offline = agents.find((a) => a.AgentStatus === 'Offline' && a.InstanceId.startsWith('ins-'))!.InstanceId;
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('answers {CommandId, InvocationId}; the invocation is listed at once, first, and its tasks too', async () => {
    const targets = linux.slice(0, 3);
    const answer = await run({
      Content: b64('echo hello'),
      InstanceIds: targets,
      CommandName: 'hello',
      Description: 'says hello',
    });
    expect(Object.keys(answer).sort()).toEqual(['CommandId', 'InvocationId', 'RequestId']);
    expect(answer.CommandId).toMatch(/^cmd-[a-z0-9]{8}$/);
    expect(answer.InvocationId).toMatch(/^inv-[a-z0-9]{8}$/);

    const listed = (await client.request('DescribeInvocations', { Limit: 1 })) as { InvocationSet: Invocation[] };
    expect(listed.InvocationSet[0]?.InvocationId).toBe(answer.InvocationId);
    const inv = await invocation(answer.InvocationId);
    expect(inv).toMatchObject({
      CommandId: answer.CommandId,
      CommandName: 'hello',
      CommandContent: b64('echo hello'),
      CommandType: 'SHELL',
      Timeout: 60,
      WorkingDirectory: '/root',
      Username: 'root',
      Description: 'says hello',
      InstanceKind: 'CVM',
      InvocationSource: 'USER',
      InvocationStatus: 'PENDING',
      EndTime: null,
      Parameters: '',
    });
    expect(inv?.InvocationTaskBasicInfoSet.map((t) => t.InstanceId)).toEqual(targets);
    const created = await tasks(answer.InvocationId);
    expect(created.map((t) => t.InstanceId)).toEqual(targets);
    expect(
      created.every(
        (t) =>
          t.TaskStatus === 'PENDING' &&
          t.CommandName === 'hello' &&
          t.StartTime === null &&
          t.TaskResult?.ExecStartTime === null,
      ),
    ).toBe(true);
    // By task id too, and by instance.
    const byId = (await client.request('DescribeInvocationTasks', {
      InvocationTaskIds: [created[1]!.InvocationTaskId],
    })) as { InvocationTaskSet: InvocationTask[] };
    expect(byId.InvocationTaskSet[0]?.InstanceId).toBe(targets[1]);
    const byInstance = (await client.request('DescribeInvocationTasks', {
      Filters: [{ Name: 'instance-id', Values: [targets[2]!] }],
      Limit: 1,
    })) as { InvocationTaskSet: InvocationTask[] };
    expect(byInstance.InvocationTaskSet[0]?.InvocationId).toBe(answer.InvocationId);

    clockMs += 10_000;
    expect((await invocation(answer.InvocationId))?.InvocationStatus).toBe('SUCCESS');
  });

  it('runs what the simulation rule decides from the script: output, exit codes, a failure on one instance', async () => {
    const [a, b] = [linux[10]!, linux[11]!];
    const { InvocationId } = await run({
      Content: b64(`echo "hello from $(hostname)"\nsleep 2\n# on ${b}: exit 3\n`),
      InstanceIds: [a, b],
    });
    clockMs += 1500;
    expect((await invocation(InvocationId))?.InvocationStatus).toBe('RUNNING');
    clockMs += 5000;
    expect((await invocation(InvocationId))?.InvocationStatus).toBe('PARTIAL_FAILED');
    const done = await tasks(InvocationId);
    expect(
      done.map((t) => [
        t.InstanceId,
        t.TaskStatus,
        t.TaskResult?.ExitCode,
        Buffer.from(t.TaskResult?.Output ?? '', 'base64').toString(),
      ]),
    ).toEqual([
      [a, 'SUCCESS', 0, `hello from ${a}\n`],
      [b, 'FAILED', 3, `hello from ${b}\n`],
    ]);
    expect(Date.parse(done[0]!.TaskResult!.ExecEndTime!) - Date.parse(done[0]!.TaskResult!.ExecStartTime!)).toBe(2000);
  });

  it('is created in the region asked, and only there', async () => {
    const shanghai = sdkClient(emu, agent, 'ap-shanghai');
    const agents = (await shanghai.request('DescribeAutomationAgentStatus', {
      Filters: [
        { Name: 'agent-status', Values: ['Online'] },
        { Name: 'environment', Values: ['Linux'] },
      ],
      Limit: 100,
    })) as {
      AutomationAgentSet: AutomationAgentInfo[];
    };
    const target = agents.AutomationAgentSet.find((a) => a.InstanceId.startsWith('ins-'))!.InstanceId;
    const { InvocationId } = await run({ Content: b64('uptime'), InstanceIds: [target] }, shanghai);
    expect((await invocation(InvocationId, shanghai))?.InvocationId).toBe(InvocationId);
    expect(await invocation(InvocationId)).toBeUndefined();
    // An instance of another region is unknown here.
    expect(await errorCode(run({ Content: b64('uptime'), InstanceIds: [target] }))).toBe(
      'ResourceNotFound.InstanceNotFound',
    );
  });

  it('refuses each limit and bad value with its documented code, and creates nothing', async () => {
    const one = [linux[0]!];
    const before = ((await client.request('DescribeInvocations', { Limit: 1 })) as { TotalCount: number }).TotalCount;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ InstanceIds: one }, 'MissingParameter'],
      [{ Content: b64('ls') }, 'MissingParameter'],
      [{ Content: 'not base64!', InstanceIds: one }, 'InvalidParameterValue.InvalidContent'],
      [{ Content: '', InstanceIds: one }, 'InvalidParameterValue.InvalidContent'],
      [{ Content: 'A'.repeat(64 * 1024 + 4), InstanceIds: one }, 'InvalidParameterValue.TooLong'],
      [{ Content: b64('ls'), InstanceIds: [] }, 'InvalidParameterValue'],
      [{ Content: b64('ls'), InstanceIds: linux.slice(0, 201) }, 'InvalidParameterValue.LimitExceeded'],
      [{ Content: b64('ls'), InstanceIds: ['i-123'] }, 'InvalidParameterValue.InvalidInstanceId'],
      [{ Content: b64('ls'), InstanceIds: [one[0], one[0]] }, 'InvalidParameterValue'],
      [{ Content: b64('ls'), InstanceIds: [one[0], lighthouse] }, 'InvalidParameterValue.InconsistentInstance'],
      [{ Content: b64('ls'), InstanceIds: ['ins-zzzzzzzz'] }, 'ResourceNotFound.InstanceNotFound'],
      [{ Content: b64('ls'), InstanceIds: [one[0], offline] }, 'ResourceUnavailable.AgentStatusNotOnline'],
      [{ Content: b64('ls'), InstanceIds: [windows] }, 'InvalidParameterValue.AgentUnsupportedCommandType'],
      [
        { Content: b64('dir'), InstanceIds: one, CommandType: 'BAT' },
        'InvalidParameterValue.AgentUnsupportedCommandType',
      ],
      [{ Content: b64('ls'), InstanceIds: one, CommandType: 'ZSH' }, 'InvalidParameterValue'],
      [{ Content: b64('ls'), InstanceIds: one, Timeout: 0 }, 'InvalidParameterValue.Range'],
      [{ Content: b64('ls'), InstanceIds: one, Timeout: 86_401 }, 'InvalidParameterValue.Range'],
      [{ Content: b64('ls'), InstanceIds: one, CommandName: 'n'.repeat(61) }, 'InvalidParameterValue.TooLong'],
      [{ Content: b64('ls'), InstanceIds: one, CommandName: '命令'.repeat(10) + 'x' }, 'InvalidParameterValue.TooLong'],
      [{ Content: b64('ls'), InstanceIds: one, CommandName: 'has space' }, 'InvalidParameterValue.InvalidCommandName'],
      [{ Content: b64('ls'), InstanceIds: one, Description: 'd'.repeat(121) }, 'InvalidParameterValue.TooLong'],
      [
        { Content: b64('ls'), InstanceIds: one, WorkingDirectory: 'tmp' },
        'InvalidParameterValue.InvalidWorkingDirectory',
      ],
      [{ Content: b64('ls'), InstanceIds: one, Username: 'bad user' }, 'InvalidParameterValue.InvalidUsername'],
      [
        {
          Content: b64('ls'),
          InstanceIds: one,
          OutputCOSBucketUrl: 'http://b-1250000000.cos.ap-guangzhou.myqcloud.com',
        },
        'InvalidParameterValue.InvalidOutputCOSBucketUrl',
      ],
      [
        { Content: b64('ls'), InstanceIds: one, OutputCOSKeyPrefix: 'a//b' },
        'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
      ],
      [
        { Content: b64('ls'), InstanceIds: one, OutputCOSKeyPrefix: '/abs' },
        'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
      ],
      [
        { Content: b64('ls'), InstanceIds: one, OutputCOSKeyPrefix: 'a/../b' },
        'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
      ],
      [
        { Content: b64('ls'), InstanceIds: one, OutputCOSKeyPrefix: 'p'.repeat(61) },
        'InvalidParameterValue.InvalidOutputCOSKeyPrefix',
      ],
      [
        {
          Content: b64('ls'),
          InstanceIds: one,
          Tags: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
        },
        'InvalidParameterValue.LimitExceeded',
      ],
      [{ Content: b64('ls'), InstanceIds: one, Timeout: '60' }, 'InvalidParameter'],
      [{ Content: b64('ls'), InstanceIds: one, Nope: 1 }, 'UnknownParameter'],
    ];
    for (const [params, code] of cases) {
      expect([JSON.stringify(params).slice(0, 120), await errorCode(run(params))]).toEqual([
        JSON.stringify(params).slice(0, 120),
        code,
      ]);
    }
    expect(((await client.request('DescribeInvocations', { Limit: 1 })) as { TotalCount: number }).TotalCount).toBe(
      before,
    );
  });

  it('accepts each limit exactly: 200 instances, 64 KB of Content, Timeout 1 and 86400, a 60-byte name, 120 characters of description', async () => {
    const content = Buffer.alloc(48 * 1024, 'a').toString('base64');
    expect(content.length).toBe(64 * 1024);
    const { InvocationId } = await run({
      Content: content,
      InstanceIds: linux.slice(0, 200),
      Timeout: 86_400,
      CommandName: '命令'.repeat(10),
      Description: '描'.repeat(120),
    });
    const inv = await invocation(InvocationId);
    expect(inv?.InvocationTaskBasicInfoSet).toHaveLength(200);
    expect(inv).toMatchObject({ Timeout: 86_400, CommandName: '命令'.repeat(10) });
    const page = (await client.request('DescribeInvocationTasks', {
      Filters: [{ Name: 'invocation-id', Values: [InvocationId] }],
      Limit: 100,
      Offset: 100,
    })) as { TotalCount: number; InvocationTaskSet: InvocationTask[] };
    expect(page.TotalCount).toBe(200);
    expect(page.InvocationTaskSet.map((t) => t.InstanceId)).toEqual(linux.slice(100, 200));
    await expect(run({ Content: b64('true'), InstanceIds: [linux[0]!], Timeout: 1 })).resolves.toBeDefined();
  });

  it("runs POWERSHELL on Windows, Lighthouse alone, and defaults to the type's directory and user", async () => {
    const ps = await run({ Content: b64('Get-Date'), InstanceIds: [windows], CommandType: 'POWERSHELL' });
    expect(await invocation(ps.InvocationId)).toMatchObject({
      CommandType: 'POWERSHELL',
      WorkingDirectory: 'C:\\Program Files\\qcloud\\tat_agent\\workdir',
      Username: 'System',
      InstanceKind: 'CVM',
    });
    const lh = await run({
      Content: b64('uptime'),
      InstanceIds: [lighthouse],
      Username: 'lighthouse',
      WorkingDirectory: '/home/lighthouse',
    });
    expect(await invocation(lh.InvocationId)).toMatchObject({
      InstanceKind: 'LIGHTHOUSE',
      Username: 'lighthouse',
      WorkingDirectory: '/home/lighthouse',
    });
  });
});

describe('RunCommand custom parameters', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  let target: string;
  const run = (params: Record<string, unknown>): Promise<{ InvocationId: string }> =>
    client.request('RunCommand', params) as Promise<{ InvocationId: string }>;

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0 });
    client = sdkClient(emu, agent);
    const page = (await client.request('DescribeAutomationAgentStatus', {
      Filters: [
        { Name: 'agent-status', Values: ['Online'] },
        { Name: 'environment', Values: ['Linux'] },
      ],
      Limit: 100,
    })) as {
      AutomationAgentSet: AutomationAgentInfo[];
    };
    target = page.AutomationAgentSet.find((a) => a.InstanceId.startsWith('ins-'))!.InstanceId;
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('records Parameters and DefaultParameters with hidden values as ******, and the script as sent', async () => {
    const script = 'echo {{greeting}} {{tat-hidden:password}} {{who}}';
    const { InvocationId } = await run({
      Content: b64(script),
      InstanceIds: [target],
      EnableParameter: true,
      DefaultParameters: '{"who": "world", "password": "default-secret"}',
      Parameters: '{"greeting": "hello", "password": "s3cret"}',
    });
    const inv = (
      (await client.request('DescribeInvocations', { InvocationIds: [InvocationId] })) as {
        InvocationSet: Invocation[];
      }
    ).InvocationSet[0]!;
    expect(JSON.parse(inv.Parameters)).toEqual({ greeting: 'hello', password: '******' });
    expect(JSON.parse(inv.DefaultParameters)).toEqual({ who: 'world', password: '******' });
    expect(inv.CommandContent).toBe(b64(script));
    expect(JSON.stringify(inv)).not.toMatch(/s3cret|default-secret/);
  });

  it('takes defaults from DefaultParameterConfs', async () => {
    const { InvocationId } = await run({
      Content: b64('echo {{name}}'),
      InstanceIds: [target],
      EnableParameter: true,
      DefaultParameterConfs: [{ ParameterName: 'name', ParameterValue: 'tat', ParameterDescription: 'who to greet' }],
    });
    const inv = (
      (await client.request('DescribeInvocations', { InvocationIds: [InvocationId] })) as {
        InvocationSet: Invocation[];
      }
    ).InvocationSet[0]!;
    expect(JSON.parse(inv.DefaultParameters)).toEqual({ name: 'tat' });
    expect(inv.Parameters).toBe('');
  });

  it('refuses each rule with its documented code', async () => {
    const base = { Content: b64('echo {{a}}'), InstanceIds: [target] };
    const on = { ...base, EnableParameter: true };
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, Parameters: '{"a": "1"}' }, 'InvalidParameterValue.SupportParametersOnlyIfEnableParameter'],
      [{ ...base, DefaultParameters: '{"a": "1"}' }, 'InvalidParameterValue.SupportParametersOnlyIfEnableParameter'],
      [
        { ...base, DefaultParameterConfs: [{ ParameterName: 'a', ParameterValue: '1' }] },
        'InvalidParameterValue.SupportParametersOnlyIfEnableParameter',
      ],
      [{ ...on, Parameters: '{"a": ' }, 'InvalidParameterValue.ParameterInvalidJsonFormat'],
      [{ ...on, Parameters: '["a"]' }, 'InvalidParameterValue.ParameterInvalidJsonFormat'],
      [{ ...on, Parameters: '{"a": "1", "a": "2"}' }, 'InvalidParameterValue.ParameterKeyDuplicated'],
      [{ ...on, Parameters: '{"a b": "1"}' }, 'InvalidParameterValue.ParameterKeyContainsInvalidChar'],
      [{ ...on, Parameters: `{"${'k'.repeat(65)}": "1", "a": "1"}` }, 'InvalidParameterValue.ParameterKeyLenExceeded'],
      [{ ...on, Parameters: many }, 'InvalidParameterValue.ParameterNumberExceeded'],
      [{ ...on, Parameters: '{"a": 1}' }, 'InvalidParameterValue.ParameterValueNotString'],
      [{ ...on, DefaultParameters: '{"a": {"b": "c"}}' }, 'InvalidParameterValue.ParameterValueNotString'],
      [{ ...on }, 'InvalidParameterValue.LackOfParameterInfo'],
      [{ ...on, Parameters: '{"b": "1"}' }, 'InvalidParameterValue.LackOfParameterInfo'],
      [
        {
          ...on,
          DefaultParameters: '{"a": "1"}',
          DefaultParameterConfs: [{ ParameterName: 'a', ParameterValue: '1' }],
        },
        'InvalidParameter',
      ],
      [
        {
          ...on,
          DefaultParameterConfs: [
            { ParameterName: 'a', ParameterValue: '1' },
            { ParameterName: 'a', ParameterValue: '2' },
          ],
        },
        'InvalidParameter.ParameterNameDuplicated',
      ],
      [{ ...on, DefaultParameterConfs: [{ ParameterName: 'a' }] }, 'MissingParameter'],
    ];
    for (const [params, code] of cases) {
      expect([JSON.stringify(params).slice(0, 160), await errorCode(run(params))]).toEqual([
        JSON.stringify(params).slice(0, 160),
        code,
      ]);
    }
    // At the limits: 20 parameters, 64-character names.
    const twenty = JSON.stringify(
      Object.fromEntries([...Array.from({ length: 19 }, (_, i) => [`k${i}`, 'v']), ['k'.repeat(64), 'v']]),
    );
    await expect(run({ ...on, Parameters: twenty, DefaultParameters: '{"a": "x"}' })).resolves.toBeDefined();
    // Without EnableParameter, braces are the script's own: nothing is required.
    await expect(run(base)).resolves.toBeDefined();
  });
});
