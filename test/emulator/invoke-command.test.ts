/**
 * InvokeCommand and RunCommand's SaveCommand through the official Node SDK: a saved command runs
 * with its own settings unless overridden, its defaults fill the parameters not given, and every
 * limit and documented error code of the request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'node:http';
import type { AutomationAgentInfo, Command, Invocation, InvocationTask } from '../../src/api/types.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { errorCode, loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** A clock that stands still (near the real one, which the SDK signs with): the statuses seen do not depend on the machine's speed. */
const NOW = Math.floor(Date.now() / 1000) * 1000;

describe('InvokeCommand', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  let linux: string[];
  let windows: string;
  let commands: Command[];

  const invoke = (params: Record<string, unknown>): Promise<{ InvocationId: string }> =>
    client.request('InvokeCommand', params) as Promise<{ InvocationId: string }>;
  const invocation = async (id: string): Promise<Invocation> =>
    ((await client.request('DescribeInvocations', { InvocationIds: [id] })) as { InvocationSet: Invocation[] })
      .InvocationSet[0]!;
  const named = (name: string): Command => commands.find((c) => c.CommandName === name)!;

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, now: () => NOW });
    client = sdkClient(emu, agent);
    const page = (await client.request('DescribeAutomationAgentStatus', {
      Filters: [{ Name: 'agent-status', Values: ['Online'] }],
      Limit: 100,
    })) as { AutomationAgentSet: AutomationAgentInfo[] };
    linux = page.AutomationAgentSet.filter((a) => a.Environment === 'Linux' && a.InstanceId.startsWith('ins-')).map(
      (a) => a.InstanceId,
    );
    windows = page.AutomationAgentSet.find((a) => a.Environment === 'Windows')!.InstanceId;
    commands = ((await client.request('DescribeCommands', { Limit: 100 })) as { CommandSet: Command[] }).CommandSet;
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('runs a saved command with its settings and its defaults, and answers {InvocationId} only', async () => {
    const command = named('deploy-app');
    expect(command.EnableParameter).toBe(true);
    const answer = await invoke({ CommandId: command.CommandId, InstanceIds: linux.slice(0, 2) });
    expect(Object.keys(answer).sort()).toEqual(['InvocationId', 'RequestId']);
    const inv = await invocation(answer.InvocationId);
    expect(inv).toMatchObject({
      CommandId: command.CommandId,
      CommandName: 'deploy-app',
      CommandContent: command.Content,
      CommandType: 'SHELL',
      Timeout: command.Timeout,
      WorkingDirectory: command.WorkingDirectory,
      Username: command.Username,
      Description: command.Description,
      Parameters: '',
      InvocationStatus: 'PENDING',
    });
    expect(JSON.parse(inv.DefaultParameters)).toEqual({ version: 'v1.0.0' });
    // Listed by the command's id, as the saved command's runs are.
    const byCommand = (await client.request('DescribeInvocations', {
      Filters: [{ Name: 'command-id', Values: [command.CommandId] }],
      Limit: 1,
    })) as { InvocationSet: Invocation[] };
    expect(byCommand.InvocationSet[0]?.InvocationId).toBe(answer.InvocationId);
    const tasks = (await client.request('DescribeInvocationTasks', {
      Filters: [{ Name: 'invocation-id', Values: [answer.InvocationId] }],
    })) as { InvocationTaskSet: InvocationTask[] };
    expect(tasks.InvocationTaskSet.map((t) => [t.InstanceId, t.CommandName, t.CommandDocument?.Timeout])).toEqual(
      linux.slice(0, 2).map((id) => [id, 'deploy-app', command.Timeout]),
    );
  });

  it("takes Parameters, Username, WorkingDirectory, Timeout and the COS settings over the command's", async () => {
    const command = named('deploy-app');
    const { InvocationId } = await invoke({
      CommandId: command.CommandId,
      InstanceIds: [linux[0]!],
      Parameters: '{"version": "v2.3.4"}',
      Username: 'deploy',
      WorkingDirectory: '/srv',
      Timeout: 30,
      OutputCOSBucketUrl: 'https://logs-1250000000.cos.ap-guangzhou.myqcloud.com',
      OutputCOSKeyPrefix: 'deploys',
    });
    expect(await invocation(InvocationId)).toMatchObject({
      Parameters: '{"version":"v2.3.4"}',
      Username: 'deploy',
      WorkingDirectory: '/srv',
      Timeout: 30,
      OutputCOSBucketUrl: 'https://logs-1250000000.cos.ap-guangzhou.myqcloud.com',
      OutputCOSKeyPrefix: 'deploys',
    });
  });

  it('a public command is listed as created by TAT; a Windows one runs on Windows', async () => {
    const publicCommand = commands.find((c) => c.CreatedBy === 'TAT' && c.CommandType === 'SHELL')!;
    const { InvocationId } = await invoke({ CommandId: publicCommand.CommandId, InstanceIds: [linux[1]!] });
    const byCreator = (await client.request('DescribeInvocations', {
      Filters: [{ Name: 'command-created-by', Values: ['TAT'] }],
      Limit: 1,
    })) as { InvocationSet: Invocation[] };
    expect(byCreator.InvocationSet[0]?.InvocationId).toBe(InvocationId);
    const powershell = commands.find((c) => c.CommandType === 'POWERSHELL')!;
    await expect(invoke({ CommandId: powershell.CommandId, InstanceIds: [windows] })).resolves.toBeDefined();
    expect(await errorCode(invoke({ CommandId: powershell.CommandId, InstanceIds: [linux[0]!] }))).toBe(
      'InvalidParameterValue.AgentUnsupportedCommandType',
    );
  });

  it('refuses each limit and bad value with its documented code', async () => {
    const plain = commands.find((c) => !c.EnableParameter && c.CommandType === 'SHELL')!;
    const withParameters = named('deploy-app');
    const one = [linux[0]!];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ InstanceIds: one }, 'MissingParameter'],
      [{ CommandId: 'command-1', InstanceIds: one }, 'InvalidParameterValue.InvalidCommandId'],
      [{ CommandId: 'cmd-zzzzzzzz', InstanceIds: one }, 'ResourceNotFound.CommandNotFound'],
      [{ CommandId: plain.CommandId }, 'MissingParameter'],
      [
        {
          CommandId: plain.CommandId,
          InstanceIds: Array.from({ length: 201 }, (_, i) => `ins-${String(i).padStart(8, '0')}`),
        },
        'InvalidParameterValue.LimitExceeded',
      ],
      [{ CommandId: plain.CommandId, InstanceIds: ['ins-zzzzzzzz'] }, 'ResourceNotFound.InstanceNotFound'],
      [
        { CommandId: plain.CommandId, InstanceIds: one, Parameters: '{"a": "b"}' },
        'InvalidParameterValue.ParameterDisabled',
      ],
      [
        { CommandId: withParameters.CommandId, InstanceIds: one, Parameters: '{"version": 2}' },
        'InvalidParameterValue.ParameterValueNotString',
      ],
      [
        { CommandId: withParameters.CommandId, InstanceIds: one, Parameters: 'version=2' },
        'InvalidParameterValue.ParameterInvalidJsonFormat',
      ],
      // InvokeCommand documents no `.Range`: an out-of-range Timeout is InvalidParameterValue.
      [{ CommandId: plain.CommandId, InstanceIds: one, Timeout: 86_401 }, 'InvalidParameterValue'],
      [{ CommandId: plain.CommandId, InstanceIds: one, Username: 'no such user!' }, 'InvalidParameter.InvalidUsername'],
      [
        { CommandId: plain.CommandId, InstanceIds: one, WorkingDirectory: 'relative' },
        'InvalidParameterValue.InvalidWorkingDirectory',
      ],
      [
        { CommandId: plain.CommandId, InstanceIds: one, OutputCOSBucketUrl: 'ftp://x' },
        'InvalidParameterValue.InvalidOutputCOSBucketUrl',
      ],
      [{ CommandId: plain.CommandId, InstanceIds: one, Content: b64('ls') }, 'UnknownParameter'],
    ];
    for (const [params, code] of cases) {
      expect([JSON.stringify(params).slice(0, 120), await errorCode(invoke(params))]).toEqual([
        JSON.stringify(params).slice(0, 120),
        code,
      ]);
    }
  });
});

describe('RunCommand with SaveCommand', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  let target: string;

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, now: () => NOW });
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

  it('saves the command (DescribeCommands shows it, InvokeCommand runs it); a second one of the same name is CommandNameDuplicated', async () => {
    const run = (await client.request('RunCommand', {
      Content: b64('echo {{who}}'),
      InstanceIds: [target],
      CommandName: 'greet',
      Description: 'says hello',
      SaveCommand: true,
      EnableParameter: true,
      DefaultParameters: '{"who": "world"}',
      Timeout: 90,
      Tags: [{ Key: 'team', Value: 'ops' }],
    })) as { CommandId: string; InvocationId: string };
    const saved = (
      (await client.request('DescribeCommands', { CommandIds: [run.CommandId] })) as { CommandSet: Command[] }
    ).CommandSet[0];
    expect(saved).toMatchObject({
      CommandId: run.CommandId,
      CommandName: 'greet',
      Description: 'says hello',
      Content: b64('echo {{who}}'),
      Timeout: 90,
      EnableParameter: true,
      DefaultParameters: '{"who":"world"}',
      DefaultParameterConfs: [{ ParameterName: 'who', ParameterValue: 'world', ParameterDescription: '' }],
      CreatedBy: 'USER',
      Tags: [{ Key: 'team', Value: 'ops' }],
    });
    const invoked = (await client.request('InvokeCommand', {
      CommandId: run.CommandId,
      InstanceIds: [target],
      Parameters: '{"who": "tat"}',
    })) as { InvocationId: string };
    const inv = (
      (await client.request('DescribeInvocations', { InvocationIds: [invoked.InvocationId] })) as {
        InvocationSet: Invocation[];
      }
    ).InvocationSet[0];
    expect(inv).toMatchObject({
      CommandId: run.CommandId,
      CommandName: 'greet',
      Timeout: 90,
      Parameters: '{"who":"tat"}',
    });
    expect(
      await errorCode(
        client.request('RunCommand', {
          Content: b64('ls'),
          InstanceIds: [target],
          CommandName: 'greet',
          SaveCommand: true,
        }),
      ),
    ).toBe('InvalidParameterValue.CommandNameDuplicated');
    // Not saving, the name may repeat; unsaved commands are not listed.
    const unsaved = (await client.request('RunCommand', {
      Content: b64('ls'),
      InstanceIds: [target],
      CommandName: 'greet',
    })) as { CommandId: string };
    expect(
      ((await client.request('DescribeCommands', { CommandIds: [unsaved.CommandId] })) as { TotalCount: number })
        .TotalCount,
    ).toBe(0);
    expect(
      await errorCode(client.request('InvokeCommand', { CommandId: unsaved.CommandId, InstanceIds: [target] })),
    ).toBe('ResourceNotFound.CommandNotFound');
  });
});
