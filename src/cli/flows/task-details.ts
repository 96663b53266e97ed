import type { TatClient } from '../../api/client.js';
import { isRegionFailure } from '../../api/merge.js';
import { fetchTasksByIds } from '../../api/tasks.js';
import type { Invocation, InvocationTask } from '../../api/types.js';
import { visible } from '../../output/escape.js';
import type { CommandContext } from '../context.js';

/**
 * Tasks fetched only to be shown (the exit codes and errors of a detail view's task table). They
 * are asked by task id, 100 a request, from each invocation's InvocationTaskBasicInfoSet. Being
 * only for display, a refusal is not fatal: an account allowed DescribeInvocations but not
 * DescribeInvocationTasks still sees the invocations, with the statuses the invocation itself
 * gives, and is told once why exit codes are missing.
 */

/** Invocation id → task id → task. */
export type TasksByInvocation = Map<string, Map<string, InvocationTask>>;

export function taskIdsOf(invocations: readonly Invocation[]): string[] {
  return invocations.flatMap((invocation) =>
    Array.isArray(invocation.InvocationTaskBasicInfoSet)
      ? invocation.InvocationTaskBasicInfoSet.map((info) => info.InvocationTaskId).filter(
          (id) => typeof id === 'string' && id !== '',
        )
      : [],
  );
}

/** Adds the tasks of `invocations` to `into`; on failure, says so once (through `warned`) and adds nothing. */
export async function fetchDisplayTasks(
  ctx: CommandContext,
  client: TatClient,
  invocations: readonly Invocation[],
  into: TasksByInvocation,
  warned: { done?: boolean } = {},
): Promise<void> {
  const ids = taskIdsOf(invocations);
  if (ids.length === 0) return;
  let tasks: InvocationTask[];
  try {
    tasks = await fetchTasksByIds(client, ids, true);
  } catch (error) {
    if (ctx.deps.signal.aborted || !isRegionFailure(error)) throw error;
    if (!warned.done) {
      warned.done = true;
      await ctx.terminal.write(`${displayTasksWarning(error.message)}\n`);
    }
    return;
  }
  for (const task of tasks) {
    const of = into.get(task.InvocationId) ?? new Map<string, InvocationTask>();
    of.set(task.InvocationTaskId, task);
    into.set(task.InvocationId, of);
  }
}

/** The one wording of "task details could not be had", for the wait engine too. */
export function displayTasksWarning(reason: string): string {
  return `warning: cannot fetch task details (${visible(reason)}); showing the task statuses DescribeInvocations gives, without exit codes`;
}
