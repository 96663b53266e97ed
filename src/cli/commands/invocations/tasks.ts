import type { Deps } from '../../../deps.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { queryTasks } from '../../../api/tasks.js';
import type { GlobalFlags } from '../../../config/index.js';
import { TASK } from '../../../output/resources/task.js';
import { createContext } from '../../context.js';
import { parseInvocationIds } from '../../parse.js';
import { withSpinner } from '../../ui.js';

/** `tat invocations tasks <inv-id>`: every task of one invocation (paged), as `tat tasks list` prints them. */
export async function invocationTasksCommand(deps: Deps, flags: GlobalFlags, arg: string): Promise<void> {
  const ids = parseInvocationIds([arg], 'invocation id');
  if (ids.length !== 1) throw new UsageError('give one invocation id', 'e.g. tat invocations tasks inv-q4zp60g0; for several, tat tasks list --filter invocation-id=A,B');
  const id = ids[0]!;
  const ctx = await createContext(deps, flags);
  const printer = await ctx.printer(TASK, { cardinality: 'many', layout: 'rows' });
  const client = ctx.client();
  let shown = 0;
  const pages = queryTasks(client, { filters: [{ Name: 'invocation-id', Values: [id] }], offset: 0, hideOutput: ctx.format !== 'content' });
  for await (const page of withSpinner(ctx.ui, `Fetching the tasks of ${id}`, pages)) {
    await printer.write(page.items);
    shown += page.items.length;
  }
  // No task: an invocation has at least one, so tell "no such invocation" (exit 3) apart.
  if (shown === 0 && (await fetchByIds(client, [id])).length === 0)
    throw new NotFoundError(`invocation not found in region ${ctx.settings.region}: ${id}`, [id], 'Check the id and the region (--region); `tat invocations list` shows recent ones.');
  await printer.end();
}
