import type { TatClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { chunks, TASK_PAGING } from './invocations.js';
import { paginate, type FetchedPage } from './paginate.js';
import { describeInvocationTasks } from './tat.js';
import { MAX_FILTER_VALUES, MAX_IDS_PER_REQUEST, MAX_LIMIT, type Filter, type InvocationTask } from './types.js';

/**
 * How `tat` finds invocation tasks (DescribeInvocationTasks): by task ids (chunked by 100), by
 * filters (paged), and every task of some invocations (paged, 5 invocation ids per filter).
 * `hideOutput: false` asks for the output too (the API hides it by default).
 */

const CONCURRENCY = 4;

export interface TaskQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  hideOutput: boolean;
  /** Pages worth asking for ahead, as the consumer estimates them (see PageRange.ahead). */
  ahead?: () => number;
}

export async function* queryTasks(client: TatClient, query: TaskQuery): AsyncGenerator<FetchedPage<InvocationTask>> {
  yield* paginate(
    async (offset, limit) => {
      const response = await describeInvocationTasks(client, {
        Filters: query.filters.length ? query.filters : undefined,
        Offset: offset,
        Limit: limit,
        HideOutput: query.hideOutput,
      });
      return { items: response.InvocationTaskSet, total: response.TotalCount };
    },
    query,
    TASK_PAGING,
  );
}

/** Fetches tasks by id, in the order asked; ids that do not exist are simply absent. */
export async function fetchTasksByIds(
  client: TatClient,
  ids: readonly string[],
  hideOutput: boolean,
): Promise<InvocationTask[]> {
  const found = new Map<string, InvocationTask>();
  const answers = await mapLimit(chunks(ids, MAX_IDS_PER_REQUEST), CONCURRENCY, (chunk) =>
    describeInvocationTasks(client, { InvocationTaskIds: chunk, Limit: MAX_LIMIT, HideOutput: hideOutput }),
  );
  for (const answer of answers) for (const task of answer.InvocationTaskSet) found.set(task.InvocationTaskId, task);
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * Every task of the given invocations (at most 5 invocation ids per filter, each query paged),
 * optionally only on some instances (at most 5 per filter: several queries per chunk then).
 */
export async function tasksOfInvocations(
  client: TatClient,
  invocationIds: readonly string[],
  options: { hideOutput: boolean; instanceIds?: readonly string[] },
): Promise<InvocationTask[]> {
  const instanceChunks = options.instanceIds?.length ? chunks(options.instanceIds, MAX_FILTER_VALUES) : [undefined];
  const queries = chunks(invocationIds, MAX_FILTER_VALUES).flatMap((ids) =>
    instanceChunks.map((instances): Filter[] => [
      { Name: 'invocation-id', Values: ids },
      ...(instances ? [{ Name: 'instance-id', Values: instances }] : []),
    ]),
  );
  const seen = new Set<string>();
  const tasks: InvocationTask[] = [];
  const answers = await mapLimit(queries, CONCURRENCY, async (filters) => {
    const found: InvocationTask[] = [];
    for await (const page of queryTasks(client, { filters, offset: 0, hideOutput: options.hideOutput }))
      found.push(...page.items);
    return found;
  });
  // Tasks created while paging shift others to later offsets: never keep one twice.
  for (const answer of answers)
    for (const task of answer)
      if (!seen.has(task.InvocationTaskId) && seen.add(task.InvocationTaskId)) tasks.push(task);
  return tasks;
}
