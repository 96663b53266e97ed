/** The actions: DescribeInvocations and DescribeInvocationTasks over a region's records, DescribeRegions, and the dispatch to the others (fleet/). */
import type { InvocationTask } from '../api/types.js';
import type { StoredInvocation } from './data/model.js';
import type { DataStore } from './data/store.js';
import { describeCommands } from './commands/describe.js';
import { describeAutomationAgentStatus } from './fleet/agents.js';
import { checkIds, invocationMatcher, taskMatcher, type TaskRef } from './filters.js';
import { WrittenJson } from './json-bytes.js';
import { boolean, checkKeys, listParams, TASK_LIMIT_CODES, type Body } from './params.js';
import { taskIndex } from './task-index.js';
import { describeRegions } from './regions.js';
import { cancelInvocation } from './write/cancel.js';
import type { WriteSettings } from './write/create.js';
import { invokeCommand } from './write/invoke-command.js';
import { runCommand } from './write/run-command.js';

/** What the invocation and task listings read. */
export interface InvocationQueryContext {
  /** The region's records, newest first (built on first read: agent and command queries never need them). */
  readonly records: readonly StoredInvocation[];
  nowMs: number;
  strictFilters: boolean;
}

export interface QueryContext extends InvocationQueryContext {
  /** The region asked (X-TC-Region) and the store that holds every region's data. */
  region: string;
  store: DataStore;
  /** How created tasks happen (simulated, or really run with --execute). */
  writes: WriteSettings;
}

export function describeInvocations(body: Body, ctx: InvocationQueryContext): Record<string, unknown> {
  checkKeys(body, ['InvocationIds', 'Filters', 'Limit', 'Offset']);
  const { ids, filters, limit, offset } = listParams(body, 'InvocationIds');
  let matches: readonly StoredInvocation[] = ctx.records;
  if (ids && ids.length > 0) {
    checkIds(ids, 'invocation');
    const wanted = new Set(ids);
    matches = ctx.records.filter((r) => wanted.has(r.InvocationId));
  } else if (filters && filters.length > 0) {
    matches = ctx.records.filter(invocationMatcher(filters, ctx.strictFilters));
  }
  return {
    TotalCount: matches.length,
    InvocationSet: invocationsJson(matches.slice(offset, offset + limit), ctx.nowMs),
  };
}

/** The page, written as JSON bytes when the response is: packed records write themselves, others go through their objects. */
function invocationsJson(page: readonly StoredInvocation[], nowMs: number): WrittenJson {
  return new WrittenJson((out) => {
    out.text('[');
    page.forEach((record, i) => {
      if (i > 0) out.text(',');
      if (record.writeInvocation) record.writeInvocation(out, nowMs);
      else out.bytes(Buffer.from(JSON.stringify(record.invocation(nowMs)), 'utf8'));
    });
    out.text(']');
  });
}

export function describeInvocationTasks(body: Body, ctx: InvocationQueryContext): Record<string, unknown> {
  checkKeys(body, ['InvocationTaskIds', 'Filters', 'Limit', 'Offset', 'HideOutput']);
  const hideOutput = boolean(body, 'HideOutput') ?? true;
  const { ids, filters, limit, offset } = listParams(body, 'InvocationTaskIds', TASK_LIMIT_CODES);
  // The index is built once per region: a request costs its page and its matches, not the region.
  const index = taskIndex(ctx.records);
  let total = index.total;
  let refs: TaskRef[];
  if (ids && ids.length > 0) {
    checkIds(ids, 'task');
    const matches = index.candidates([{ Name: 'invocation-task-id', Values: ids }]) ?? [];
    total = matches.length;
    refs = matches.slice(offset, offset + limit);
  } else if (filters && filters.length > 0) {
    const matcher = taskMatcher(filters);
    const [only] = filters;
    if (filters.length === 1 && only?.Name === 'invocation-id') {
      // What `output` and `wait` ask, page after page: the page without listing every task.
      ({ total, page: refs } = index.ofInvocations(only.Values, offset, limit));
    } else {
      const matches = (index.candidates(filters) ?? index.slice(0, index.total)).filter(matcher);
      total = matches.length;
      refs = matches.slice(offset, offset + limit);
    }
  } else {
    refs = index.slice(offset, limit);
  }
  // A page builds its own tasks only: one by one where the record can (a --data invocation may
  // hold thousands), else each invocation's tasks once per page, not once a task.
  const views = new Map<StoredInvocation, ReturnType<StoredInvocation['tasks']>>();
  const taskAt = ({ record, index }: TaskRef): InvocationTask | undefined => {
    if (record.task) return record.task(ctx.nowMs, index);
    let tasks = views.get(record);
    if (!tasks) views.set(record, (tasks = record.tasks(ctx.nowMs)));
    return tasks[index];
  };
  const page = refs.map((ref) => {
    const task = taskAt(ref);
    if (!task) throw new Error(`task ${ref.index} of ${ref.record.InvocationId} is missing`);
    if (hideOutput && task.TaskResult) task.TaskResult.Output = '';
    return task;
  });
  return { TotalCount: total, InvocationTaskSet: page };
}

export const ACTIONS: Record<string, (body: Body, ctx: QueryContext) => Record<string, unknown>> = {
  DescribeInvocations: describeInvocations,
  DescribeInvocationTasks: describeInvocationTasks,
  DescribeRegions: describeRegions,
  DescribeCommands: (body, ctx) => describeCommands(body, { commands: ctx.store.commands(ctx.region) }),
  DescribeAutomationAgentStatus: (body, ctx) =>
    describeAutomationAgentStatus(body, { fleet: ctx.store.fleet(ctx.region), nowMs: ctx.nowMs }),
  RunCommand: runCommand,
  InvokeCommand: invokeCommand,
  CancelInvocation: cancelInvocation,
};
