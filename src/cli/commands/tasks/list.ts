import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { fetchTasksByIds, queryTasks } from '../../../api/tasks.js';
import { DEFAULT_LIMIT, INVOCATION_TASK_FILTER_NAMES, TASK_STATUSES, type Filter, type InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { TASK } from '../../../output/resources/task.js';
import { parseInteger } from '../../../values.js';
import { withRegion } from '../../../output/regional.js';
import { checkWindow, hasClientFilters, parseStatuses, parseTimeBound, type ClientFilterOptions } from '../../client-filters.js';
import { listsSeveralRegions, planRegions } from '../../regions.js';
import { listTasksFiltered } from './list-filtered.js';
import { createContext, type CommandContext } from '../../context.js';
import { resumable, summarise, type ListProgress } from '../../listing.js';
import { parseFilters, parseTaskIds } from '../../parse.js';
import { withSpinner } from '../../ui.js';
import { explainFilterError } from '../invocations/filter-errors.js';

/** The raw flags of `tat tasks list`, as commander hands them over. */
export interface TaskListFlags {
  id: string[];
  filter: string[];
  limit?: string;
  offset?: string;
  all?: boolean;
  status: string[];
  since?: string;
  until?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/** Validated options: every refusal happens while building this, before any request. */
export interface TaskListOptions {
  ids: string[];
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Applied by tat to what the server returns: `--status`, `--since`, `--until`. */
  local: ClientFilterOptions;
}

export const MAX_TASK_LIST_LIMIT = 1_000_000;

/** The same rules as `invocations list`: --id or --filter, --all or --limit, at most 10 filters of 5 values. */
export function parseTaskListOptions(flags: TaskListFlags, now: number): TaskListOptions {
  const ids = parseTaskIds(flags.id, '--id');
  const filters = parseFilters(flags.filter);
  if (ids.length && filters.length)
    throw new UsageError('--id and --filter cannot be used together (the API refuses InvocationTaskIds with Filters)', 'Use one or the other, e.g. --filter invocation-task-id=invt-... together with other filters.');
  if (flags.all && flags.limit !== undefined) throw new UsageError('--all and --limit cannot be used together', 'Drop --limit to fetch every match, or drop --all.');
  const offset = flags.offset === undefined ? 0 : parseInteger(flags.offset, '--offset', { min: 0, max: Number.MAX_SAFE_INTEGER });
  let limit: number | undefined;
  if (flags.limit !== undefined) limit = parseInteger(flags.limit, '--limit', { min: 1, max: MAX_TASK_LIST_LIMIT });
  else if (!flags.all && ids.length === 0) limit = DEFAULT_LIMIT;
  const local: ClientFilterOptions = { statuses: parseStatuses(flags.status, '--status', TASK_STATUSES) };
  if (flags.since !== undefined) local.since = parseTimeBound(flags.since, '--since', now);
  if (flags.until !== undefined) local.until = parseTimeBound(flags.until, '--until', now);
  checkWindow(local);
  return { ids, filters, offset, limit, local };
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
