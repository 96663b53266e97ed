import type { Deps } from '../../../deps.js';
import { TasksFailedError, UsageError, type TatError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { normalStatus } from '../../../api/status.js';
import { tasksOfInvocations } from '../../../api/tasks.js';
import { TASK_STATUSES, type InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { failureText, taskFailed } from '../../../output/task-output.js';
import { visible } from '../../../output/escape.js';
import { parseStatuses } from '../../client-filters.js';
import { createContext, type CommandContext } from '../../context.js';
import { locate } from '../../flows/locate.js';
import { noTaskOn, notFound } from '../../flows/not-found.js';
import { mostSevere } from '../../flows/outcome.js';
import { taskResultPrinter } from '../../flows/task-results.js';
import { parseInstanceIds, parseInvocationIds } from '../../parse.js';
import { finishRegions, planRegions, searchedIn, type RegionPlan } from '../../regions.js';
import { optionalWait, withWaitSession } from '../../wait/run.js';

/** The raw flags of `tat invocations output`, as commander hands them over. */
export interface OutputFlags {
  instance: string[];
  status: string[];
  raw?: boolean;
  exitStatus?: boolean;
  wait?: boolean;
  maxWait?: string;
  interval?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

interface Wanted {
  id: string;
  instances: string[];
  statuses: string[];
  raw: boolean;
  exitStatus: boolean;
}

/**
 * `tat invocations output <inv-id>`: what each task printed (DescribeInvocationTasks with
 * HideOutput false, only the instances asked for), in each format as src/cli/flows/task-results.ts
 * says. Exit 5 with --exit-status when a task did not succeed; 3 when the invocation, or an
 * instance asked for, has no task. With --wait it first waits as `tat invocations wait` does (6
 * when --max-wait runs out, after the output so far).
 */
export async function outputCommand(deps: Deps, flags: GlobalFlags, arg: string, options: OutputFlags): Promise<void> {
  const ids = parseInvocationIds([arg], 'invocation id');
  if (ids.length !== 1) throw new UsageError('give one invocation id', 'e.g. tat invocations output inv-q4zp60g0');
  const wanted: Wanted = {
    id: ids[0]!,
    instances: parseInstanceIds(options.instance, '--instance'),
    statuses: parseStatuses(options.status, '--status', TASK_STATUSES),
    raw: Boolean(options.raw),
    exitStatus: Boolean(options.exitStatus),
  };
  const settings = optionalWait(options, 'tat invocations output');
  const regionFlags = { allRegions: options.allRegions, allowPartial: options.allowPartial };
  if (!settings) return outputNow(deps, flags, wanted, regionFlags);

  const again = {
    command: `tat invocations output ${wanted.id} --wait`,
    withIds: false,
    flags: [...(wanted.exitStatus ? ['--exit-status'] : []), ...repeated(options)],
  };
  await withWaitSession(deps, flags, { regionFlags, again }, async (session) => {
    const result = await session.wait([wanted.id], settings);
    const entry = result.state.entries[0]!;
    let own: TatError | undefined;
    // Found (ended, or still running at --max-wait): its output so far, from its own region.
    if (entry.kind === 'found' || entry.kind === 'final')
      own = await fetchAndPrint(session.ctx, session.plan, wanted, entry.region, false);
    const outcome = await session.conclude(result, settings);
    await end(session.ctx, [outcome.error, own]);
  });
}

/** Without --wait: the invocation where it is (looked up first only with several regions). */
async function outputNow(
  deps: Deps,
  flags: GlobalFlags,
  wanted: Wanted,
  regionFlags: { allRegions?: boolean; allowPartial?: boolean },
): Promise<void> {
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const plan = await planRegions(ctx, regionFlags);
  let region = plan.regions[0]!;
  if (plan.multi) {
    const found = (await locate(ctx, plan, [wanted.id])).get(wanted.id);
    if (!found) {
      await finishRegions(ctx, plan);
      throw notFound('invocation', [wanted.id], searchedIn(plan));
    }
    region = found.region;
  }
  const own = await fetchAndPrint(ctx, plan, wanted, region, !plan.multi);
  // A region that failed while the invocation was looked for: it was found in another (or the
  // command ended above), so the failed region held nothing needed and is only a warning.
  await finishRegions(ctx, plan, { everyIdFound: true });
  await end(ctx, [own]);
}

/**
 * Fetches the tasks of the invocation in `region` (output included) and prints them; returns
 * what should end the command afterwards (instances without a task, failed tasks). `check`:
 * the invocation was not looked up, so no task at all may mean no such invocation.
 */
async function fetchAndPrint(
  ctx: CommandContext,
  plan: RegionPlan,
  wanted: Wanted,
  region: string,
  check: boolean,
): Promise<TatError | undefined> {
  const client = ctx.clientFor(region);
  const all = await ctx.terminal.spin(`Fetching the output of ${wanted.id}`, () =>
    tasksOfInvocations(client, [wanted.id], { hideOutput: false, instanceIds: wanted.instances }),
  );
  if (all.length === 0 && check && (await fetchByIds(client, [wanted.id])).length === 0)
    throw notFound('invocation', [wanted.id], { region });
  const tasks = wanted.statuses.length
    ? all.filter((task) => wanted.statuses.includes(normalStatus(task.TaskStatus)))
    : all;
  const printer = await taskResultPrinter(ctx, { raw: wanted.raw, regional: plan.multi, single: tasks.length === 1 });
  // Several regions: each task object says where it is, as `tasks list` does.
  await printer.write(plan.multi ? tasks.map((task) => ({ ...task, Region: region })) : tasks);
  await printer.end();
  const absent = wanted.instances.filter((instance) => !all.some((task) => task.InstanceId === instance));
  if (absent.length) return noTaskOn(wanted.id, absent);
  return wanted.exitStatus ? anyFailed(tasks) : undefined;
}

async function end(ctx: CommandContext, errors: readonly (TatError | undefined)[]): Promise<void> {
  const { error, others } = mostSevere(errors);
  if (!ctx.flags.quiet) for (const message of others) await ctx.terminal.write(`also: ${message}\n`);
  if (error) throw error;
}

function anyFailed(tasks: readonly InvocationTask[]): TatError | undefined {
  const failed = tasks.filter(taskFailed);
  if (failed.length === 0) return undefined;
  const named = failed.map((task) => `${visible(task.InstanceId)} (${failureText(task)})`);
  return new TasksFailedError(`${failed.length} of ${tasks.length} tasks did not succeed: ${named.join(', ')}`);
}

/** The filters to repeat when suggesting the same command again. */
function repeated(options: OutputFlags): string[] {
  return [
    ...options.instance.map((value) => `--instance ${value}`),
    ...options.status.map((value) => `--status ${value}`),
  ];
}
