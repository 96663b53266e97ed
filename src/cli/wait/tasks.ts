import type { TatClient } from '../../api/client.js';
import { fetchTasksByIds } from '../../api/tasks.js';
import type { InvocationTask } from '../../api/types.js';
import { invocationOf, taskStatusKey, type WaitEntry } from './state.js';

/**
 * Which tasks the wait engine fetches, by task id (the ids are in each invocation's
 * InvocationTaskBasicInfoSet, so DescribeInvocationTasks is asked 100 ids a request through
 * api/tasks.ts, the one task pager): tasks for display only when one of their statuses changed
 * since they were last fetched, and each task that ended for a command that follows them.
 */

export type Paced = <T>(request: () => Promise<T>) => Promise<T>;

/** The entries whose displayed tasks are out of date: some task status changed since the fetch. */
export function staleForDisplay(wanted: readonly WaitEntry[]): WaitEntry[] {
  return wanted.filter((entry) => {
    if (entry.kind !== 'found' && entry.kind !== 'final') return false;
    return taskIdsOf(entry).length > 0 && entry.tasks?.key !== taskStatusKey(entry.invocation);
  });
}

/** The task ids an invocation lists (InvocationTaskBasicInfoSet), in its order. */
export function taskIdsOf(entry: WaitEntry): string[] {
  const basic = invocationOf(entry)?.InvocationTaskBasicInfoSet;
  return Array.isArray(basic)
    ? basic.map((info) => info.InvocationTaskId).filter((id) => typeof id === 'string' && id !== '')
    : [];
}

/** The tasks of these ids (output hidden unless asked for), each request paced. */
export function fetchTasks(
  client: TatClient,
  ids: readonly string[],
  paced: Paced,
  withOutput = false,
): Promise<InvocationTask[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return fetchTasksByIds(
    { call: (action, params) => paced(() => client.call(action, params)), pacing: client.pacing },
    ids,
    !withOutput,
  );
}
