/** The simulation rule as RunCommand hands it a task: the command's user and working directory reach the script. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'node:http';
import type { AutomationAgentInfo, InvocationTask } from '../../src/api/types.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

/** The SDK signs with the real clock, so the emulator's stays within the 5 minutes it accepts. */
const T0 = Math.floor(Date.now() / 1000) * 1000;

describe('a simulated task of RunCommand', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  let clockMs = T0;
  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, now: () => clockMs });
    client = sdkClient(emu, agent);
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  it('runs as its Username in its WorkingDirectory: whoami, pwd, $HOME', async () => {
    const online = (await client.request('DescribeAutomationAgentStatus', {
      Filters: [
        { Name: 'agent-status', Values: ['Online'] },
        { Name: 'environment', Values: ['Linux'] },
      ],
      Limit: 100,
    })) as { AutomationAgentSet: AutomationAgentInfo[] };
    const target = online.AutomationAgentSet.find((a) => a.InstanceId.startsWith('ins-'))!.InstanceId;
    const script = Buffer.from('whoami\npwd\necho "$HOME"\n').toString('base64');
    const { InvocationId } = (await client.request('RunCommand', {
      Content: script,
      InstanceIds: [target],
      Username: 'deploy',
      WorkingDirectory: '/srv/app',
    })) as { InvocationId: string };
    clockMs += 10_000;
    const page = (await client.request('DescribeInvocationTasks', {
      Filters: [{ Name: 'invocation-id', Values: [InvocationId] }],
      HideOutput: false,
    })) as { InvocationTaskSet: InvocationTask[] };
    const [task] = page.InvocationTaskSet;
    expect(task?.TaskStatus).toBe('SUCCESS');
    expect(Buffer.from(task?.TaskResult?.Output ?? '', 'base64').toString()).toBe('deploy\n/srv/app\n/home/deploy\n');
  });
});
