/**
 * An index of a region's tasks, built once per region, so that a DescribeInvocationTasks request
 * costs time in proportion to the page and its matches, not to every task in the region:
 * positions by prefix sums, look-ups by task, invocation and instance.
 *
 * Invocations created later (RunCommand, InvokeCommand, arrivals) are inserted into the index
 * where the store inserts them: they are the newest, so near the front of the listing. The
 * prefix sums are kept from the back (tasks listed after each record), so inserting a record
 * `k` places from the front touches only the `k` records before it.
 */
import type { Filter } from '../api/types.js';
import type { StoredInvocation } from './data/model.js';
import type { TaskRef } from './filters.js';

export interface TaskIndex {
  /** Every task in server order (invocations newest first, each one's tasks in order). */
  readonly total: number;
  /** The tasks at [offset, offset + limit) of the whole listing. */
  slice(offset: number, limit: number): TaskRef[];
  /** Candidates for `filters`, in server order, narrowed by the most selective indexed filter; undefined when none is indexed. */
  candidates(filters: readonly Filter[]): TaskRef[] | undefined;
  byTaskId(id: string): TaskRef | undefined;
  /**
   * The tasks of these invocations (unknown or repeated ids count once or not at all) at
   * [offset, offset + limit) of their listing, and how many they are, without listing them all:
   * an invocation's tasks are one run of the listing, so paging through an invocation of
   * thousands of tasks costs each page its own tasks.
   */
  ofInvocations(ids: readonly string[], offset: number, limit: number): { total: number; page: TaskRef[] };
  /** The invocation with this id, if the region has it. */
  invocation(id: string): StoredInvocation | undefined;
}

const cache = new WeakMap<readonly StoredInvocation[], RegionTaskIndex>();

export function taskIndex(records: readonly StoredInvocation[]): TaskIndex {
  let index = cache.get(records);
  if (!index) {
    index = new RegionTaskIndex(records);
    cache.set(records, index);
  }
  return index;
}

/**
 * Tells the index of `records` (if one was built) that `records[at]` was just inserted there.
 * The store calls it after every insertion, so the index never goes stale.
 */
export function noteInserted(records: readonly StoredInvocation[], at: number): void {
  const record = records[at];
  if (record) cache.get(records)?.insert(record, at);
}

class RegionTaskIndex implements TaskIndex {
  /** The records from the oldest (last listed) to the newest. */
  private readonly reversed: StoredInvocation[] = [];
  /** after[j]: how many tasks are listed after reversed[j]'s tasks. */
  private readonly after: number[] = [];
  private readonly afterOf = new Map<StoredInvocation, number>();
  private readonly byTask = new Map<string, TaskRef>();
  private readonly byInvocation = new Map<string, StoredInvocation>();
  private readonly byInstance = new Map<string, TaskRef[]>();
  total = 0;

  constructor(records: readonly StoredInvocation[]) {
    for (let i = records.length - 1; i >= 0; i--) this.insert(records[i]!, 0);
  }

  /** Adds `record`, listed at position `at` of the records (0: the newest). */
  insert(record: StoredInvocation, at: number): void {
    const j = this.reversed.length - at;
    const count = record.taskIds.length;
    // The record listed right after the new one (the next older), with its own tasks.
    const older = this.reversed[j - 1];
    const after = older ? (this.after[j - 1] ?? 0) + older.taskIds.length : 0;
    this.reversed.splice(j, 0, record);
    this.after.splice(j, 0, after);
    this.afterOf.set(record, after);
    // The records listed before the new one now have its tasks after them.
    for (let m = j + 1; m < this.reversed.length; m++) {
      const shifted = (this.after[m] ?? 0) + count;
      this.after[m] = shifted;
      this.afterOf.set(this.reversed[m]!, shifted);
    }
    this.byInvocation.set(record.InvocationId, record);
    record.taskIds.forEach((taskId, index) => {
      const ref = { record, index };
      this.byTask.set(taskId, ref);
      const instance = record.instanceIds[index] ?? '';
      const list = this.byInstance.get(instance);
      if (list) list.push(ref);
      else this.byInstance.set(instance, [ref]);
    });
    this.total += count;
  }

  private position(ref: TaskRef): number {
    return this.total - (this.afterOf.get(ref.record) ?? 0) - ref.record.taskIds.length + ref.index;
  }

  slice(offset: number, limit: number): TaskRef[] {
    const page: TaskRef[] = [];
    if (offset >= this.total || offset < 0 || limit <= 0) return page;
    // Counted from the back: the first wanted task has `fromEnd` tasks after it.
    const fromEnd = this.total - 1 - offset;
    // The last record whose tasks start at or before it (binary search over `after`).
    let low = 0;
    let high = this.reversed.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.after[mid] ?? 0) <= fromEnd) low = mid;
      else high = mid - 1;
    }
    let j = low;
    let record = this.reversed[j]!;
    let index = record.taskIds.length - 1 - (fromEnd - (this.after[j] ?? 0));
    while (page.length < limit) {
      if (index < record.taskIds.length) page.push({ record, index: index++ });
      else {
        j -= 1;
        if (j < 0) break;
        record = this.reversed[j]!;
        index = 0;
      }
    }
    return page;
  }

  candidates(filters: readonly Filter[]): TaskRef[] | undefined {
    const sets: TaskRef[][] = [];
    for (const filter of filters) {
      if (filter.Name === 'invocation-task-id') sets.push(filter.Values.flatMap((id) => this.byTask.get(id) ?? []));
      else if (filter.Name === 'instance-id') sets.push(filter.Values.flatMap((id) => this.byInstance.get(id) ?? []));
      else if (filter.Name === 'invocation-id')
        sets.push(
          filter.Values.flatMap((id) => {
            const record = this.byInvocation.get(id);
            return record ? record.taskIds.map((_, index) => ({ record, index })) : [];
          }),
        );
    }
    if (sets.length === 0) return undefined;
    const smallest = sets.reduce((a, b) => (b.length < a.length ? b : a));
    // Values of one filter may name the same task twice (an instance id repeated): keep one.
    const seen = new Set<string>();
    const unique = smallest.filter((ref) => {
      const id = ref.record.taskIds[ref.index] ?? '';
      return !seen.has(id) && Boolean(seen.add(id));
    });
    return unique.sort((a, b) => this.position(a) - this.position(b));
  }

  byTaskId(id: string): TaskRef | undefined {
    return this.byTask.get(id);
  }

  ofInvocations(ids: readonly string[], offset: number, limit: number): { total: number; page: TaskRef[] } {
    const start = (record: StoredInvocation): number => this.position({ record, index: 0 });
    const records = [...new Set(ids)]
      .flatMap((id) => this.byInvocation.get(id) ?? [])
      .sort((a, b) => start(a) - start(b));
    let total = 0;
    for (const record of records) total += record.taskIds.length;
    const page: TaskRef[] = [];
    let skip = Math.max(0, offset);
    for (const record of records) {
      const count = record.taskIds.length;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      for (let index = skip; index < count && page.length < limit; index++) page.push({ record, index });
      skip = 0;
      if (page.length >= limit) break;
    }
    return { total, page };
  }

  invocation(id: string): StoredInvocation | undefined {
    return this.byInvocation.get(id);
  }
}
