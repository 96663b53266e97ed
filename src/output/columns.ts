/**
 * Column specs: the only place the API's PascalCase fields get human names. Records stay as the
 * API returned them; tsv, the table and the detail view read them through these specs.
 */
import type { Invocation } from '../api/types.js';
import { statusCategory, type StatusCategory } from './status.js';
import { durationSeconds, formatDuration, parseApiTime, relativeTime, toUtcIso } from './time.js';

export function taskCount(r: Invocation): number {
  return r.InvocationTaskBasicInfoSet?.length ?? 0;
}

export function succeededCount(r: Invocation): number {
  return (r.InvocationTaskBasicInfoSet ?? []).filter((t) => statusCategory(t.TaskStatus) === 'success').length;
}

export function instanceIds(r: Invocation): string[] {
  return (r.InvocationTaskBasicInfoSet ?? []).map((t) => t.InstanceId);
}

/** Seconds from StartTime to EndTime; undefined while running. */
export function invocationDuration(r: Invocation): number | undefined {
  return r.EndTime == null ? undefined : durationSeconds(r.StartTime, r.EndTime);
}

export interface TsvColumn {
  /** Name used in docs/output.md. */
  name: string;
  /** API field(s) the value comes from. */
  source: string;
  value(r: Invocation): string;
}

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const TSV_COLUMNS: readonly TsvColumn[] = [
  { name: 'id', source: 'InvocationId', value: (r) => r.InvocationId },
  { name: 'status', source: 'InvocationStatus', value: (r) => r.InvocationStatus },
  { name: 'command id', source: 'CommandId', value: (r) => r.CommandId },
  { name: 'command name', source: 'CommandName', value: (r) => r.CommandName ?? '' },
  { name: 'type', source: 'CommandType', value: (r) => r.CommandType },
  { name: 'instance kind', source: 'InstanceKind', value: (r) => r.InstanceKind },
  { name: 'tasks', source: 'InvocationTaskBasicInfoSet (count)', value: (r) => String(taskCount(r)) },
  { name: 'succeeded', source: 'InvocationTaskBasicInfoSet (TaskStatus SUCCESS)', value: (r) => String(succeededCount(r)) },
  { name: 'instances', source: 'InvocationTaskBasicInfoSet[].InstanceId', value: (r) => instanceIds(r).join(',') },
  { name: 'source', source: 'InvocationSource', value: (r) => r.InvocationSource },
  { name: 'created', source: 'CreatedTime', value: (r) => toUtcIso(r.CreatedTime) },
  { name: 'started', source: 'StartTime', value: (r) => toUtcIso(r.StartTime) },
  { name: 'ended', source: 'EndTime', value: (r) => toUtcIso(r.EndTime) },
  { name: 'duration', source: 'EndTime - StartTime', value: (r) => String(invocationDuration(r) ?? '') },
];

export interface TableColumn {
  header: string;
  /** May be truncated (widest first) to fit the terminal, down to `min` cells (default: the header's width). */
  flexible: boolean;
  min?: number;
  /** May be hidden on a narrow terminal; lower numbers go first. */
  drop?: number;
  /** Never truncated or hidden. */
  pinned?: boolean;
  value(r: Invocation, now: number): string;
  /** When set, the cell is coloured by this category. */
  category?(r: Invocation): StatusCategory;
}

export const TABLE_COLUMNS: readonly TableColumn[] = [
  { header: 'ID', flexible: false, pinned: true, value: (r) => r.InvocationId },
  {
    header: 'STATUS',
    flexible: false,
    value: (r) => r.InvocationStatus,
    category: (r) => statusCategory(r.InvocationStatus),
  },
  { header: 'COMMAND', flexible: true, min: 12, value: (r) => r.CommandName || r.CommandId },
  { header: 'TYPE', flexible: true, min: 5, drop: 2, value: (r) => r.CommandType },
  { header: 'INSTANCES', flexible: false, value: (r) => `${taskCount(r)} (${succeededCount(r)} ok)` },
  { header: 'SOURCE', flexible: true, min: 4, drop: 1, value: (r) => r.InvocationSource },
  {
    header: 'CREATED',
    flexible: false,
    value: (r, now) => {
      const ms = parseApiTime(r.CreatedTime);
      return ms === undefined ? r.CreatedTime : relativeTime(ms, now);
    },
  },
  {
    header: 'DURATION',
    flexible: false,
    value: (r) => {
      if (r.EndTime == null) return 'running';
      const s = invocationDuration(r);
      return s === undefined ? '' : formatDuration(s);
    },
  },
];

export type DetailKind = 'text' | 'status' | 'time' | 'json' | 'seconds' | 'duration';

export interface DetailField {
  label: string;
  kind: DetailKind;
  value(r: Invocation): string | number | null | undefined;
}

/** The detail view (`get` on a terminal), in display order. Content and tasks follow as blocks. */
export const DETAIL_FIELDS: readonly DetailField[] = [
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
  { label: 'Ended', kind: 'time', value: (r) => r.EndTime },
  { label: 'Updated', kind: 'time', value: (r) => r.UpdatedTime },
  { label: 'Duration', kind: 'duration', value: (r) => invocationDuration(r) },
  { label: 'Output COS bucket', kind: 'text', value: (r) => r.OutputCOSBucketUrl },
  { label: 'Output COS prefix', kind: 'text', value: (r) => r.OutputCOSKeyPrefix },
  { label: 'Parameters', kind: 'json', value: (r) => r.Parameters },
  { label: 'Default parameters', kind: 'json', value: (r) => r.DefaultParameters },
];

/** Headers of the per-instance task table in the detail view. */
export const TASK_COLUMNS = ['TASK ID', 'INSTANCE ID', 'STATUS'] as const;
