import { describe, expect, it } from '@jest/globals';
import { runEnv } from '../helpers/run-emulator.js';

/** `tat run` followed to the end: one record per instance as it finishes, the recap, the exit status. */

interface Record {
  InstanceId: string;
  TaskStatus: string;
  ExitCode: number | null;
  Output: string;
  Dropped: number;
  OutputUrl: string;
  InvocationId: string;
}

describe('tat run, piped', () => {
  it('prints one ndjson record per instance under the API field names, and a recap on stderr', async () => {
    const env = await runEnv();
    const targets = ['ins-zj0f57ew', 'ins-zj0f57ex', 'ins-zj0f57ev'];
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record);
    expect(records.map((r) => r.InstanceId).sort()).toEqual([...targets].sort());
    for (const record of records) {
      expect(Object.keys(record).slice(0, 6)).toEqual(['InstanceId', 'TaskStatus', 'ExitCode', 'Output', 'Dropped', 'OutputUrl']);
      expect(record).toMatchObject({ TaskStatus: 'SUCCESS', ExitCode: 0, Dropped: 0 });
    }
    expect(result.stderr).toMatch(/Ran on 3 instances in \S+ \(inv-[0-9a-z]+\): 3 SUCCESS\.\n$/);
    expect(env.count('RunCommand')).toBe(1);
  });

  it('prints a tsv row per instance by default', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew']);
    expect(result.code).toBe(0);
    const [row] = result.stdout.trim().split('\n');
    expect(row!.split('\t').slice(0, 3)).toEqual(['ins-zj0f57ew', 'SUCCESS', '0']);
  });

  it('prints the records as one JSON array with -o json', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew,ins-zj0f57ex', '-o', 'json']);
    expect((JSON.parse(result.stdout) as Record[]).map((r) => r.TaskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it('follows a run of 450 instances (three calls) as one: 450 records and one recap', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(450);
    env.sent.length = 0;
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '-o', 'ndjson', '--quiet']);
    expect(result.code).toBe(0);
    expect(env.count('RunCommand')).toBe(3);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record);
    expect(new Set(records.map((r) => r.InstanceId))).toEqual(new Set(targets));
    expect(new Set(records.map((r) => r.InvocationId)).size).toBe(3);
    expect(result.stderr).toBe('');
  });

  it('starts rolling batches one after the other, each once the previous has ended', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(10);
    env.sent.length = 0;
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '--batch-size', '40%', '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const calls = env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds as string[]);
    expect(calls).toEqual([targets.slice(0, 4), targets.slice(4, 8), targets.slice(8)]);
    // Every record of a batch comes before the next batch is started.
    const order = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as Record).InstanceId);
    expect(order.slice(0, 4).sort()).toEqual(targets.slice(0, 4).sort());
    expect(order.slice(4, 8).sort()).toEqual(targets.slice(4, 8).sort());
  });
});
