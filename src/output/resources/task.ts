/**
 * How an InvocationTask (one instance's run of an invocation) is printed: the tsv contract, the
 * table's columns, the detail view with the decoded command and output, and `-o content` (the
 * decoded output, byte for byte).
 */
import type { InvocationTask } from '../../api/types.js';
import { normalStatus } from '../../api/status.js';
import { decodeField } from '../base64.js';
import { decodedText, renderBlock, renderFields, type DetailField } from '../detail.js';
import type { Resource, TableColumn, TsvColumn } from '../resource.js';
import { statusCategory } from '../status.js';
import { durationSeconds, formatDuration, toUtcIso } from '../time.js';
import { timeAgoColumn } from '../time-column.js';

/** The exit code once the task has ended; empty while it has not run or is still running. */
export function exitCodeText(task: InvocationTask | undefined): string {
  const result = task?.TaskResult;
  if (!task || !result || typeof result.ExitCode !== 'number') return '';
  if (statusCategory(task.TaskStatus) === 'progress' || result.ExecStartTime == null) return '';
  return String(result.ExitCode);
}

/** Seconds from StartTime to EndTime; undefined while running or never started. */
export function taskDuration(t: InvocationTask): number | undefined {
  return durationSeconds(t.StartTime, t.EndTime);
}

function durationText(t: InvocationTask): string {
  const s = taskDuration(t);
  if (s !== undefined) return formatDuration(s);
  return normalStatus(t.TaskStatus) === 'RUNNING' ? 'running' : '';
}

/** The decoded output bytes (empty when the task has none); throws ContentDecodeError naming the task. */
export function decodeOutput(t: InvocationTask): Uint8Array {
  return decodeField(t.TaskResult?.Output, `the Output of ${t.InvocationTaskId}`);
}

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const TASK_TSV: readonly TsvColumn<InvocationTask>[] = [
  { name: 'task id', source: 'InvocationTaskId', value: (t) => t.InvocationTaskId },
  { name: 'invocation id', source: 'InvocationId', value: (t) => t.InvocationId },
  { name: 'instance id', source: 'InstanceId', value: (t) => t.InstanceId },
  { name: 'status', source: 'TaskStatus', value: (t) => t.TaskStatus },
  { name: 'exit code', source: 'TaskResult.ExitCode (empty until the task ends)', value: (t) => exitCodeText(t) },
  { name: 'started', source: 'StartTime', value: (t) => toUtcIso(t.StartTime) },
  { name: 'ended', source: 'EndTime', value: (t) => toUtcIso(t.EndTime) },
  { name: 'duration', source: 'EndTime - StartTime (seconds)', value: (t) => String(taskDuration(t) ?? '') },
  { name: 'error info', source: 'ErrorInfo', value: (t) => t.ErrorInfo ?? '' },
  { name: 'command id', source: 'CommandId', value: (t) => t.CommandId },
  { name: 'command name', source: 'CommandName', value: (t) => t.CommandName ?? '' },
  { name: 'dropped', source: 'TaskResult.Dropped', value: (t) => String(t.TaskResult?.Dropped ?? 0) },
  { name: 'output url', source: 'TaskResult.OutputUrl', value: (t) => t.TaskResult?.OutputUrl ?? '' },
];

/**
 * On a narrow terminal: STARTED is shortened, ERROR truncated, then INVOCATION, DURATION, STARTED
 * and EXIT CODE dropped in that order (INVOCATION first: the task id leads to it with `tasks get`).
 */
export const TASK_TABLE: readonly TableColumn<InvocationTask>[] = [
  { header: 'TASK ID', pinned: true, value: (t) => t.InvocationTaskId },
  { header: 'INVOCATION', drop: 0, value: (t) => t.InvocationId },
  { header: 'INSTANCE', pinned: true, value: (t) => t.InstanceId },
  { header: 'STATUS', pinned: true, value: (t) => t.TaskStatus, category: (t) => statusCategory(t.TaskStatus) },
  { header: 'EXIT CODE', drop: 3, value: (t) => exitCodeText(t) },
  timeAgoColumn('STARTED', (t) => t.StartTime, 2),
  { header: 'DURATION', drop: 1, value: durationText },
  { header: 'ERROR', flexible: true, min: 5, value: (t) => t.ErrorInfo ?? '' },
];

const notYet = (t: InvocationTask): string | undefined =>
  statusCategory(t.TaskStatus) === 'progress' ? 'not yet' : undefined;

export const TASK_DETAIL: readonly DetailField<InvocationTask>[] = [
  { label: 'Task ID', kind: 'text', value: (t) => t.InvocationTaskId },
  { label: 'Invocation ID', kind: 'text', value: (t) => t.InvocationId },
  { label: 'Instance ID', kind: 'text', value: (t) => t.InstanceId },
  { label: 'Status', kind: 'status', value: (t) => t.TaskStatus },
  { label: 'Exit code', kind: 'text', value: (t) => exitCodeText(t), empty: notYet },
  { label: 'Error', kind: 'text', value: (t) => t.ErrorInfo },
  { label: 'Command ID', kind: 'text', value: (t) => t.CommandId },
  { label: 'Command name', kind: 'text', value: (t) => t.CommandName },
  { label: 'Source', kind: 'text', value: (t) => t.InvocationSource },
  { label: 'Type', kind: 'text', value: (t) => t.CommandDocument?.CommandType },
  { label: 'Username', kind: 'text', value: (t) => t.CommandDocument?.Username },
  { label: 'Working directory', kind: 'text', value: (t) => t.CommandDocument?.WorkingDirectory },
  { label: 'Timeout', kind: 'seconds', value: (t) => t.CommandDocument?.Timeout },
  { label: 'Created', kind: 'time', value: (t) => t.CreatedTime },
  { label: 'Started', kind: 'time', value: (t) => t.StartTime, empty: notYet },
  { label: 'Ended', kind: 'time', value: (t) => t.EndTime, empty: notYet },
  { label: 'Updated', kind: 'time', value: (t) => t.UpdatedTime },
  { label: 'Duration', kind: 'duration', value: (t) => taskDuration(t), empty: notYet },
  { label: 'Output bytes dropped', kind: 'text', value: (t) => t.TaskResult?.Dropped },
  { label: 'Output URL', kind: 'text', value: (t) => t.TaskResult?.OutputUrl },
  { label: 'Output upload error', kind: 'text', value: (t) => t.TaskResult?.OutputUploadCOSErrorInfo },
];

export const TASK: Resource<InvocationTask> = {
  noun: 'task',
  plural: 'tasks',
  id: (t) => t.InvocationTaskId,
  tsv: TASK_TSV,
  table: TASK_TABLE,
  detail: (t, o) =>
    renderFields(TASK_DETAIL, t, o) +
    renderBlock('Command content', decodedText(t.CommandDocument?.Content), o) +
    renderBlock('Output', decodedText(t.TaskResult?.Output), o),
  content: decodeOutput,
  contentLabel: 'the decoded output',
};
