import type { Deps } from '../../../deps.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { fetchTasksByIds, queryTasks } from '../../../api/tasks.js';
import { INVOCATION_TASK_FILTER_NAMES, TASK_STATUSES, type InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { TASK } from '../../../output/resources/task.js';
import { withRegion } from '../../../output/regional.js';
import { hasClientFilters } from '../../client-filters.js';
import { parseListingOptions, type ListingFlags, type ListingOptions } from '../../listing-options.js';
import { listsSeveralRegions, planRegions } from '../../regions.js';
import { listTasksFiltered } from './list-filtered.js';
import { createContext, type CommandContext } from '../../context.js';
import { resumable, summarise, type ListProgress } from '../../listing.js';
import { parseTaskIds } from '../../parse.js';
import { withSpinner } from '../../ui.js';
import { explainFilterError } from '../invocations/filter-errors.js';

export type TaskListFlags = ListingFlags;
export type TaskListOptions = ListingOptions;

/** The same rules as `invocations list`. */
export function parseTaskListOptions(flags: TaskListFlags, now: number): TaskListOptions {
  return parseListingOptions(flags, now, { parseIds: parseTaskIds, statuses: TASK_STATUSES, idsParameter: 'InvocationTaskIds', idFilterExample: 'invocation-task-id=invt-...' });
}

/** `tat tasks list`: DescribeInvocationTasks, paged like `invocations list`. */
export async function tasksListCommand(deps: Deps, flags: GlobalFlags, raw: TaskListFlags): Promise<void> {
  const options = parseTaskListOptions(raw, deps.now());
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const printer = await ctx.printer(listsSeveralRegions(ctx, raw) ? withRegion(TASK) : TASK, { cardinality: 'many', layout: 'rows' });
  const plan = await planRegions(ctx, raw);
  if (plan.multi || hasClientFilters(options.local)) return listTasksFiltered(ctx, options, plan, printer);
  const progress: ListProgress = { shown: 0, nextOffset: options.offset };
  try {
    for await (const page of withSpinner(ctx.ui, 'Fetching tasks', pagesFor(ctx, options))) {
      progress.total = page.total;
      progress.nextOffset = page.nextOffset;
      await printer.write(page.items);
      progress.shown += page.items.length;
    }
    await printer.end();
  } catch (error) {
    throw progress.shown > 0 ? resumable(error, progress, printer.streams, 'tasks') : explainFilterError(error, options.filters, INVOCATION_TASK_FILTER_NAMES);
  }
  summarise(ctx, options, progress, 'tasks');
}

async function* pagesFor(ctx: CommandContext, options: TaskListOptions): AsyncGenerator<FetchedPage<InvocationTask>> {
  const client = ctx.client();
  // The output is asked for only when it is printed: up to 24 KB per task otherwise wasted.
  const hideOutput = ctx.format !== 'content';
  if (options.ids.length) {
    const found = await fetchTasksByIds(client, options.ids, hideOutput);
    const end = options.limit === undefined ? undefined : options.offset + options.limit;
    const items = found.slice(options.offset, end);
    yield { items, offset: options.offset, nextOffset: options.offset + items.length, total: found.length };
    return;
  }
  yield* queryTasks(client, { ...options, hideOutput });
}
