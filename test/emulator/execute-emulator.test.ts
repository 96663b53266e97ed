/**
 * `tat-emulator --execute` through the official Node SDK: RunCommand really runs the script on
 * each instance (two here), and DescribeInvocationTasks shows its output, exit code, a kill at
 * Timeout and the agent's 24,576-byte cut; CancelInvocation kills a running one; stopping the
 * emulator kills what still runs. Only statuses and outputs are asserted, never durations.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import type { AutomationAgentInfo, InvocationTask } from '../../src/api/types.js';
import { banner, parseArgs } from '../../src/emulator/cli.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { resolveOptions } from '../../src/emulator/options.js';
import { loopbackAgent, sdkClient, type SdkClient } from './sdk-client.js';

const FINAL = new Set(['SUCCESS', 'FAILED', 'TIMEOUT', 'TERMINATED', 'START_FAILED', 'CANCELLED', 'DELIVER_FAILED']);
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function tasksOf(client: SdkClient, invocationId: string): Promise<InvocationTask[]> {
  const page = (await client.request('DescribeInvocationTasks', {
    Filters: [{ Name: 'invocation-id', Values: [invocationId] }],
    HideOutput: false,
  })) as { InvocationTaskSet: InvocationTask[] };
  return page.InvocationTaskSet;
}

/** Polls until every task of the invocation satisfies `done` (real scripts take real time). */
async function until(
  client: SdkClient,
  invocationId: string,
  done: (task: InvocationTask) => boolean,
): Promise<InvocationTask[]> {
  for (let i = 0; ; i++) {
    const tasks = await tasksOf(client, invocationId);
    if (tasks.length > 0 && tasks.every(done)) return tasks;
    if (i > 600)
      throw new Error(`invocation ${invocationId} never got there: ${tasks.map((t) => t.TaskStatus).join(',')}`);
    await pause(50);
  }
}

const output = (task: InvocationTask): Buffer => Buffer.from(task.TaskResult?.Output ?? '', 'base64');

describe('--execute', () => {
  let emu: RunningEmulator;
  let agent: Agent;
  let client: SdkClient;
  let instances: string[];

  beforeAll(async () => {
    agent = loopbackAgent();
    emu = await startEmulator({ port: 0, rateLimit: 0, execute: true, instances: 5 });
    client = sdkClient(emu, agent);
    const online = (await client.request('DescribeAutomationAgentStatus', {
      Filters: [
        { Name: 'agent-status', Values: ['Online'] },
        { Name: 'environment', Values: ['Linux'] },
      ],
      Limit: 100,
    })) as { AutomationAgentSet: AutomationAgentInfo[] };
    instances = online.AutomationAgentSet.map((a) => a.InstanceId)
      .filter((id) => id.startsWith('ins-'))
      .slice(0, 2);
    expect(instances).toHaveLength(2);
  });
  afterAll(async () => {
    agent.destroy();
    await emu.close();
  });

  const run = async (script: string, timeout = 30): Promise<string> =>
    (
      (await client.request('RunCommand', { Content: b64(script), InstanceIds: instances, Timeout: timeout })) as {
        InvocationId: string;
      }
    ).InvocationId;

  it('runs the script on both instances: its output (stdout and stderr in order), its exit code, the 24,576-byte cut and Dropped', async () => {
    const id = await run('echo out\necho err >&2\nhead -c 30000 /dev/zero | tr "\\0" a\nexit 3\n');
    const tasks = await until(client, id, (t) => FINAL.has(t.TaskStatus));
    expect(tasks.map((t) => t.InstanceId).sort()).toEqual([...instances].sort());
    for (const task of tasks) {
      expect(task).toMatchObject({ TaskStatus: 'FAILED', ErrorInfo: '' });
      expect(task.TaskResult).toMatchObject({ ExitCode: 3, Dropped: 8 + 30_000 - 24_576 });
      expect(output(task).toString()).toBe(('out\nerr\n' + 'a'.repeat(30_000)).slice(0, 24_576));
      expect(task.TaskResult?.ExecStartTime).not.toBeNull();
      expect(task.TaskResult?.ExecEndTime).not.toBeNull();
    }
  });

  it('kills a script at exactly its Timeout: TIMEOUT, exit code -1, what it printed before', async () => {
    const id = await run('echo before\nsleep 30\necho after\n', 1);
    const tasks = await until(client, id, (t) => FINAL.has(t.TaskStatus));
    for (const task of tasks) {
      expect(task).toMatchObject({ TaskStatus: 'TIMEOUT', ErrorInfo: '' });
      expect(task.TaskResult?.ExitCode).toBe(-1);
      expect(output(task).toString()).toBe('before\n');
    }
  });

  it('CancelInvocation kills a running script: TERMINATED, exit code -1, its output kept', async () => {
    const id = await run('echo started\nsleep 30\necho never\n', 60);
    await until(client, id, (t) => t.TaskStatus === 'RUNNING' && output(t).toString() === 'started\n');
    await client.request('CancelInvocation', { InvocationId: id });
    const tasks = await until(client, id, (t) => FINAL.has(t.TaskStatus));
    for (const task of tasks) {
      expect(task.TaskStatus).toBe('TERMINATED');
      expect(task.TaskResult?.ExitCode).toBe(-1);
      expect(output(task).toString()).toBe('started\n');
    }
  });

  it('stopping the emulator kills the scripts still running', async () => {
    const own = await startEmulator({ port: 0, rateLimit: 0, execute: true, instances: 5 });
    const c = sdkClient(own, agent);
    const id = (
      (await c.request('RunCommand', {
        Content: b64('sleep 60 &\necho "$!"\nsleep 60\n'),
        InstanceIds: [instances[0]],
        Timeout: 120,
      })) as { InvocationId: string }
    ).InvocationId;
    const [task] = await until(c, id, (t) => /^\d+\n$/.test(output(t).toString()));
    const pid = Number(output(task!).toString());
    expect(running(pid)).toBe(true);
    await own.close();
    for (let i = 0; i < 100 && running(pid); i++) await pause(20);
    expect(running(pid)).toBe(false);
  });

  it('the banner says scripts really run', () => {
    expect(banner(emu)).toMatch(/^Executing: each task really runs its script with \/bin\/sh on this machine/m);
  });
});

describe('--execute on a host other machines reach', () => {
  it('is refused unless --allow-remote-execute is given too; loopback hosts need nothing more', () => {
    const refused = parseArgs(['--host', '0.0.0.0', '--execute']);
    expect(refused.kind).toBe('error');
    expect(refused.kind === 'error' && refused.message).toMatch(
      /^--execute runs every script sent to the emulator as a real command on this machine; on host 0\.0\.0\.0 .* add --allow-remote-execute/,
    );
    expect(() => resolveOptions({ host: '::', execute: true })).toThrow(/--allow-remote-execute/);
    expect(parseArgs(['--host', '0.0.0.0', '--execute', '--allow-remote-execute'])).toMatchObject({
      kind: 'run',
      options: { execute: true, allowRemoteExecute: true },
    });
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(resolveOptions({ host, execute: true }).execute).toBe(true);
    expect(parseArgs(['--host', '0.0.0.0']).kind).toBe('run');
  });
});
