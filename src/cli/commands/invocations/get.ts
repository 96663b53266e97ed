import type { Deps } from '../../../deps.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { tasksOfInvocations } from '../../../api/tasks.js';
import type { Invocation, InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { invocationResource } from '../../../output/resources/invocation.js';
import { createContext, type CommandContext } from '../../context.js';
import { parseInvocationIds } from '../../parse.js';
import { planRegions, regionFailed } from '../../regions.js';
import { isRegionFailure } from '../../../api/merge.js';
import { openWaitSession, parseWaitFlags } from '../../wait/run.js';

export interface GetFlags {
  wait?: boolean;
  maxWait?: string;
  interval?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/** `tat invocations get <id...>`: prints the ones that exist, then exits 3 naming the ones that do not. */
export async function getCommand(deps: Deps, flags: GlobalFlags, args: readonly string[], raw: GetFlags = {}): Promise<void> {
  const ids = parseInvocationIds(args, 'invocation id');
  if (!raw.wait && (raw.maxWait !== undefined || raw.interval !== undefined))
    throw new UsageError(`${raw.maxWait !== undefined ? '--max-wait' : '--interval'} only applies with --wait`, 'Add --wait, or use `tat invocations wait`.');
  if (raw.wait) return getAfterWait(deps, flags, ids, raw);
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const plan = await planRegions(ctx, raw);
  if (plan.multi) return (await import('./get-regions.js')).getAcrossRegions(ctx, plan, ids);
  // The detail view's task table shows exit codes and errors, which only DescribeInvocationTasks has.
  const tasks = new Map<string, Map<string, InvocationTask>>();
  const formatter = await ctx.printer(
    invocationResource((id) => tasks.get(id)),
    { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' },
  );
  const found = await ctx.ui.spin(`Fetching ${ids.length === 1 ? ids[0] : `${ids.length} invocations`}`, async () => {
    const invocations = await fetchByIds(ctx.client(), ids);
    await fetchTasksForTable(ctx, invocations, tasks);
    return invocations;
  });
  await formatter.write(found);
  await formatter.end();
  const present = new Set(found.map((invocation) => invocation.InvocationId));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length)
    throw new NotFoundError(
      `${missing.length === 1 ? 'invocation' : `${missing.length} invocations`} not found in region ${ctx.settings.region}: ${missing.join(', ')}`,
      missing,
      'Check the id and the region (--region); `tat invocations list` shows recent ones.',
    );
}

/** `get --wait`: the same wait as `tat invocations wait` (without --exit-status), then the usual view. */
async function getAfterWait(deps: Deps, flags: GlobalFlags, ids: readonly string[], raw: GetFlags): Promise<void> {
  const settings = parseWaitFlags({ maxWait: raw.maxWait, interval: raw.interval });
  const session = await openWaitSession(deps, flags, raw);
  const tasks = new Map<string, Map<string, InvocationTask>>();
  const formatter = await session.ctx.printer(
    session.regional(invocationResource((id) => tasks.get(id))),
    { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' },
  );
  const result = await session.wait(ids, settings);
  const found = result.state.entries.filter((entry) => entry.invocation);
  // As plain `get`: the task table's EXIT CODE and ERROR come from DescribeInvocationTasks, asked
  // in each invocation's own region.
  for (const region of new Set(found.map((entry) => entry.region))) {
    if (region === undefined || result.state.failedRegions.has(region)) continue;
    const invocations = found.flatMap((entry) => (entry.region === region ? (entry.invocation ?? []) : []));
    try {
      await fetchTasksForTable(session.ctx, invocations, tasks, region);
    } catch (error) {
      // Several regions: one that fails now is named like one that failed while waiting.
      if (!session.plan.multi || !isRegionFailure(error)) throw error;
      await regionFailed(session.ctx, session.plan, { region, error });
    }
  }
  await formatter.write(found.flatMap((entry) => session.record(entry) ?? []));
  await formatter.end();
  const outcome = await session.conclude(result, settings, 'tat invocations get --wait');
  if (outcome.error) throw outcome.error;
}

/** Fills `into` with the invocations' tasks (output hidden) when the table's detail view shows them. */
async function fetchTasksForTable(ctx: CommandContext, invocations: readonly Invocation[], into: Map<string, Map<string, InvocationTask>>, region?: string): Promise<void> {
  if (ctx.format !== 'table' || invocations.length === 0) return;
  const client = region === undefined ? ctx.client() : ctx.clientFor(region);
  const all = await tasksOfInvocations(client, invocations.map((i) => i.InvocationId), { hideOutput: true });
  for (const task of all) {
    const of = into.get(task.InvocationId) ?? new Map<string, InvocationTask>();
    of.set(task.InvocationTaskId, task);
    into.set(task.InvocationId, of);
  }
}
