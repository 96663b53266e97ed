import type { Deps } from '../../../deps.js';
import type { Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { withRegion, type Regional } from '../../../output/regional.js';
import { invocationResource } from '../../../output/resources/invocation.js';
import { createContext, type CommandContext } from '../../context.js';
import { locate } from '../../flows/locate.js';
import { notFound } from '../../flows/not-found.js';
import { fetchDisplayTasks, type TasksByInvocation } from '../../flows/task-details.js';
import { parseInvocationIds } from '../../parse.js';
import { finishRegions, planRegions, searchedIn } from '../../regions.js';
import { optionalWait, withWaitSession, type WaitSession, type WaitSettings } from '../../wait/run.js';
import { taskStatusKey, type WaitEntry } from '../../wait/state.js';

export interface GetFlags {
  wait?: boolean;
  maxWait?: string;
  interval?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/**
 * `tat invocations get <id...>`: prints the ones that exist (in several regions: wherever each is
 * found, with its `Region`), then exits 3 naming the ones that do not. The detail view's task
 * table shows exit codes and errors, which only DescribeInvocationTasks has: fetched for -o
 * table only, and only for display (src/cli/flows/task-details.ts).
 */
export async function getCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: GetFlags = {},
): Promise<void> {
  const ids = parseInvocationIds(args, 'invocation id');
  const settings = optionalWait(raw, 'tat invocations get');
  if (settings) return getAfterWait(deps, flags, ids, raw, settings);
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const plan = await planRegions(ctx, raw);
  const tasks: TasksByInvocation = new Map();
  const resource = invocationResource((id) => tasks.get(id));
  const formatter = await ctx.printer(plan.multi ? withRegion(resource) : resource, {
    cardinality: ids.length === 1 ? 'one' : 'many',
    layout: 'detail',
  });
  const where = await locate(ctx, plan, ids);
  await tasksForTable(
    ctx,
    [...where.values()].map(({ region, record }) => ({ region, invocation: record })),
    tasks,
  );
  await formatter.write(
    ids.flatMap((id) => {
      const found = where.get(id);
      return found ? [plan.multi ? { ...found.record, Region: found.region } : found.record] : [];
    }),
  );
  await formatter.end();
  const missing = ids.filter((id) => !where.has(id));
  await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (missing.length) throw notFound('invocation', missing, searchedIn(plan));
}

/** `get --wait`: the same wait as `tat invocations wait` (without --exit-status), then the usual view. */
async function getAfterWait(
  deps: Deps,
  flags: GlobalFlags,
  ids: readonly string[],
  raw: GetFlags,
  settings: WaitSettings,
): Promise<void> {
  await withWaitSession(
    deps,
    flags,
    { regionFlags: raw, again: { command: 'tat invocations get', flags: ['--wait'] } },
    async (session) => {
      const tasks: TasksByInvocation = new Map();
      const formatter = await session.ctx.printer(session.regional(invocationResource((id) => tasks.get(id))), {
        cardinality: ids.length === 1 ? 'one' : 'many',
        layout: 'detail',
      });
      const result = await session.wait(ids, settings);
      const shown = result.state.entries.flatMap((entry) =>
        entry.kind === 'found' || entry.kind === 'final' || entry.kind === 'unreachable' ? [entry] : [],
      );
      await tasksAfterWait(session, shown, tasks);
      await formatter.write(
        shown.flatMap((entry): Regional<Invocation>[] => {
          const record = session.record(entry);
          return record ? [record] : [];
        }),
      );
      await formatter.end();
      const outcome = await session.conclude(result, settings);
      if (outcome.error) throw outcome.error;
    },
  );
}

/**
 * After a wait, the tasks of `entries` for the table's detail view (exit codes, errors): those the
 * wait fetched are reused when still current, the others asked in each one's region. After
 * --max-wait, the view goes out as it is: the deadline bounds the command.
 */
export async function tasksAfterWait(
  session: WaitSession,
  entries: readonly WaitEntry[],
  into: TasksByInvocation,
): Promise<void> {
  const stale: Array<{ region: string; invocation: Invocation }> = [];
  for (const entry of entries) {
    if (entry.kind !== 'found' && entry.kind !== 'final') continue;
    if (entry.tasks?.key === taskStatusKey(entry.invocation))
      into.set(entry.id, new Map(entry.tasks.list.map((task) => [task.InvocationTaskId, task])));
    else stale.push(entry);
  }
  if (!session.deadlinePassed) await tasksForTable(session.ctx, stale, into);
}

/** Fills `into` with the invocations' tasks (output hidden) when the table's detail view shows them, asked in each one's region. */
async function tasksForTable(
  ctx: CommandContext,
  found: readonly { region: string; invocation: Invocation }[],
  into: TasksByInvocation,
): Promise<void> {
  if (ctx.format !== 'table' || found.length === 0) return;
  const warned = {};
  for (const region of new Set(found.map((item) => item.region)))
    await fetchDisplayTasks(
      ctx,
      ctx.clientFor(region),
      found.filter((item) => item.region === region).map((item) => item.invocation),
      into,
      warned,
    );
}
