/**
 * DescribeInvocationTasks over one invocation of thousands of tasks (a `--data` file): a page
 * builds its own tasks, not every task of the invocation, so paging through them all is linear.
 * Counted through the record (tasks built), not timed.
 */
import { describe, expect, it } from '@jest/globals';
import type { InvocationTask } from '../../src/api/types.js';
import { recordsFromJson } from '../../src/emulator/data/load.js';
import { DataStore } from '../../src/emulator/data/store.js';
import type { StoredInvocation } from '../../src/emulator/data/model.js';
import { describeInvocationTasks } from '../../src/emulator/query.js';

/** One invocation of `n` tasks, wrapped so that every task it builds is counted. */
function counted(n: number): { record: StoredInvocation; built: () => number; reads: () => number } {
  const [record] = recordsFromJson([
    {
      InvocationId: 'inv-big00001',
      CreatedTime: '2025-01-02T00:00:00Z',
      InvocationTaskBasicInfoSet: Array.from({ length: n }, (_, i) => ({
        InvocationTaskId: `invt-b${String(i).padStart(7, '0')}`,
        TaskStatus: 'SUCCESS',
        InstanceId: `ins-b${String(i).padStart(7, '0')}`,
      })),
    },
  ]);
  let built = 0;
  let reads = 0;
  const inner = record!;
  // Counts reads of task ids by position: listing every task of the invocation reads each.
  const taskIds = new Proxy(inner.taskIds, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const wrapped: StoredInvocation = {
    InvocationId: inner.InvocationId,
    createdMs: inner.createdMs,
    commandCreatedBy: inner.commandCreatedBy,
    CommandId: inner.CommandId,
    InstanceKind: inner.InstanceKind,
    taskIds,
    instanceIds: inner.instanceIds,
    invocation: (now) => inner.invocation(now),
    tasks: (now) => {
      const tasks = inner.tasks(now);
      built += tasks.length;
      return tasks;
    },
    ...(inner.task && {
      task: (now: number, index: number) => {
        built += 1;
        return inner.task!(now, index);
      },
    }),
  };
  return { record: wrapped, built: () => built, reads: () => reads };
}

describe('DescribeInvocationTasks on an invocation of thousands of tasks', () => {
  it('builds each task once over all its pages, whatever the size (4× the tasks, 4× the work)', () => {
    const pageThrough = (n: number): { ids: string[]; built: number; reads: number } => {
      const { record, built, reads } = counted(n);
      // One region's records, as the store keeps them (its task index is built once).
      const records = [record];
      const ids: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const answer = describeInvocationTasks(
          {
            Filters: [{ Name: 'invocation-id', Values: ['inv-big00001'] }],
            Limit: 100,
            Offset: offset,
            HideOutput: false,
          },
          { records, nowMs: 0, strictFilters: false },
        );
        const page = answer.InvocationTaskSet as InvocationTask[];
        ids.push(...page.map((task) => task.InvocationTaskId));
        if (page.length < 100) break;
      }
      return { ids, built: built(), reads: reads() };
    };
    const small = pageThrough(1000);
    const large = pageThrough(4000);
    expect(small.ids).toHaveLength(1000);
    expect(new Set(large.ids).size).toBe(4000);
    expect(large.ids[3999]).toBe('invt-b0003999');
    // Before: every page built all the invocation's tasks (10 × 1,000 and 40 × 4,000 = 160,000).
    expect(small.built).toBe(1000);
    expect(large.built).toBe(4000);
    // Nor does a page list every task to find its own (40 pages × 4,000 reads before).
    expect(large.reads).toBeLessThanOrEqual(2 * 4000);
    expect(large.reads).toBeLessThanOrEqual(4 * small.reads + 100);
  });

  it('pages of several invocations (repeated, unknown) follow the listing order, as the full listing has them', () => {
    const store = new DataStore({ seed: 7, invocations: 60, t0: Date.UTC(2025, 4, 20) });
    const records = store.forRegion('ap-shanghai');
    const ctx = { records, nowMs: Date.UTC(2025, 4, 20), strictFilters: false };
    const everything: InvocationTask[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = describeInvocationTasks({ Limit: 100, Offset: offset }, ctx).InvocationTaskSet as InvocationTask[];
      everything.push(...page);
      if (page.length < 100) break;
    }
    const wanted = [
      records[40]!.InvocationId,
      records[3]!.InvocationId,
      records[17]!.InvocationId,
      records[3]!.InvocationId,
      'inv-zzzzzzzz',
    ];
    const expected = everything
      .filter((task) => wanted.includes(task.InvocationId))
      .map((task) => task.InvocationTaskId);
    for (const [offset, limit] of [
      [0, 100],
      [0, 1],
      [2, 3],
      [expected.length - 1, 5],
      [expected.length, 5],
    ] as const) {
      const answer = describeInvocationTasks(
        { Filters: [{ Name: 'invocation-id', Values: wanted }], Limit: limit, Offset: offset },
        ctx,
      );
      expect(answer.TotalCount).toBe(expected.length);
      expect((answer.InvocationTaskSet as InvocationTask[]).map((task) => task.InvocationTaskId)).toEqual(
        expected.slice(offset, offset + limit),
      );
    }
  });
});
