import { describe, expect, it } from '@jest/globals';
import type { StoredInvocation } from '../../src/emulator/data/model.js';
import { DataStore } from '../../src/emulator/data/store.js';
import { describeInvocationTasks } from '../../src/emulator/query.js';
import type { TaskRef } from '../../src/emulator/filters.js';
import { recordsFromJson } from '../../src/emulator/data/load.js';
import { formatTime } from '../../src/emulator/data/model.js';

/**
 * DescribeInvocationTasks over an index built once per region: each request builds only the
 * tasks of its page (counted here), yet answers exactly what a scan of every task would.
 */

const T0 = Date.parse('2026-11-28T00:00:00Z');
const records = new DataStore({ seed: 7, invocations: 400, t0: T0 }).forRegion('ap-guangzhou');
const naive: TaskRef[] = records.flatMap((record) => record.taskIds.map((_, index) => ({ record, index })));
const idOf = (ref: TaskRef): string => ref.record.taskIds[ref.index] ?? '';

/** The same records, counting how many times any task list is built. */
function counting(): { records: StoredInvocation[]; built: () => number } {
  let built = 0;
  // Object.create: packed records answer through getters on their prototype, which a spread would not copy.
  const wrapped = records.map((record) =>
    Object.assign(Object.create(record) as StoredInvocation, { tasks: (now: number) => (built++, record.tasks(now)) }),
  );
  return { records: wrapped, built: () => built };
}

describe('the task index', () => {
  it('pages exactly as a scan of every task would, and builds only the tasks of the page', () => {
    const { records: wrapped, built } = counting();
    const ctx = { records: wrapped, nowMs: T0, strictFilters: false };
    for (const offset of [0, 1, 37, 99, naive.length - 3, naive.length + 5]) {
      const before = built();
      const answer = describeInvocationTasks({ Offset: offset, Limit: 10 }, ctx) as {
        TotalCount: number;
        InvocationTaskSet: Array<{ InvocationTaskId: string }>;
      };
      expect(answer.TotalCount).toBe(naive.length);
      expect(answer.InvocationTaskSet.map((t) => t.InvocationTaskId)).toEqual(
        naive.slice(offset, offset + 10).map(idOf),
      );
      expect(built() - before).toBeLessThanOrEqual(10);
    }
  });

  it('filters by task, invocation and instance through the index, in server order', () => {
    const ctx = { records, nowMs: T0, strictFilters: false };
    const sample = naive[123]!;
    const instance = sample.record.instanceIds[sample.index] ?? '';
    const cases = [
      {
        filters: [{ Name: 'instance-id', Values: [instance] }],
        expected: naive.filter((r) => r.record.instanceIds[r.index] === instance),
      },
      {
        filters: [{ Name: 'invocation-id', Values: [sample.record.InvocationId] }],
        expected: naive.filter((r) => r.record === sample.record),
      },
      {
        filters: [{ Name: 'invocation-task-id', Values: [idOf(sample), idOf(naive[5]!)] }],
        expected: naive.filter((r) => [idOf(sample), idOf(naive[5]!)].includes(idOf(r))),
      },
      {
        filters: [{ Name: 'command-id', Values: [sample.record.CommandId] }],
        expected: naive.filter((r) => r.record.CommandId === sample.record.CommandId),
      },
    ];
    for (const { filters, expected } of cases) {
      const answer = describeInvocationTasks({ Filters: filters, Limit: 100 }, ctx) as {
        TotalCount: number;
        InvocationTaskSet: Array<{ InvocationTaskId: string }>;
      };
      expect(answer.TotalCount).toBe(expected.length);
      expect(answer.InvocationTaskSet.map((t) => t.InvocationTaskId)).toEqual(expected.slice(0, 100).map(idOf));
    }
  });

  it('stays exact as invocations are inserted after it was built: at the front, among equal times, and further back', () => {
    const store = new DataStore({ seed: 9, invocations: 60, t0: T0 });
    const region = 'ap-shanghai';
    const ctx = {
      get records() {
        return store.forRegion(region);
      },
      nowMs: T0,
      strictFilters: false,
    };
    const ids = (answer: Record<string, unknown>): string[] =>
      (answer.InvocationTaskSet as Array<{ InvocationTaskId: string }>).map((t) => t.InvocationTaskId);
    describeInvocationTasks({ Limit: 1 }, ctx);
    const created = (n: number, ms: number, tasks: number): void => {
      const [record] = recordsFromJson([
        {
          InvocationId: `inv-ins${n.toString().padStart(5, '0')}`,
          CreatedTime: formatTime(ms),
          InvocationStatus: 'SUCCESS',
          InvocationTaskBasicInfoSet: Array.from({ length: tasks }, (_, i) => ({
            InvocationTaskId: `invt-ins${n}x${i}`.padEnd(13, '0'),
            TaskStatus: 'SUCCESS',
            InstanceId: `ins-shared${i % 2}0`,
          })),
        },
      ]);
      store.insert(region, record!);
    };
    created(1, T0 + 5000, 3);
    created(2, T0 + 5000, 2);
    created(3, T0 + 9000, 1);
    created(4, T0 - 40 * 86_400_000, 4);
    created(5, T0 + 5000, 0);
    created(6, T0 + 7000, 2);
    const all = store.forRegion(region).flatMap((record) => record.taskIds.map((_, index) => ({ record, index })));
    for (const offset of [0, 1, 2, 4, 7, 9, all.length - 5]) {
      const answer = describeInvocationTasks({ Offset: offset, Limit: 6 }, ctx);
      expect(answer.TotalCount).toBe(all.length);
      expect(ids(answer)).toEqual(all.slice(offset, offset + 6).map(idOf));
    }
    for (const filters of [
      [{ Name: 'instance-id', Values: ['ins-shared00'] }],
      [{ Name: 'invocation-id', Values: ['inv-ins00004', 'inv-ins00001'] }],
      [{ Name: 'invocation-task-id', Values: ['invt-ins6x100', 'invt-ins4x300'] }],
    ]) {
      const values = filters[0]!.Values;
      const field = (ref: TaskRef): string =>
        filters[0]!.Name === 'instance-id'
          ? (ref.record.instanceIds[ref.index] ?? '')
          : filters[0]!.Name === 'invocation-id'
            ? ref.record.InvocationId
            : idOf(ref);
      const expected = all.filter((ref) => values.includes(field(ref)));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(describeInvocationTasks({ Filters: filters, Limit: 100 }, ctx))).toEqual(expected.map(idOf));
    }
  });
});
