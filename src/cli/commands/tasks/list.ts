import type { Deps } from '../../../deps.js';
import { TASK_PAGING } from '../../../api/invocations.js';
import { fetchTasksByIds, queryTasks } from '../../../api/tasks.js';
import { INVOCATION_TASK_FILTER_NAMES, TASK_STATUSES, type InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { TASK } from '../../../output/resources/task.js';
import { runListing, type ListingKind } from '../../listing.js';
import type { ListingFlags } from '../../listing-parse.js';
import { parseTaskIds } from '../../parse.js';

export type TaskListFlags = ListingFlags;

/**
 * What `tasks list` (DescribeInvocationTasks) lists, for the shared runner (src/cli/listing.ts).
 * DescribeInvocationTasks lists tasks newest invocation first (TASK_PAGING realigns pages on that order).
 */
const TASKS: ListingKind<InvocationTask> = {
  resource: TASK,
  parseIds: parseTaskIds,
  statuses: TASK_STATUSES,
  idsParameter: 'InvocationTaskIds',
  idFilterExample: 'invocation-task-id=invt-...',
  filterNames: INVOCATION_TASK_FILTER_NAMES,
  fields: { status: (t) => t.TaskStatus, created: (t) => t.CreatedTime },
  newestFirst: TASK_PAGING.order,
  source: (ctx) => {
    // The output is asked for only when it is printed: up to 24 KB per task otherwise wasted.
    const hideOutput = ctx.format !== 'content';
    return {
      byIds: (client, ids) => fetchTasksByIds(client, ids, hideOutput),
      query: (client, query) => queryTasks(client, { ...query, hideOutput }),
    };
  },
};

/** `tat tasks list`: DescribeInvocationTasks, paged like `invocations list`. */
export function tasksListCommand(deps: Deps, flags: GlobalFlags, raw: TaskListFlags): Promise<void> {
  return runListing(deps, flags, raw, TASKS);
}
