/** `--data` files that list agents and saved commands, beside (or instead of) invocations. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AutomationAgentInfo, Command } from '../../src/api/types.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { loopbackAgent, sdkClient } from './sdk-client.js';

const FILE = {
  Response: {
    InvocationSet: [
      {
        InvocationId: 'inv-data0001',
        CreatedTime: '2025-06-01T10:00:00Z',
        CommandType: 'POWERSHELL',
        InvocationTaskBasicInfoSet: [
          { InvocationTaskId: 'invt-data0001', TaskStatus: 'SUCCESS', InstanceId: 'ins-winfile1' },
        ],
      },
      {
        InvocationId: 'inv-data0002',
        CreatedTime: '2025-06-01T11:00:00Z',
        InvocationTaskBasicInfoSet: [
          { InvocationTaskId: 'invt-data0002', TaskStatus: 'SUCCESS', InstanceId: 'ins-listed01' },
          { InvocationTaskId: 'invt-data0003', TaskStatus: 'SUCCESS', InstanceId: 'lhins-file0001' },
        ],
      },
    ],
    AutomationAgentSet: [
      {
        InstanceId: 'ins-listed01',
        AgentStatus: 'Offline',
        Environment: 'Linux',
        Version: '0.1.25',
        LastHeartbeatTime: '2025-05-30T08:00:00Z',
        SupportFeatures: [],
      },
      { InstanceId: 'ins-listed02' },
    ],
    CommandSet: [
      {
        CommandId: 'cmd-file0001',
        CommandName: 'hello',
        Content: 'ZWNobyBoaQ==',
        Tags: [{ Key: 'team', Value: 'qa' }],
        CreatedTime: '2025-01-01T00:00:00Z',
      },
      {
        CommandId: 'cmd-file0002',
        CommandName: 'greet',
        Content: 'ZWNobyB7e25hbWV9fQ==',
        DefaultParameters: '{"name":"world"}',
        CreatedTime: '2025-02-01T00:00:00Z',
      },
    ],
  },
};

describe('--data agents and commands', () => {
  const agent = loopbackAgent();
  const T0 = Math.floor(Date.now() / 1000) * 1000;
  let emu: RunningEmulator | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tat-data-'));
  afterAll(async () => {
    agent.destroy();
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the file's agents as given (defaults for what they leave out), then the other instances its invocations ran on, in every region", async () => {
    emu = await startEmulator({ port: 0, rateLimit: 0, data: FILE, now: () => T0 });
    for (const region of ['ap-guangzhou', 'ap-tokyo']) {
      const page = (await sdkClient(emu, agent, region).request('DescribeAutomationAgentStatus', {})) as {
        AutomationAgentSet: AutomationAgentInfo[];
        TotalCount: number;
      };
      expect(page.TotalCount).toBe(4);
      const [listed, plain, windows, lighthouse] = page.AutomationAgentSet;
      expect(listed).toEqual({
        InstanceId: 'ins-listed01',
        Version: '0.1.25',
        LastHeartbeatTime: '2025-05-30T08:00:00Z',
        AgentStatus: 'Offline',
        Environment: 'Linux',
        SupportFeatures: [],
      });
      expect(plain).toMatchObject({ InstanceId: 'ins-listed02', AgentStatus: 'Online', Environment: 'Linux' });
      expect(T0 - Date.parse(plain!.LastHeartbeatTime)).toBeLessThan(60_000);
      expect(windows).toMatchObject({ InstanceId: 'ins-winfile1', AgentStatus: 'Online', Environment: 'Windows' });
      expect(lighthouse).toMatchObject({ InstanceId: 'lhins-file0001', AgentStatus: 'Online', Environment: 'Linux' });
    }
  });

  it("serves the file's commands, newest first, with the defaults of a saved command", async () => {
    emu ??= await startEmulator({ port: 0, rateLimit: 0, data: FILE, now: () => T0 });
    const page = (await sdkClient(emu, agent).request('DescribeCommands', {})) as {
      CommandSet: Command[];
      TotalCount: number;
    };
    expect(page.CommandSet.map((c) => c.CommandId)).toEqual(['cmd-file0002', 'cmd-file0001']);
    expect(page.CommandSet[0]).toMatchObject({
      CommandName: 'greet',
      EnableParameter: true,
      DefaultParameters: '{"name":"world"}',
      CommandType: 'SHELL',
      Timeout: 60,
      Username: 'root',
      CreatedBy: 'USER',
    });
    const tagged = (await sdkClient(emu, agent).request('DescribeCommands', {
      Filters: [{ Name: 'tag:team', Values: ['qa'] }],
    })) as { CommandSet: Command[] };
    expect(tagged.CommandSet.map((c) => c.CommandId)).toEqual(['cmd-file0001']);
  });

  it('a file of agents alone serves them and no invocations', async () => {
    const only = await startEmulator({
      port: 0,
      rateLimit: 0,
      data: { AutomationAgentSet: [{ InstanceId: 'ins-alone001' }] },
    });
    try {
      const c = sdkClient(only, agent);
      expect(((await c.request('DescribeInvocations', {})) as { TotalCount: number }).TotalCount).toBe(0);
      expect(((await c.request('DescribeAutomationAgentStatus', {})) as { TotalCount: number }).TotalCount).toBe(1);
      expect(((await c.request('DescribeCommands', {})) as { TotalCount: number }).TotalCount).toBe(0);
    } finally {
      await only.close();
    }
  });

  it.each([
    [{ AutomationAgentSet: {} }, /"AutomationAgentSet" must be an array/],
    [{ AutomationAgentSet: [{ InstanceId: 'i-1' }] }, /agent #0 has no valid InstanceId/],
    [
      { AutomationAgentSet: [{ InstanceId: 'ins-aaaaaaaa' }, { InstanceId: 'ins-aaaaaaaa' }] },
      /duplicate agent InstanceId ins-aaaaaaaa/,
    ],
    [
      { AutomationAgentSet: [{ InstanceId: 'ins-aaaaaaaa', AgentStatus: 'online' }] },
      /agent ins-aaaaaaaa: AgentStatus must be one of Online, Offline/,
    ],
    [
      { AutomationAgentSet: [{ InstanceId: 'ins-aaaaaaaa', LastHeartbeatTime: 'yesterday' }] },
      /LastHeartbeatTime must be an ISO 8601 time/,
    ],
    [{ CommandSet: [{ CommandName: 'x' }] }, /command #0 has no valid CommandId/],
    [
      { CommandSet: [{ CommandId: 'cmd-aaaaaaaa', Timeout: '60' }] },
      /command cmd-aaaaaaaa: Timeout must be a whole number/,
    ],
    [
      { CommandSet: [{ CommandId: 'cmd-aaaaaaaa', Tags: [{ Key: 'a' }] }] },
      /command cmd-aaaaaaaa: Tags must be an array of \{Key, Value\}/,
    ],
  ])('a file with %j is refused, naming the file and the entry', async (data, message) => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(data));
    await expect(startEmulator({ port: 0, dataFile: path })).rejects.toThrow(
      new RegExp(`data file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${message.source}`),
    );
  });
});
