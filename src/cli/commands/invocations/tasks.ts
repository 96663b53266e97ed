import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { queryTasks } from '../../../api/tasks.js';
import type { GlobalFlags } from '../../flags.js';
import { withRegion } from '../../../output/regional.js';
import { TASK } from '../../../output/resources/task.js';
import { createContext } from '../../context.js';
import { locate } from '../../flows/locate.js';
import { notFound } from '../../flows/not-found.js';
import { parseInvocationIds } from '../../parse.js';
import { finishRegions, listsSeveralRegions, planRegions, searchedIn, type RegionFlags } from '../../regions.js';
import { withSpinner } from '../../terminal/terminal.js';

export type InvocationTasksFlags = RegionFlags;

/**
 * `tat invocations tasks <inv-id>`: every task of one invocation (paged), as `tat tasks list`
 * prints them. With several regions (`--region a,b`, `--all-regions`) the invocation is looked
 * up in each, and its tasks listed from the one that has it, each with its `Region`.
 */
export async function invocationTasksCommand(
  deps: Deps,
  flags: GlobalFlags,
  arg: string,
  raw: InvocationTasksFlags = {},
): Promise<void> {
  const ids = parseInvocationIds([arg], 'invocation id');
  if (ids.length !== 1)
    throw new UsageError(
      'give one invocation id',
      'e.g. tat invocations tasks inv-q4zp60g0; for several, tat tasks list --filter invocation-id=A,B',
    );
  const id = ids[0]!;
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const several = listsSeveralRegions(ctx, raw);
  // Every row is of the one invocation named: no INVOCATION column.
  const ofOne = { ...TASK, table: TASK.table.filter((column) => column.header !== 'INVOCATION') };
  const printer = await ctx.printer(several ? withRegion(ofOne) : ofOne, { cardinality: 'many', layout: 'rows' });
  const plan = await planRegions(ctx, raw);
  let region = plan.regions[0]!;
  if (plan.multi) {
    const found = (await locate(ctx, plan, [id])).get(id);
    if (!found) {
      await finishRegions(ctx, plan);
      throw notFound('invocation', [id], searchedIn(plan));
    }
    region = found.region;
  }
  const client = ctx.clientFor(region);
  let shown = 0;
  const pages = queryTasks(client, {
    filters: [{ Name: 'invocation-id', Values: [id] }],
    offset: 0,
    hideOutput: ctx.format !== 'content',
  });
  for await (const page of withSpinner(ctx.terminal, `Fetching the tasks of ${id}`, pages)) {
    await printer.write(plan.multi ? page.items.map((task) => ({ ...task, Region: region })) : page.items);
    shown += page.items.length;
  }
  // No task: an invocation has at least one, so tell "no such invocation" (exit 3) apart.
  if (shown === 0 && !plan.multi && (await fetchByIds(client, [id])).length === 0)
    throw notFound('invocation', [id], { region });
  await printer.end();
  await finishRegions(ctx, plan, { everyIdFound: true });
}
