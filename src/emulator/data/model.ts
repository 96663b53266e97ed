/**
 * The emulator's stored form of an invocation. A record answers for a moment in time, so that
 * invocations still running can advance with the (injected) clock without any timers.
 */
import type { CommandDocument, Invocation, InvocationTask, TaskResult } from '../../api/types.js';
import type { ByteWriter } from '../json-bytes.js';

export interface StoredInvocation {
  readonly InvocationId: string;
  /** Milliseconds since the epoch; the sort key (newest first). */
  readonly createdMs: number;
  /** Who owns the command: `TAT` (public command) or `USER`. Not an API field; used by a filter. */
  readonly commandCreatedBy: 'TAT' | 'USER';
  readonly CommandId: string;
  readonly InstanceKind: string;
  readonly taskIds: readonly string[];
  readonly instanceIds: readonly string[];
  /** The invocation as the API shows it at `nowMs` (keys in the seed page's order). */
  invocation(nowMs: number): Invocation;
  /** Its tasks at `nowMs`, with the full Output (the query layer hides it when asked). */
  tasks(nowMs: number): InvocationTask[];
  /**
   * Its task `index` at `nowMs` alone, for records that may hold thousands of tasks (`--data`): a
   * page of 100 of them then builds 100 tasks, not all of them. Without it, a page builds tasks().
   */
  task?(nowMs: number, index: number): InvocationTask | undefined;
  /**
   * Writes exactly the bytes of `JSON.stringify(invocation(nowMs))` without building the object
   * (packed records, packed.ts): a page of a large fleet costs a fraction of the object route.
   */
  writeInvocation?(out: ByteWriter, nowMs: number): void;
  /**
   * CancelInvocation at `nowMs`, on the tasks of these instances (all when undefined); only
   * invocations that can still change have it (created ones, and live generated ones).
   */
  cancel?(nowMs: number, instanceIds?: ReadonlySet<string>): void;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
/** Years 1970 to 9999, where ISO 8601 has four-digit years and the arithmetic below is exact. */
const FAST_UNTIL = Date.UTC(10000, 0, 1);

/**
 * `2020-11-09T07:21:59Z` (or with `+00:00`, as the seed page's example output has it): what
 * `toISOString()` gives up to the second. Computed from the number (days to a civil date, after
 * H. Hinnant) since a page of 100 invocations formats 200 times and Date objects were a fifth
 * of its cost; other times (and NaN, which throws) go through Date.
 */
export function formatTime(ms: number, suffix: 'Z' | '+00:00' = 'Z'): string {
  if (!(ms >= 0 && ms < FAST_UNTIL)) return new Date(ms).toISOString().slice(0, 19) + suffix;
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const daySeconds = seconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(daySeconds / 3600);
  const minutes = Math.floor((daySeconds - hours * 3600) / 60);
  return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(daySeconds % 60)}${suffix}`;
}

/** Puts an invocation's keys in the order of the seed page's example output. */
export function orderInvocation(inv: Invocation): Invocation {
  const out: Record<string, unknown> = {};
  out.CommandId = inv.CommandId;
  if (inv.CommandName !== undefined) out.CommandName = inv.CommandName;
  Object.assign(out, {
    CommandContent: inv.CommandContent,
    CommandType: inv.CommandType,
    Timeout: inv.Timeout,
    InvocationSource: inv.InvocationSource,
    WorkingDirectory: inv.WorkingDirectory,
    InvocationId: inv.InvocationId,
    InstanceKind: inv.InstanceKind,
    InvocationStatus: inv.InvocationStatus,
    Description: inv.Description,
    Parameters: inv.Parameters,
    DefaultParameters: inv.DefaultParameters,
    Username: inv.Username,
    OutputCOSKeyPrefix: inv.OutputCOSKeyPrefix,
    OutputCOSBucketUrl: inv.OutputCOSBucketUrl,
    InvocationTaskBasicInfoSet: inv.InvocationTaskBasicInfoSet.map((t) => ({
      InvocationTaskId: t.InvocationTaskId,
      TaskStatus: t.TaskStatus,
      InstanceId: t.InstanceId,
    })),
    StartTime: inv.StartTime,
    EndTime: inv.EndTime,
    CreatedTime: inv.CreatedTime,
    UpdatedTime: inv.UpdatedTime,
  });
  // out gets every Invocation field above, in the seed page's key order.
  return out as unknown as Invocation;
}

function orderResult(r: TaskResult): TaskResult {
  return {
    ExitCode: r.ExitCode,
    Output: r.Output,
    ExecStartTime: r.ExecStartTime,
    ExecEndTime: r.ExecEndTime,
    Dropped: r.Dropped,
    OutputUrl: r.OutputUrl,
    OutputUploadCOSErrorInfo: r.OutputUploadCOSErrorInfo,
  };
}

/**
 * A finished task of a static invocation (seed examples, --data files): the invocation's own
 * fields, with the task's times and result. Generated tasks come from record.ts instead.
 */
export function staticTask(
  inv: Invocation,
  index: number,
  times: { start: string | null; end: string | null; updated: string },
  result: TaskResult,
): InvocationTask {
  const basic = inv.InvocationTaskBasicInfoSet[index];
  if (!basic) throw new Error(`no task ${index} in ${inv.InvocationId}`);
  return {
    InvocationId: inv.InvocationId,
    InvocationTaskId: basic.InvocationTaskId,
    CommandId: inv.CommandId,
    CommandName: inv.CommandName ?? '',
    TaskStatus: basic.TaskStatus,
    InstanceId: basic.InstanceId,
    TaskResult: result,
    StartTime: times.start,
    EndTime: times.end,
    CreatedTime: inv.CreatedTime,
    UpdatedTime: times.updated,
    CommandDocument: documentOf(inv),
    ErrorInfo: '',
    InvocationSource: inv.InvocationSource,
  };
}

/** The CommandDocument a task carries: the invocation's own command settings. */
function documentOf(inv: Invocation): CommandDocument {
  return orderDocument({
    Content: inv.CommandContent,
    CommandType: inv.CommandType,
    Timeout: inv.Timeout,
    WorkingDirectory: inv.WorkingDirectory,
    Username: inv.Username,
    OutputCOSBucketUrl: inv.OutputCOSBucketUrl,
    OutputCOSKeyPrefix: inv.OutputCOSKeyPrefix,
  });
}

function orderDocument(d: CommandDocument): CommandDocument {
  return {
    Content: d.Content,
    CommandType: d.CommandType,
    Timeout: d.Timeout,
    WorkingDirectory: d.WorkingDirectory,
    Username: d.Username,
    OutputCOSBucketUrl: d.OutputCOSBucketUrl,
    OutputCOSKeyPrefix: d.OutputCOSKeyPrefix,
  };
}

/** Puts a task's keys in the order of the DescribeInvocationTasks example output. */
export function orderTask(task: InvocationTask): InvocationTask {
  return {
    InvocationId: task.InvocationId,
    InvocationTaskId: task.InvocationTaskId,
    CommandId: task.CommandId,
    ...(task.CommandName === undefined ? {} : { CommandName: task.CommandName }),
    TaskStatus: task.TaskStatus,
    InstanceId: task.InstanceId,
    TaskResult: task.TaskResult === null ? null : orderResult(task.TaskResult),
    StartTime: task.StartTime,
    EndTime: task.EndTime,
    CreatedTime: task.CreatedTime,
    UpdatedTime: task.UpdatedTime,
    CommandDocument: task.CommandDocument === null ? null : orderDocument(task.CommandDocument),
    ErrorInfo: task.ErrorInfo,
    InvocationSource: task.InvocationSource,
  };
}

/** A record whose state never changes (seed examples, `--data` files). */
export function staticRecord(
  invocation: Invocation,
  tasks: InvocationTask[],
  commandCreatedBy: 'TAT' | 'USER' = 'USER',
): StoredInvocation {
  const inv = orderInvocation(invocation);
  const ordered = tasks.map(orderTask);
  const createdMs = Date.parse(inv.CreatedTime);
  return {
    InvocationId: inv.InvocationId,
    createdMs: Number.isNaN(createdMs) ? 0 : createdMs,
    commandCreatedBy,
    CommandId: inv.CommandId,
    InstanceKind: inv.InstanceKind,
    taskIds: inv.InvocationTaskBasicInfoSet.map((t) => t.InvocationTaskId),
    instanceIds: inv.InvocationTaskBasicInfoSet.map((t) => t.InstanceId),
    invocation: () => structuredClone(inv),
    tasks: () => structuredClone(ordered),
    task: (_nowMs, index) => {
      const task = ordered[index];
      return task && structuredClone(task);
    },
  };
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
