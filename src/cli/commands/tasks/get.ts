import type { Deps } from '../../../deps.js';
import { NotFoundError } from '../../../errors.js';
import { fetchTasksByIds } from '../../../api/tasks.js';
import type { GlobalFlags } from '../../../config/index.js';
import { TASK } from '../../../output/resources/task.js';
import { createContext } from '../../context.js';
import { parseTaskIds } from '../../parse.js';

/** `tat tasks get <invt-id...>`: each task in full, output included; exit 3 naming ids that do not exist. */
export async function tasksGetCommand(deps: Deps, flags: GlobalFlags, args: readonly string[]): Promise<void> {
  const ids = parseTaskIds(args, 'task id');
  const ctx = await createContext(deps, flags);
  const printer = await ctx.printer(TASK, { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' });
  const found = await ctx.ui.spin(`Fetching ${ids.length === 1 ? ids[0] : `${ids.length} tasks`}`, () => fetchTasksByIds(ctx.client(), ids, false));
  await printer.write(found);
  await printer.end();
  const present = new Set(found.map((task) => task.InvocationTaskId));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length)
    throw new NotFoundError(
      `${missing.length === 1 ? 'task' : `${missing.length} tasks`} not found in region ${ctx.settings.region}: ${missing.join(', ')}`,
      missing,
      'Check the id and the region (--region); `tat invocations tasks inv-...` lists the tasks of an invocation.',
    );
}
