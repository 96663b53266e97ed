/**
 * An index of a region's tasks, built once per region (its records never change), so that a
 * DescribeInvocationTasks request costs time in proportion to the page and its matches, not to
 * every task in the region: positions by prefix sums, look-ups by task, invocation and instance.
 */
import type { Filter } from '../api/types.js';
import type { StoredInvocation } from './data/model.js';
import type { TaskRef } from './filters.js';

export interface TaskIndex {
  /** Every task in server order (invocations newest first, each one's tasks in order). */
  total: number;
  /** The tasks at [offset, offset + limit) of the whole listing. */
  slice(offset: number, limit: number): TaskRef[];
  /** Candidates for `filters`, in server order, narrowed by the most selective indexed filter; undefined when none is indexed. */
  candidates(filters: readonly Filter[]): TaskRef[] | undefined;
  byTaskId(id: string): TaskRef | undefined;
}

const cache = new WeakMap<readonly StoredInvocation[], TaskIndex>();

export function taskIndex(records: readonly StoredInvocation[]): TaskIndex {
  let index = cache.get(records);
  if (!index) {
    index = buildIndex(records);
    cache.set(records, index);
  }
  return index;
}

function buildIndex(records: readonly StoredInvocation[]): TaskIndex {
  // starts[i]: position of records[i]'s first task in the listing.
  const starts = new Array<number>(records.length);
  const recordPosition = new Map<StoredInvocation, number>();
  const byTask = new Map<string, TaskRef>();
  const byInvocation = new Map<string, StoredInvocation>();
  const byInstance = new Map<string, TaskRef[]>();
  let total = 0;
  records.forEach((record, i) => {
    starts[i] = total;
    recordPosition.set(record, i);
    byInvocation.set(record.InvocationId, record);
    record.taskIds.forEach((taskId, taskIndex) => {
      const ref = { record, index: taskIndex };
      byTask.set(taskId, ref);
      const instance = record.instanceIds[taskIndex] ?? '';
      const list = byInstance.get(instance);
      if (list) list.push(ref);
      else byInstance.set(instance, [ref]);
    });
    total += record.taskIds.length;
  });
  const position = (ref: TaskRef): number => (starts[recordPosition.get(ref.record) ?? 0] ?? 0) + ref.index;
  const inOrder = (refs: TaskRef[]): TaskRef[] => refs.sort((a, b) => position(a) - position(b));

  /** The last record whose first task is at or before `at` (binary search over the prefix sums). */
  const recordAt = (at: number): number => {
    let low = 0;
    let high = records.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  };

  return {
    total,
    slice(offset, limit) {
      const page: TaskRef[] = [];
      if (offset >= total || limit <= 0) return page;
      let r = recordAt(offset);
      let index = offset - (starts[r] ?? 0);
      while (page.length < limit && r < records.length) {
        const record = records[r]!;
        if (index < record.taskIds.length) page.push({ record, index: index++ });
        else {
          r += 1;
          index = 0;
        }
      }
      return page;
    },
    candidates(filters) {
      const sets: TaskRef[][] = [];
      for (const filter of filters) {
        if (filter.Name === 'invocation-task-id') sets.push(filter.Values.flatMap((id) => byTask.get(id) ?? []));
        else if (filter.Name === 'instance-id') sets.push(filter.Values.flatMap((id) => byInstance.get(id) ?? []));
        else if (filter.Name === 'invocation-id')
          sets.push(filter.Values.flatMap((id) => {
            const record = byInvocation.get(id);
            return record ? record.taskIds.map((_, index) => ({ record, index })) : [];
          }));
      }
      if (sets.length === 0) return undefined;
      const smallest = sets.reduce((a, b) => (b.length < a.length ? b : a));
      // Values of one filter may name the same task twice (an instance id repeated): keep one.
      const seen = new Set<string>();
      return inOrder(smallest.filter((ref) => {
        const id = ref.record.taskIds[ref.index] ?? '';
        return !seen.has(id) && Boolean(seen.add(id));
      }));
    },
    byTaskId: (id) => byTask.get(id),
  };
}
