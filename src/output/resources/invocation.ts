/**
 * How an Invocation is printed: the tsv contract, the table's columns, the detail view, and
 * `-o content` (the decoded command). The only place its PascalCase fields get human names.
 */
import type { Invocation, InvocationTask } from '../../api/types.js';
import { decodeField } from '../base64.js';
import { decodedText, renderBlock, renderFields, type DetailField } from '../detail.js';
import { renderGrid } from '../grid.js';
import type { DetailOptions, Resource, TableColumn, TsvColumn } from '../resource.js';
import { paintStatus, statusCategory } from '../status.js';
import { parseApiTime } from '../../api/time.js';
import { durationSeconds, formatDuration, toUtcIso } from '../time.js';
import { timeAgoColumn } from '../time-column.js';
import { exitCodeText } from './task.js';

export function taskCount(r: Invocation): number {
  return r.InvocationTaskBasicInfoSet?.length ?? 0;
}

export function succeededCount(r: Invocation): number {
  let n = 0;
  for (const t of r.InvocationTaskBasicInfoSet ?? []) if (statusCategory(t.TaskStatus) === 'success') n += 1;
  return n;
}

export function instanceIds(r: Invocation): string[] {
  return (r.InvocationTaskBasicInfoSet ?? []).map((t) => t.InstanceId);
}

/** Seconds from StartTime to EndTime; undefined while running. */
const invocationDuration = (r: Invocation): number | undefined => durationSeconds(r.StartTime, r.EndTime);

/** The decoded CommandContent; throws ContentDecodeError naming the invocation. */
export function decodeContent(r: Invocation): Uint8Array {
  return decodeField(r.CommandContent, `CommandContent of ${r.InvocationId}`);
}

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const INVOCATION_TSV: readonly TsvColumn<Invocation>[] = [
  { name: 'id', source: 'InvocationId', value: (r) => r.InvocationId },
  { name: 'status', source: 'InvocationStatus', value: (r) => r.InvocationStatus },
  { name: 'command id', source: 'CommandId', value: (r) => r.CommandId },
  { name: 'command name', source: 'CommandName', value: (r) => r.CommandName ?? '' },
  { name: 'type', source: 'CommandType', value: (r) => r.CommandType },
  { name: 'instance kind', source: 'InstanceKind', value: (r) => r.InstanceKind },
  { name: 'tasks', source: 'InvocationTaskBasicInfoSet (count)', value: (r) => String(taskCount(r)) },
  {
    name: 'succeeded',
    source: 'InvocationTaskBasicInfoSet (TaskStatus SUCCESS)',
    value: (r) => String(succeededCount(r)),
  },
  { name: 'instances', source: 'InvocationTaskBasicInfoSet[].InstanceId', value: (r) => instanceIds(r).join(',') },
  { name: 'source', source: 'InvocationSource', value: (r) => r.InvocationSource },
  { name: 'created', source: 'CreatedTime', value: (r) => toUtcIso(r.CreatedTime) },
  { name: 'started', source: 'StartTime', value: (r) => toUtcIso(r.StartTime) },
  { name: 'ended', source: 'EndTime', value: (r) => toUtcIso(r.EndTime) },
  { name: 'duration', source: 'EndTime - StartTime', value: (r) => String(invocationDuration(r) ?? '') },
];

/**
 * On a narrow terminal: CREATED is shortened first, then SOURCE, TYPE, DURATION and INSTANCES
 * are dropped in that order, then COMMAND is truncated. ID and STATUS are never cut.
 */
export const INVOCATION_TABLE: readonly TableColumn<Invocation>[] = [
  { header: 'ID', pinned: true, value: (r) => r.InvocationId },
  {
    header: 'STATUS',
    pinned: true,
    value: (r) => r.InvocationStatus,
    category: (r) => statusCategory(r.InvocationStatus),
  },
  { header: 'COMMAND', flexible: true, min: 12, value: (r) => r.CommandName || r.CommandId },
  { header: 'TYPE', flexible: true, min: 5, drop: 2, value: (r) => r.CommandType },
  { header: 'INSTANCES', drop: 4, value: (r) => `${taskCount(r)} (${succeededCount(r)} ok)` },
  { header: 'SOURCE', flexible: true, min: 4, drop: 1, value: (r) => r.InvocationSource },
  timeAgoColumn('CREATED', (r) => r.CreatedTime),
  {
    header: 'DURATION',
    drop: 3,
    value: (r) => {
      if (r.EndTime == null) return 'running';
      const s = invocationDuration(r);
      return s === undefined ? '' : formatDuration(s);
    },
  },
];

const running = (r: Invocation): string | undefined => (r.EndTime == null ? 'running' : undefined);

/** `running for 2m05s` while the invocation runs (from StartTime, else CreatedTime); `running` when neither is readable. */
export function runningFor(r: Invocation, now: number): string | undefined {
  if (r.EndTime != null) return undefined;
  const since = parseApiTime(r.StartTime) ?? parseApiTime(r.CreatedTime);
  return since === undefined ? 'running' : `running for ${formatDuration((now - since) / 1000)}`;
}

/** The detail view's fields, in display order. Content and tasks follow as blocks. */
export const INVOCATION_DETAIL: readonly DetailField<Invocation>[] = [
  { label: 'Invocation ID', kind: 'text', value: (r) => r.InvocationId },
  { label: 'Status', kind: 'status', value: (r) => r.InvocationStatus },
  { label: 'Command ID', kind: 'text', value: (r) => r.CommandId },
  { label: 'Command name', kind: 'text', value: (r) => r.CommandName },
  { label: 'Description', kind: 'text', value: (r) => r.Description },
  { label: 'Type', kind: 'text', value: (r) => r.CommandType },
  { label: 'Instance kind', kind: 'text', value: (r) => r.InstanceKind },
  { label: 'Source', kind: 'text', value: (r) => r.InvocationSource },
  { label: 'Username', kind: 'text', value: (r) => r.Username },
  { label: 'Working directory', kind: 'text', value: (r) => r.WorkingDirectory },
  { label: 'Timeout', kind: 'seconds', value: (r) => r.Timeout },
  { label: 'Created', kind: 'time', value: (r) => r.CreatedTime },
  { label: 'Started', kind: 'time', value: (r) => r.StartTime },
  { label: 'Ended', kind: 'time', value: (r) => r.EndTime, empty: running },
  { label: 'Updated', kind: 'time', value: (r) => r.UpdatedTime },
  { label: 'Duration', kind: 'duration', value: (r) => invocationDuration(r), empty: runningFor },
  { label: 'Output COS bucket', kind: 'text', value: (r) => r.OutputCOSBucketUrl },
  { label: 'Output COS prefix', kind: 'text', value: (r) => r.OutputCOSKeyPrefix },
  { label: 'Parameters', kind: 'json', value: (r) => r.Parameters },
  { label: 'Default parameters', kind: 'json', value: (r) => r.DefaultParameters },
];

/** Headers of the per-instance task table in the detail view. */
export const TASK_TABLE_HEADERS = ['TASK ID', 'INSTANCE ID', 'STATUS', 'EXIT CODE', 'ERROR'] as const;

/** The tasks block: one row per instance, with exit code and error when the full tasks are known. */
function renderTasks(r: Invocation, o: DetailOptions, full: ReadonlyMap<string, InvocationTask> | undefined): string {
  const basics = r.InvocationTaskBasicInfoSet ?? [];
  let out = o.paint.bold(`Tasks (${taskCount(r)}, ${succeededCount(r)} ok)`) + '\n';
  if (basics.length === 0) return out;
  const task = (i: number): InvocationTask | undefined => full?.get(basics[i]!.InvocationTaskId);
  out += renderGrid({
    columns: [
      { header: TASK_TABLE_HEADERS[0], pinned: true, cells: basics.map((t) => t.InvocationTaskId) },
      { header: TASK_TABLE_HEADERS[1], pinned: true, cells: basics.map((t) => t.InstanceId) },
      {
        header: TASK_TABLE_HEADERS[2],
        pinned: true,
        cells: basics.map((t) => t.TaskStatus),
        paint: (row, text) => paintStatus(o.paint, statusCategory(basics[row]?.TaskStatus), text),
      },
      { header: TASK_TABLE_HEADERS[3], cells: basics.map((_, i) => exitCodeText(task(i))) },
      { header: TASK_TABLE_HEADERS[4], flexible: true, min: 5, cells: basics.map((_, i) => task(i)?.ErrorInfo ?? '') },
    ],
    width: o.width,
    indent: '  ',
    paintHeader: (h) => o.paint.bold(h),
  });
  return out;
}

/**
 * The invocation description. `tasksOf` gives the full tasks (exit code, error) when the
 * command fetched them; the task table then shows them, otherwise those cells stay empty.
 */
export function invocationResource(
  tasksOf?: (invocationId: string) => ReadonlyMap<string, InvocationTask> | undefined,
): Resource<Invocation> {
  return {
    noun: 'invocation',
    plural: 'invocations',
    id: (r) => r.InvocationId,
    tsv: INVOCATION_TSV,
    table: INVOCATION_TABLE,
    detail: (r, o) =>
      renderFields(INVOCATION_DETAIL, r, o) +
      renderBlock('Command content', decodedText(r.CommandContent), o) +
      renderTasks(r, o, tasksOf?.(r.InvocationId)),
    content: decodeContent,
    contentLabel: 'the decoded command',
  };
}

export const INVOCATION: Resource<Invocation> = invocationResource();
