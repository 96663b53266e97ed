import { ApiError } from '../errors.js';
import type { TatClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { paginate, type FetchedPage, type PageFetcher } from './paginate.js';
import { sequentialPages } from './sequential.js';
import { describeInvocations, describeInvocationTasks } from './tat.js';
import { MAX_FILTER_VALUES, MAX_IDS_PER_REQUEST, MAX_LIMIT, type Filter, type Invocation } from './types.js';

/**
 * How `tat` finds invocations: by ids (chunked by 100), by filters (paged), and by instance
 * even on servers whose DescribeInvocations does not know the `instance-id` filter.
 */

/** Requests in flight at once for chunked look-ups, as for paging. */
const CONCURRENCY = 4;

export interface InvocationQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Page one request at a time, only as the consumer asks (it filters and may stop early). */
  sequential?: boolean;
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
  for (const answer of answers) for (const invocation of answer.InvocationSet) found.set(invocation.InvocationId, invocation);
  return ids.flatMap((id) => found.get(id) ?? []);
}

export async function* queryInvocations(client: TatClient, query: InvocationQuery, hooks: QueryHooks = {}): AsyncGenerator<FetchedPage<Invocation>> {
  const fetchPage: PageFetcher<Invocation> = async (offset, limit) => {
    const response = await describeInvocations(client, { Filters: query.filters.length ? query.filters : undefined, Offset: offset, Limit: limit });
    return { items: response.InvocationSet, total: response.TotalCount };
  };
  const pages = query.sequential ? sequentialPages(fetchPage, query.offset) : paginate(fetchPage, query);
  try {
    const first = await pages.next();
    if (first.done) return;
    yield first.value;
  } catch (error) {
    if (!rejectsInstanceFilter(error, query.filters)) throw error;
    hooks.onFallback?.('this server does not filter invocations by instance-id; resolving the instances through DescribeInvocationTasks');
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

/**
 * instance-id → the invocation ids of those instances' tasks → the invocations themselves,
 * keeping every other filter's meaning by letting the server apply it (with an invocation-id
 * filter of at most 5 values per request), then ordering and slicing like the server would.
 */
async function byInstanceThroughTasks(client: TatClient, query: InvocationQuery): Promise<FetchedPage<Invocation>> {
  const instances = query.filters.find((filter) => filter.Name === 'instance-id')!.Values;
  const others = query.filters.filter((filter) => filter.Name !== 'instance-id');
  let ids = await invocationIdsOfInstances(client, instances);

  const idFilter = others.find((filter) => filter.Name === 'invocation-id');
  if (idFilter) ids = ids.filter((id) => idFilter.Values.includes(id));
  const rest = others.filter((filter) => filter.Name !== 'invocation-id');

  let matches: Invocation[];
  if (rest.length === 0) {
    matches = await fetchByIds(client, ids);
  } else {
    // At most 5 ids per filter value list; each chunk matches at most 5 invocations: one page.
    const answers = await mapLimit(chunks(ids, MAX_FILTER_VALUES), CONCURRENCY, (chunk) =>
      describeInvocations(client, { Filters: [...rest, { Name: 'invocation-id', Values: chunk }], Offset: 0, Limit: MAX_LIMIT }),
    );
    matches = answers.flatMap((answer) => answer.InvocationSet);
  }
  matches.sort(newestFirst);
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  return { items: matches.slice(query.offset, end), offset: query.offset, total: matches.length };
}

async function invocationIdsOfInstances(client: TatClient, instances: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  const pages = paginate(async (offset, limit) => {
    const response = await describeInvocationTasks(client, {
      Filters: [{ Name: 'instance-id', Values: [...instances] }],
      Offset: offset,
      Limit: limit,
      HideOutput: true,
    });
    return { items: response.InvocationTaskSet, total: response.TotalCount };
  }, { offset: 0 });
  for await (const page of pages) for (const task of page.items) ids.add(task.InvocationId);
  return [...ids];
}

/** Server order: newest CreatedTime first; ties broken by id so the order is total. */
export function newestFirst(a: Invocation, b: Invocation): number {
  const byTime = Date.parse(b.CreatedTime) - Date.parse(a.CreatedTime);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.InvocationId < b.InvocationId ? 1 : a.InvocationId > b.InvocationId ? -1 : 0;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
