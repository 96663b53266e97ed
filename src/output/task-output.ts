/**
 * How `tat invocations output` shows what tasks printed. The API gives each task's output as
 * base64 of at most 24,576 raw bytes (the agent may cut a UTF-8 character in half there; the
 * rest is `Dropped`). Three ways to show it:
 *
 * - on a terminal: a header per task, then the output decoded as UTF-8 (a split character at the
 *   cut becomes U+FFFD, never an error) with control characters made visible, unless `raw`;
 * - piped, one task: the decoded bytes exactly, nothing added (binary-safe, never re-encoded);
 * - piped, several: every line prefixed with the instance id and a tab, so grep and cut work.
 */
import type { InvocationTask } from '../api/types.js';
import { normalStatus } from '../api/status.js';
import { visible } from './escape.js';
import type { Painter } from './status.js';
import { paintStatus, statusCategory } from './status.js';
import { exitCodeText, taskDuration } from './resources/task.js';
import { formatDuration } from './time.js';

/** What the agent keeps of a task's output; the rest is reported as `Dropped`. */
export const OUTPUT_LIMIT_BYTES = 24_576;

/** `ins-zj0f57ew  invt-kakne8h2  SUCCESS  exit 0  9s`: which task, how it ended. */
export function outputHeader(task: InvocationTask, paint: Painter): string {
  const parts = [
    paint.bold(visible(task.InstanceId)),
    paint.dim(visible(task.InvocationTaskId)),
    paintStatus(paint, statusCategory(task.TaskStatus), visible(task.TaskStatus)),
  ];
  const code = exitCodeText(task);
  if (code !== '') parts.push(`exit ${code}`);
  const seconds = taskDuration(task);
  if (seconds !== undefined) parts.push(formatDuration(seconds));
  if (task.ErrorInfo) parts.push(visible(task.ErrorInfo));
  return `==> ${parts.join('  ')} <==\n`;
}

/** One task's output for a terminal: its header, then the text (made visible unless `raw`), ending in a newline. */
export function terminalBlock(
  task: InvocationTask,
  bytes: Uint8Array,
  o: { paint: Painter; raw: boolean },
): string | Uint8Array[] {
  const header = outputHeader(task, o.paint);
  if (bytes.length === 0) return `${header}${o.paint.dim('(no output)')}\n`;
  const newline = bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  if (o.raw) return [Buffer.from(header), bytes, Buffer.from(newline)];
  return `${header}${visible(new TextDecoder('utf-8').decode(bytes), { multiline: true })}${newline}`;
}

/** Every line of `bytes` prefixed with `prefix` (the bytes themselves untouched); a last line gets its newline. */
export function prefixLines(prefix: string, bytes: Uint8Array): Buffer {
  if (bytes.length === 0) return Buffer.alloc(0);
  const head = Buffer.from(prefix, 'utf8');
  const parts: Buffer[] = [];
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  while (start < data.length) {
    const end = data.indexOf(0x0a, start);
    const stop = end === -1 ? data.length : end + 1;
    parts.push(head, data.subarray(start, stop));
    if (end === -1) parts.push(Buffer.from('\n'));
    start = stop;
  }
  return Buffer.concat(parts);
}

/** The stderr warning for a task whose output was cut, or undefined when nothing was dropped. */
export function droppedWarning(task: InvocationTask): string | undefined {
  const result = task.TaskResult;
  const dropped = result?.Dropped;
  if (!result || typeof dropped !== 'number' || dropped <= 0) return undefined;
  // The facts of this task, not the agent's usual limit: a server may cut elsewhere.
  const kept = base64Bytes(result.Output ?? '');
  const what = `warning: the output of ${visible(task.InstanceId)} (${visible(task.InvocationTaskId)}) is incomplete: ${count(dropped)} dropped after the ${count(kept)} kept`;
  if (result.OutputUrl) return `${what}. The full log: ${visible(result.OutputUrl)}`;
  if (result.OutputUploadCOSErrorInfo)
    return `${what}, and the full log was not uploaded to COS: ${visible(result.OutputUploadCOSErrorInfo)}`;
  return `${what}; they were not kept (the invocation had no COS bucket: run the command with an output COS bucket to keep full logs).`;
}

function count(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} byte${bytes === 1 ? '' : 's'}`;
}

/** How many bytes a base64 text holds, without decoding it. */
function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/** True when a task did not end in SUCCESS with exit code 0. */
export function taskFailed(task: InvocationTask): boolean {
  if (normalStatus(task.TaskStatus) !== 'SUCCESS') return true;
  const code = task.TaskResult?.ExitCode;
  return typeof code === 'number' && code !== 0;
}

/**
 * Why a task counts as failed, for messages: `FAILED, exit 3`, `DELIVER_FAILED`; a SUCCESS with a
 * non-zero exit code says so (`SUCCESS but exit 3`), and says when the code came without a start
 * time, which every other view ignores (exitCodeText), so the reader sees why it is named.
 */
export function failureText(task: InvocationTask): string {
  const result = task.TaskResult;
  const code = result?.ExitCode;
  const started = result?.ExecStartTime != null && result.ExecStartTime !== '';
  const status = visible(task.TaskStatus);
  if (normalStatus(task.TaskStatus) !== 'SUCCESS')
    return typeof code === 'number' && started ? `${status}, exit ${code}` : status;
  return `${status} but exit ${code}${started ? '' : ', reported without a start time'}`;
}
