import type { TatClient } from '../../../api/client.js';
import { TASK_PAGING } from '../../../api/invocations.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { fetchTasksByIds, queryTasks } from '../../../api/tasks.js';
import { INVOCATION_TASK_FILTER_NAMES, type Filter, type InvocationTask } from '../../../api/types.js';
import type { Formatter } from '../../../output/types.js';
import { filterPages, type ClientFilterOptions } from '../../client-filters.js';
import type { CommandContext } from '../../context.js';
import { fanOut, finishRegions, window, type RegionPlan } from '../../regions.js';
import { withSpinner } from '../../ui.js';
import { explainFilterError } from '../invocations/filter-errors.js';

/** What this path needs of list.ts's validated options (kept here: list.ts imports this file). */
export interface FilteredTaskOptions {
  ids: string[];
  filters: Filter[];
  offset: number;
  limit?: number;
  local: ClientFilterOptions;
}

const newestFirst = TASK_PAGING.order;
const FIELDS = { status: (t: InvocationTask) => t.TaskStatus, created: (t: InvocationTask) => t.CreatedTime };

/**
 * `tasks list` when tat itself filters or merges: `--status`, `--since`, `--until` and/or several
 * regions. DescribeInvocationTasks lists tasks newest invocation first (the emulator does, and
 * api/invocations.ts TASK_PAGING realigns pages on that order), so each region pages one page at
 * a time and stops at the first page reaching past `--since`. `--offset`/`--limit` count the rows
 * left after these filters.
 */
export async function listTasksFiltered(ctx: CommandContext, options: FilteredTaskOptions, plan: RegionPlan, formatter: Formatter<InvocationTask>): Promise<void> {
  const filtered = options.local.statuses.length > 0 || options.local.since !== undefined || options.local.until !== undefined;
  const perRegionLimit = filtered || options.limit === undefined ? undefined : options.offset + options.limit;
  const hideOutput = ctx.format !== 'content';
  const streamOf = (client: TatClient): AsyncIterator<readonly InvocationTask[]> =>
    rowsOf(filterPages(pagesOf(client, options, perRegionLimit, filtered, hideOutput), options.local, FIELDS));
  const rows = window(fanOut(ctx, plan, streamOf, newestFirst), options.offset, options.limit);
  let shown = 0;
  try {
    for await (const batch of withSpinner(ctx.ui, `Fetching tasks${plan.multi ? ` in ${plan.regions.length} regions` : ''}`, rows[Symbol.asyncIterator]())) {
      await formatter.write(batch);
      shown += batch.length;
    }
    await formatter.end();
  } catch (error) {
    throw explainFilterError(error, options.filters, INVOCATION_TASK_FILTER_NAMES);
  }
  if (ctx.ui.interactive)
    ctx.ui.notice(shown === 0 ? 'No tasks match.' : `Showing ${shown} tasks${plan.multi ? ` from ${plan.regions.length} regions` : ''}${options.limit !== undefined && shown === options.limit ? '; --limit N or --all for more' : ''}.`);
  if (plan.multi) await finishRegions(ctx, plan);
}

async function* pagesOf(
  client: TatClient,
  options: FilteredTaskOptions,
  limit: number | undefined,
  sequential: boolean,
  hideOutput: boolean,
): AsyncGenerator<FetchedPage<InvocationTask>> {
  if (options.ids.length) {
    const found = (await fetchTasksByIds(client, options.ids, hideOutput)).sort(newestFirst);
    yield { items: found, offset: 0, nextOffset: found.length, total: found.length };
    return;
  }
  yield* queryTasks(client, { filters: options.filters, offset: 0, limit, hideOutput, sequential });
}

async function* rowsOf<T>(pages: AsyncIterable<FetchedPage<T>>): AsyncGenerator<readonly T[]> {
  for await (const page of pages) yield page.items;
}
