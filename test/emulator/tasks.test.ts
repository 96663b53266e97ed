/** DescribeInvocationTasks: ids, filters, limits, HideOutput and truncated output. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { InvocationTask } from '../../src/api/types.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { Client, start, testClock } from './helpers.js';

type Page = { TotalCount: number; InvocationTaskSet: InvocationTask[] };
const action = 'DescribeInvocationTasks';

describe('DescribeInvocationTasks', () => {
  const clock = testClock();
  let emu: RunningEmulator;
  let client: Client;
  const list = async (body: unknown): Promise<Page> => (await client.call(body, { action })) as unknown as Page;
  const code = (body: unknown): Promise<string | undefined> => client.errorCode(body, { action });
  const all = async (extra: Record<string, unknown> = {}): Promise<InvocationTask[]> => {
    const out: InvocationTask[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await list({ Limit: 100, Offset: offset, ...extra });
      out.push(...page.InvocationTaskSet);
      if (page.InvocationTaskSet.length < 100) return out;
    }
  };
  beforeAll(async () => {
    emu = await start({ now: clock.now });
    client = new Client(emu, clock.now);
  });
  afterAll(() => emu.close());

  it('lists the three tasks of inv-q4zp60g0, agreeing with the invocation', async () => {
    const page = await list({ Filters: [{ Name: 'invocation-id', Values: ['inv-q4zp60g0'] }], HideOutput: false });
    expect(page.TotalCount).toBe(3);
    expect(page.InvocationTaskSet.map((t) => [t.InvocationTaskId, t.InstanceId, t.TaskStatus])).toEqual([
      ['invt-kakne8h2', 'ins-zj0f57ew', 'SUCCESS'],
      ['invt-jc2onrxm', 'ins-zj0f57ex', 'SUCCESS'],
      ['invt-6xmuisyq', 'ins-zj0f57ev', 'SUCCESS'],
    ]);
    const task = page.InvocationTaskSet[0] as InvocationTask;
    expect(Buffer.from(task.TaskResult?.Output ?? '', 'base64').toString()).toBe('/root\n');
    expect(task.CommandDocument?.Content).toBe('cHdk');
    expect(Object.keys(task)).toEqual([
      'InvocationId',
      'InvocationTaskId',
      'CommandId',
      'CommandName',
      'TaskStatus',
      'InstanceId',
      'TaskResult',
      'StartTime',
      'EndTime',
      'CreatedTime',
      'UpdatedTime',
      'CommandDocument',
      'ErrorInfo',
      'InvocationSource',
    ]);
    expect(Object.keys(task.TaskResult ?? {})).toEqual([
      'ExitCode',
      'Output',
      'ExecStartTime',
      'ExecEndTime',
      'Dropped',
      'OutputUrl',
      'OutputUploadCOSErrorInfo',
    ]);
  });

  it('HideOutput defaults to true (empty Output); false gives base64 output', async () => {
    const ids = ['invt-kakne8h2', 'invt-hc91n6ga8d'];
    const hidden = await list({ InvocationTaskIds: ids });
    expect(hidden.InvocationTaskSet.map((t) => t.TaskResult?.Output)).toEqual(['', '']);
    expect(
      (await list({ InvocationTaskIds: ids, HideOutput: true })).InvocationTaskSet.map((t) => t.TaskResult?.Output),
    ).toEqual(['', '']);
    const shown = await list({ InvocationTaskIds: ids, HideOutput: false });
    expect(shown.InvocationTaskSet.map((t) => Buffer.from(t.TaskResult?.Output ?? '', 'base64').toString())).toEqual([
      '/root\n',
      '/root\n',
    ]);
  });

  it('outputs are realistic, cut at exactly 24,576 bytes with Dropped and an OutputUrl or an upload error', async () => {
    const tasks = await all({ HideOutput: false });
    const outputs = tasks.map((t) => Buffer.from(t.TaskResult?.Output ?? '', 'base64'));
    expect(outputs.every((o) => o.length <= 24_576)).toBe(true);
    const truncated = tasks.filter((t) => (t.TaskResult?.Dropped ?? 0) > 0);
    expect(truncated.length).toBeGreaterThan(0);
    for (const t of truncated) {
      expect(Buffer.from(t.TaskResult?.Output ?? '', 'base64').length).toBe(24_576);
      if (t.TaskResult?.OutputUrl) expect(t.TaskResult.OutputUrl).toMatch(/^https:\/\/.+\.cos\..+\.log$/);
      else expect(t.TaskResult?.OutputUploadCOSErrorInfo).not.toBe('');
    }
    // The agent cuts raw bytes: the last character of a cut multi-byte output is split.
    expect(
      truncated.some(
        (t) =>
          !Buffer.from(t.TaskResult?.Output ?? '', 'base64')
            .toString()
            .endsWith('\n'),
      ),
    ).toBe(true);
    expect(
      truncated.some((t) =>
        Buffer.from(t.TaskResult?.Output ?? '', 'base64')
          .toString()
          .endsWith('\uFFFD'),
      ),
    ).toBe(true);
    // Some outputs carry escape sequences, some raw binary bytes, some nothing.
    expect(outputs.some((o) => o.includes('\u001b[32m'))).toBe(true);
    expect(outputs.some((o) => o.includes(Buffer.from([0xfe, 0xff])))).toBe(true);
    expect(tasks.some((t) => t.TaskStatus === 'SUCCESS' && t.TaskResult?.Output === '')).toBe(true);
    expect(tasks.every((t) => typeof t.CommandName === 'string')).toBe(true);
    const text = tasks.map((t) => Buffer.from(t.TaskResult?.Output ?? '', 'base64').toString()).join('');
    expect(text).toMatch(/Filesystem +Size/);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(tasks.some((t) => t.TaskStatus === 'FAILED' && (t.TaskResult?.ExitCode ?? 0) !== 0)).toBe(true);
  });

  it('pages concatenate to all tasks with no duplicate', async () => {
    const total = (await list({ Limit: 1 })).TotalCount;
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 33)
      ids.push(...(await list({ Limit: 33, Offset: offset })).InvocationTaskSet.map((t) => t.InvocationTaskId));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect((await list({})).InvocationTaskSet).toHaveLength(20);
  });

  it('each filter: invocation-task-id, invocation-id, instance-id, command-id; AND across, OR within', async () => {
    const tasks = await all();
    const sample = tasks[12] as InvocationTask;
    const by = async (Name: string, Values: string[]): Promise<string[]> =>
      (await all({ Filters: [{ Name, Values }] })).map((t) => t.InvocationTaskId);
    expect(await by('invocation-task-id', [sample.InvocationTaskId, 'invt-kakne8h2'])).toEqual(
      tasks
        .filter((t) => [sample.InvocationTaskId, 'invt-kakne8h2'].includes(t.InvocationTaskId))
        .map((t) => t.InvocationTaskId),
    );
    expect(await by('invocation-id', [sample.InvocationId])).toEqual(
      tasks.filter((t) => t.InvocationId === sample.InvocationId).map((t) => t.InvocationTaskId),
    );
    expect(await by('instance-id', [sample.InstanceId])).toEqual(
      tasks.filter((t) => t.InstanceId === sample.InstanceId).map((t) => t.InvocationTaskId),
    );
    expect(await by('command-id', [sample.CommandId])).toEqual(
      tasks.filter((t) => t.CommandId === sample.CommandId).map((t) => t.InvocationTaskId),
    );
    const both = await all({
      Filters: [
        { Name: 'command-id', Values: [sample.CommandId] },
        { Name: 'instance-id', Values: [sample.InstanceId] },
      ],
    });
    expect(both.map((t) => t.InvocationTaskId)).toEqual(
      tasks
        .filter((t) => t.CommandId === sample.CommandId && t.InstanceId === sample.InstanceId)
        .map((t) => t.InvocationTaskId),
    );
  });

  it('limits, conflicts and formats', async () => {
    const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `invt-${String(i).padStart(8, '0')}`);
    expect(await code({ InvocationTaskIds: ids(100) })).toBeUndefined();
    // DescribeInvocationTasks documents no LimitExceeded.* code: its limits are InvalidParameterValue.
    expect(await code({ InvocationTaskIds: ids(101) })).toBe('InvalidParameterValue');
    expect(
      await code({
        InvocationTaskIds: ['invt-kakne8h2'],
        Filters: [{ Name: 'instance-id', Values: ['ins-zj0f57ew'] }],
      }),
    ).toBe('InvalidParameter.ConflictParameter');
    expect(await code({ InvocationTaskIds: ['inv-kakne8h2'] })).toBe('InvalidParameterValue.InvalidInvocationTaskId');
    expect(await code({ Filters: [{ Name: 'instance-kind', Values: ['CVM'] }] })).toBe(
      'InvalidParameterValue.InvalidFilter',
    );
    expect(
      await code({ Filters: Array.from({ length: 11 }, () => ({ Name: 'instance-id', Values: ['ins-zj0f57ew'] })) }),
    ).toBe('InvalidParameterValue');
    expect(
      await code({
        Filters: [
          {
            Name: 'instance-id',
            Values: ['ins-aaaaaaaa', 'ins-bbbbbbbb', 'ins-cccccccc', 'ins-dddddddd', 'ins-eeeeeeee', 'ins-ffffffff'],
          },
        ],
      }),
    ).toBe('InvalidParameterValue');
    expect(await code({ Filters: [{ Name: 'instance-id', Values: ['zj0f57ew'] }] })).toBe(
      'InvalidParameterValue.InvalidInstanceId',
    );
    expect(await code({ Filters: [{ Name: 'command-id', Values: ['9dxzty3m'] }] })).toBe(
      'InvalidParameterValue.InvalidCommandId',
    );
    expect(await code({ Limit: 101 })).toBe('InvalidParameterValue');
    expect(await code({ InvocationIds: ['inv-q4zp60g0'] })).toBe('UnknownParameter');
  });
});
