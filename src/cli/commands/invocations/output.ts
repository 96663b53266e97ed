import type { Deps } from '../../../deps.js';
import { NotFoundError, TasksFailedError, UsageError, type TatError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { tasksOfInvocations } from '../../../api/tasks.js';
import { TASK_STATUSES, type InvocationTask } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { TASK, decodeOutput } from '../../../output/resources/task.js';
import type { Painter } from '../../../output/status.js';
import { droppedWarning, prefixLines, taskFailed, terminalBlock } from '../../../output/task-output.js';
import { visible } from '../../../output/escape.js';
import { parseStatuses } from '../../client-filters.js';
import { createContext } from '../../context.js';
import { parseInstanceIds, parseInvocationIds } from '../../parse.js';
import { openWaitSession, parseWaitFlags } from '../../wait/run.js';
import { finishRegions, planRegions } from '../../regions.js';
import { withRegion } from '../../../output/regional.js';
import { findInRegions } from './get-regions.js';

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

/**
 * `tat invocations output <inv-id>`: what each task printed (DescribeInvocationTasks with
 * HideOutput false, only the instances asked for). See src/output/task-output.ts for how it is
 * shown; -o json/ndjson give the task objects as returned. Exit 5 with --exit-status when a task
 * did not succeed; 3 when the invocation, or an instance asked for, has no task. With --wait it
 * first waits as `tat invocations wait` does (6 when --max-wait runs out, after the output so far).
 */
export async function outputCommand(deps: Deps, flags: GlobalFlags, arg: string, raw: OutputFlags): Promise<void> {
  const ids = parseInvocationIds([arg], 'invocation id');
  if (ids.length !== 1) throw new UsageError('give one invocation id', 'e.g. tat invocations output inv-q4zp60g0');
  const id = ids[0]!;
  const instances = parseInstanceIds(raw.instance, '--instance');
  const statuses = parseStatuses(raw.status, '--status', TASK_STATUSES);
  if (!raw.wait && (raw.maxWait !== undefined || raw.interval !== undefined))
    throw new UsageError(`${raw.maxWait !== undefined ? '--max-wait' : '--interval'} only applies with --wait`, 'Add --wait, or use `tat invocations wait` first.');
  const settings = raw.wait ? parseWaitFlags({ maxWait: raw.maxWait, interval: raw.interval }) : undefined;
  const regionFlags = { allRegions: raw.allRegions, allowPartial: raw.allowPartial };
  // With --wait, the session's context routes stderr through the wait's progress display.
  const session = settings ? await openWaitSession(deps, flags, regionFlags) : undefined;
  const ctx = session?.ctx ?? (await createContext(deps, flags, { manyRegions: true }));
  const plan = session?.plan ?? (await planRegions(ctx, regionFlags));
  const asObjects = ctx.format === 'json' || ctx.format === 'ndjson' || flags.query !== undefined;
  const printer = asObjects ? await ctx.printer(plan.multi ? withRegion(TASK) : TASK, { cardinality: 'many', layout: 'rows' }) : undefined;

  let waitError: TatError | undefined;
  // Several regions: the one region that holds the invocation, once found.
  let region: string | undefined;
  if (session && settings) {
    const result = await session.wait([id], settings);
    const outcome = await session.conclude(result, settings, 'tat invocations output --wait');
    const entry = result.state.entries[0];
    // Never seen (exit 3), or its region failed: there is no output to show.
    if (outcome.error && (!entry?.invocation || entry.unreachable)) throw outcome.error;
    waitError = outcome.error;
    region = entry?.region;
  } else if (plan.multi) {
    region = (await findInRegions(ctx, plan, [id])).get(id)?.Region;
    // Found: its output is printed first, and a failed region named after it (below).
    if (region === undefined) await finishRegions(ctx, plan);
    if (region === undefined)
      throw new NotFoundError(`invocation not found in ${plan.regions.length - plan.failures.length} regions${plan.failures.length ? ' that answered' : ''}: ${id}`, [id], 'Check the id; `tat invocations list --all-regions` shows recent ones.');
  }
  const client = plan.multi && region !== undefined ? ctx.clientFor(region) : ctx.client();
  const all = await ctx.ui.spin(`Fetching the output of ${id}`, () => tasksOfInvocations(client, [id], { hideOutput: false, instanceIds: instances }));
  if (all.length === 0 && (await fetchByIds(client, [id])).length === 0)
    throw new NotFoundError(`invocation not found in region ${region ?? ctx.settings.region}: ${id}`, [id], 'Check the id and the region (--region); `tat invocations list` shows recent ones.');
  const tasks = statuses.length ? all.filter((task) => statuses.includes(task.TaskStatus)) : all;

  if (printer) {
    // Several regions: each task object says where it is, as `tasks list` does.
    await printer.write(plan.multi ? tasks.map((task) => ({ ...task, Region: region })) : tasks);
    await printer.end();
  } else if (deps.io.stdout.isTTY) {
    const { Chalk } = await import('chalk');
    await writeForTerminal(ctx.deps, tasks, { paint: new Chalk({ level: ctx.colorLevel }), raw: Boolean(raw.raw) });
  } else {
    await writePiped(ctx.deps, tasks);
  }
  for (const task of tasks) {
    const warning = droppedWarning(task);
    if (warning) await deps.io.stderr.write(`${warning}\n`);
  }
  // Without --wait, a region that failed while the invocation was looked for: it was found (or
  // the command ended above), so the failed region held nothing needed and is only a warning.
  if (!session) await finishRegions(ctx, plan, { everyIdFound: true });
  const absent = instances.filter((instance) => !all.some((task) => task.InstanceId === instance));
  if (absent.length)
    throw new NotFoundError(`${id} has no task on ${absent.join(', ')}`, absent, `\`tat invocations tasks ${id}\` lists its instances.`);
  // --max-wait ran out: the output so far is printed above, then exit 6.
  if (waitError) throw waitError;
  if (raw.exitStatus) failIfAnyFailed(tasks);
}

async function writeForTerminal(deps: Deps, tasks: readonly InvocationTask[], o: { paint: Painter; raw: boolean }): Promise<void> {
  for (const [index, task] of tasks.entries()) {
    const block = terminalBlock(task, decodeOutput(task), o);
    if (index > 0) await deps.io.stdout.write('\n');
    if (typeof block === 'string') await deps.io.stdout.write(block);
    else for (const part of block) if (part.length > 0) await deps.io.stdout.write(part);
  }
}

/** One task: its bytes exactly. Several: each line prefixed with `instance-id<TAB>`. */
async function writePiped(deps: Deps, tasks: readonly InvocationTask[]): Promise<void> {
  if (tasks.length === 1) {
    const bytes = decodeOutput(tasks[0]!);
    if (bytes.length > 0) await deps.io.stdout.write(bytes);
    return;
  }
  for (const task of tasks) {
    const lines = prefixLines(`${task.InstanceId}\t`, decodeOutput(task));
    if (lines.length > 0) await deps.io.stdout.write(lines);
  }
}

function failIfAnyFailed(tasks: readonly InvocationTask[]): void {
  const failed = tasks.filter(taskFailed);
  if (failed.length === 0) return;
  const named = failed.map((task) => {
    const code = task.TaskResult?.ExitCode;
    return `${visible(task.InstanceId)} (${visible(task.TaskStatus)}${typeof code === 'number' && task.TaskResult?.ExecStartTime ? `, exit ${code}` : ''})`;
  });
  throw new TasksFailedError(`${failed.length} of ${tasks.length} tasks did not succeed: ${named.join(', ')}`);
}
