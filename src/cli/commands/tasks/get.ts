import type { Deps } from '../../../deps.js';
import type { GlobalFlags } from '../../flags.js';
import { withRegion } from '../../../output/regional.js';
import { TASK } from '../../../output/resources/task.js';
import { createContext } from '../../context.js';
import { locateTasks } from '../../flows/locate.js';
import { notFound } from '../../flows/not-found.js';
import { parseTaskIds } from '../../parse.js';
import { finishRegions, listsSeveralRegions, planRegions, searchedIn, type RegionFlags } from '../../regions.js';

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
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const several = listsSeveralRegions(ctx, raw);
  const printer = await ctx.printer(several ? withRegion(TASK) : TASK, {
    cardinality: ids.length === 1 ? 'one' : 'many',
    layout: 'detail',
  });
  const plan = await planRegions(ctx, raw);
  const where = await locateTasks(ctx, plan, ids, false);
  await printer.write(
    ids.flatMap((id) => {
      const found = where.get(id);
      return found ? [plan.multi ? { ...found.record, Region: found.region } : found.record] : [];
    }),
  );
  await printer.end();
  const missing = ids.filter((id) => !where.has(id));
  await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (missing.length) throw notFound('task', missing, searchedIn(plan));
}
