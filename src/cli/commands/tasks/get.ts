import type { Deps } from '../../../deps.js';
import type { GlobalFlags } from '../../flags.js';
import { TASK } from '../../../output/resources/task.js';
import { locateTasks } from '../../flows/locate.js';
import { showByIds } from '../../flows/show-by-ids.js';
import { parseTaskIds } from '../../parse.js';
import type { RegionFlags } from '../../regions.js';

export type TasksGetFlags = RegionFlags;

/**
 * `tat tasks get <invt-id...>`: each task in full, output included; exit 3 naming ids that do
 * not exist. With several regions each id is looked up in all of them (and printed with its `Region`).
 */
export async function tasksGetCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: TasksGetFlags = {},
): Promise<void> {
  const ids = parseTaskIds(args, 'task id');
  return showByIds(deps, flags, ids, raw, {
    resource: TASK,
    noun: 'task',
    locate: (ctx, plan, asked) => locateTasks(ctx, plan, asked, false),
  });
}
