import type { TatClient } from '../../api/client.js';
import { describeInvocationTasks } from '../../api/tat.js';
import { MAX_FILTER_VALUES, MAX_LIMIT, type InvocationTask } from '../../api/types.js';
import { taskStatusKey, type WaitEntry } from './state.js';

/**
 * Per-instance tasks for the live view (output hidden). Fetched only for the invocations the
 * view shows, and only when one of their task statuses changed since the last fetch. Up to 5
 * invocations share one request (the filter's value limit) when their tasks fit in one page.
 */

type Paced = <T>(request: () => Promise<T>) => Promise<T>;

export async function fetchTasks(client: TatClient, wanted: readonly WaitEntry[], paced: Paced): Promise<void> {
  const stale = wanted.filter((entry) => entry.invocation && taskCount(entry) > 0 && entry.tasksKey !== taskStatusKey(entry.invocation));
  for (const batch of batches(stale)) {
    const keys = batch.map((entry) => taskStatusKey(entry.invocation));
    const tasks = await allTasks(client, batch.map((entry) => entry.id), batch.reduce((sum, entry) => sum + taskCount(entry), 0), paced);
    batch.forEach((entry, index) => {
      entry.tasks = tasks.filter((task) => task.InvocationId === entry.id);
      entry.tasksKey = keys[index];
    });
  }
}

function taskCount(entry: WaitEntry): number {
  const basic = entry.invocation?.InvocationTaskBasicInfoSet;
  return Array.isArray(basic) ? basic.length : 0;
}

/** Groups of at most 5 invocations whose tasks add up to one page; a bigger one goes alone. */
export function batches(entries: readonly WaitEntry[]): WaitEntry[][] {
  const out: WaitEntry[][] = [];
  let current: WaitEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    const count = taskCount(entry);
    if (current.length && (current.length >= MAX_FILTER_VALUES || size + count > MAX_LIMIT)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += count;
  }
  if (current.length) out.push(current);
  return out;
}

async function allTasks(client: TatClient, ids: string[], expected: number, paced: Paced): Promise<InvocationTask[]> {
  const tasks: InvocationTask[] = [];
  // TotalCount may lie: never more pages than the expected count needs, plus one.
  const maxPages = Math.ceil(expected / MAX_LIMIT) + 1;
  for (let page = 0; page < maxPages; page++) {
    const answer = await paced(() =>
      describeInvocationTasks(client, { Filters: [{ Name: 'invocation-id', Values: ids }], Offset: tasks.length, Limit: MAX_LIMIT, HideOutput: true }),
    );
    tasks.push(...answer.InvocationTaskSet);
    if (answer.InvocationTaskSet.length === 0 || tasks.length >= answer.TotalCount) break;
  }
  return tasks;
}
