/**
 * One instance's result in `tat run` (and `rerun`): a flat record under the API's field names,
 * printed as each instance finishes (one ndjson line, one tsv row), with its output decoded.
 */
import type { InvocationTask } from '../../api/types.js';
import { decodeBase64Strict } from '../base64.js';
import type { Resource, TableColumn, TsvColumn } from '../resource.js';
import { statusCategory } from '../status.js';
import { exitCodeText } from './task.js';

export interface RunResult {
  InstanceId: string;
  TaskStatus: string;
  /** null when the command never ran there (DELIVER_FAILED, CANCELLED before it started...). */
  ExitCode: number | null;
  /** The decoded output (UTF-8; bytes that are not are shown as U+FFFD). */
  Output: string;
  /** Output bytes the agent cut after the first 24,576. */
  Dropped: number;
  /** Where the whole output is (COS), when it was uploaded. */
  OutputUrl: string;
  ErrorInfo: string;
  InvocationId: string;
  InvocationTaskId: string;
}

/** The record of a task that ended; undecodable output is kept as its base64 with a note. */
export function runResultOf(task: InvocationTask): RunResult {
  const code = exitCodeText(task);
  const encoded = task.TaskResult?.Output ?? '';
  const bytes = decodeBase64Strict(encoded);
  return {
    InstanceId: task.InstanceId,
    TaskStatus: task.TaskStatus,
    ExitCode: code === '' ? null : Number(code),
    Output: bytes === undefined ? `(not valid base64) ${encoded}` : new TextDecoder('utf-8').decode(bytes),
    Dropped: typeof task.TaskResult?.Dropped === 'number' ? task.TaskResult.Dropped : 0,
    OutputUrl: task.TaskResult?.OutputUrl ?? '',
    ErrorInfo: task.ErrorInfo ?? '',
    InvocationId: task.InvocationId,
    InvocationTaskId: task.InvocationTaskId,
  };
}

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const RUN_RESULT_TSV: readonly TsvColumn<RunResult>[] = [
  { name: 'instance id', source: 'InstanceId', value: (r) => r.InstanceId },
  { name: 'status', source: 'TaskStatus', value: (r) => r.TaskStatus },
  {
    name: 'exit code',
    source: 'ExitCode (empty when it never ran)',
    value: (r) => (r.ExitCode === null ? '' : String(r.ExitCode)),
  },
  { name: 'output', source: 'Output, decoded (newlines as \\n)', value: (r) => r.Output },
  { name: 'dropped', source: 'Dropped', value: (r) => String(r.Dropped) },
  { name: 'output url', source: 'OutputUrl', value: (r) => r.OutputUrl },
  { name: 'error info', source: 'ErrorInfo', value: (r) => r.ErrorInfo },
  { name: 'invocation id', source: 'InvocationId', value: (r) => r.InvocationId },
  { name: 'task id', source: 'InvocationTaskId', value: (r) => r.InvocationTaskId },
];

const lastLine = (r: RunResult): string => r.Output.trimEnd().split('\n').pop() ?? '';

export const RUN_RESULT_TABLE: readonly TableColumn<RunResult>[] = [
  { header: 'INSTANCE', pinned: true, value: (r) => r.InstanceId },
  { header: 'STATUS', pinned: true, value: (r) => r.TaskStatus, category: (r) => statusCategory(r.TaskStatus) },
  { header: 'EXIT CODE', drop: 2, value: (r) => (r.ExitCode === null ? '' : String(r.ExitCode)) },
  { header: 'LAST LINE', flexible: true, min: 8, drop: 1, value: (r) => lastLine(r) || r.ErrorInfo },
];

export const RUN_RESULT: Resource<RunResult> = {
  noun: 'result',
  plural: 'results',
  id: (r) => r.InstanceId,
  tsv: RUN_RESULT_TSV,
  table: RUN_RESULT_TABLE,
  content: (r) => new TextEncoder().encode(r.Output),
  contentLabel: 'the decoded output',
};
