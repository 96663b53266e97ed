import { ApiError } from '../errors.js';
import type { TatClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { byServerOrder, createdMs, invocationOrder } from './order.js';
import { paginate, type FetchedPage, type PageFetcher, type PagingOrder } from './paginate.js';
import { describeInvocations, describeInvocationTasks } from './tat.js';
import {
  MAX_FILTER_VALUES,
  MAX_IDS_PER_REQUEST,
  MAX_LIMIT,
  type Filter,
  type Invocation,
  type InvocationTask,
} from './types.js';

/**
 * How `tat` finds invocations: by ids (chunked by 100), by filters (paged), and by instance
 * even on servers whose DescribeInvocations does not know the `instance-id` filter.
 */

/** Requests in flight at once for chunked look-ups, as for paging. */
const CONCURRENCY = 4;

export const INVOCATION_PAGING: PagingOrder<Invocation> = { key: (r) => r.InvocationId, order: invocationOrder };
/** Tasks list newest first like their invocations; equal times by task id (only used to realign pages). */
export const TASK_PAGING: PagingOrder<InvocationTask> = {
  key: (t) => t.InvocationTaskId,
  order: byServerOrder<InvocationTask>((t) => t.InvocationTaskId),
};

export interface InvocationQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Pages worth asking for ahead, as the consumer estimates them (see PageRange.ahead). */
  ahead?: () => number;
}

export interface QueryHooks {
  /** Told once when `instance-id` has to be resolved through DescribeInvocationTasks. */
  onFallback?(message: string): void;
}

/** Fetches invocations by id, in the order asked; ids that do not exist are simply absent. */
export async function fetchByIds(client: TatClient, ids: readonly string[]): Promise<Invocation[]> {
  const found = new Map<string, Invocation>();
  const answers = await mapLimit(chunks(ids, MAX_IDS_PER_REQUEST), CONCURRENCY, (chunk) =>
    describeInvocations(client, { InvocationIds: chunk, Limit: MAX_LIMIT }),
  );
  for (const answer of answers)
    for (const invocation of answer.InvocationSet) found.set(invocation.InvocationId, invocation);
  return ids.flatMap((id) => found.get(id) ?? []);
}

export async function* queryInvocations(
  client: TatClient,
  query: InvocationQuery,
  hooks: QueryHooks = {},
): AsyncGenerator<FetchedPage<Invocation>> {
  const fetchPage: PageFetcher<Invocation> = async (offset, limit) => {
    const response = await describeInvocations(client, {
      Filters: query.filters.length ? query.filters : undefined,
      Offset: offset,
      Limit: limit,
    });
    return { items: response.InvocationSet, total: response.TotalCount };
  };
  const pages = paginate(fetchPage, query, INVOCATION_PAGING);
  try {
    const first = await pages.next();
    if (first.done) return;
    yield first.value;
  } catch (error) {
    if (!rejectsInstanceFilter(error, query.filters)) throw error;
    hooks.onFallback?.(
      'this server does not filter invocations by instance-id; resolving the instances through DescribeInvocationTasks',
    );
    yield await byInstanceThroughTasks(client, query);
    return;
  }
  yield* pages;
}

function rejectsInstanceFilter(error: unknown, filters: readonly Filter[]): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'InvalidParameterValue.InvalidFilter' &&
    filters.some((filter) => filter.Name === 'instance-id')
  );
}

/** Filters DescribeInvocations knows that can be checked on a record here; command-created-by cannot. */
const CLIENT_SIDE: Record<string, (invocation: Invocation) => string | undefined> = {
  'invocation-id': (r) => r.InvocationId,
  'command-id': (r) => r.CommandId,
  'instance-kind': (r) => r.InstanceKind,
};

/**
 * instance-id → the invocation ids of those instances' tasks → the invocations themselves.
 * Tasks come newest first and share their invocation's CreatedTime, so ids are resolved in
 * batches cut between two creation times, and paging stops as soon as the newest
 * `offset + limit` matches are known. Ids are looked up 100 at a time and the other filters
 * applied here (the API refuses InvocationIds with Filters); a filter only the server can apply
 * (command-created-by) is sent with at most 5 ids per request instead.
 */
async function byInstanceThroughTasks(client: TatClient, query: InvocationQuery): Promise<FetchedPage<Invocation>> {
  const instances = query.filters.find((filter) => filter.Name === 'instance-id')!.Values;
  const others = query.filters.filter((filter) => filter.Name !== 'instance-id');
  const serverSide = others.filter((filter) => !Object.hasOwn(CLIENT_SIDE, filter.Name));
  const clientSide = others.filter((filter) => Object.hasOwn(CLIENT_SIDE, filter.Name));
  const matchesHere = (r: Invocation): boolean =>
    clientSide.every((filter) => filter.Values.includes(CLIENT_SIDE[filter.Name]!(r) ?? ''));
  const wanted = query.limit === undefined ? Number.POSITIVE_INFINITY : query.offset + query.limit;

  const matches: Invocation[] = [];
  const resolve = async (ids: string[]): Promise<void> => {
    const found =
      serverSide.length === 0
        ? await fetchByIds(client, ids)
        : (
            await mapLimit(chunks(ids, MAX_FILTER_VALUES), CONCURRENCY, (chunk) =>
              describeInvocations(client, {
                Filters: [...serverSide, { Name: 'invocation-id', Values: chunk }],
                Offset: 0,
                Limit: MAX_LIMIT,
              }),
            )
          ).flatMap((answer) => answer.InvocationSet);
    matches.push(...found.filter(matchesHere));
  };

  const seen = new Set<string>();
  let batch: string[] = [];
  let batchTime = Number.NaN;
  let exhausted = true;
  // Without other filters every id is a match: ask for one more than needed, to know if more exist.
  const batchSize = (): number =>
    others.length === 0 ? Math.min(MAX_IDS_PER_REQUEST, wanted - matches.length + 1) : MAX_IDS_PER_REQUEST;
  const tasks = paginate(
    async (offset, limit) => {
      const response = await describeInvocationTasks(client, {
        Filters: [{ Name: 'instance-id', Values: [...instances] }],
        Offset: offset,
        Limit: limit,
        HideOutput: true,
      });
      return { items: response.InvocationTaskSet, total: response.TotalCount };
    },
    { offset: 0 },
    TASK_PAGING,
  );
  paging: for await (const page of tasks) {
    for (const task of page.items) {
      if (seen.has(task.InvocationId)) continue;
      const time = createdMs(task.CreatedTime);
      if (batch.length >= batchSize() && !Object.is(time, batchTime)) {
        await resolve(batch);
        batch = [];
        if (matches.length > wanted) {
          exhausted = false;
          break paging;
        }
      }
      seen.add(task.InvocationId);
      batch.push(task.InvocationId);
      batchTime = time;
    }
  }
  if (batch.length > 0) await resolve(batch);
  matches.sort(invocationOrder);
  const items = matches.slice(query.offset, wanted);
  return {
    items,
    offset: query.offset,
    nextOffset: query.offset + items.length,
    total: matches.length,
    countIsLowerBound: !exhausted,
  };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
