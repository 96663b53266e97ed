/**
 * `--data FILE`: invocations from JSON instead of the generated fleet. Accepted shapes: an array
 * of Invocation objects; `{"InvocationSet": [...], "InvocationTaskSet": [...]}`; or a saved
 * DescribeInvocations response `{"Response": {"InvocationSet": [...]}}`. Tasks not given are
 * derived from each invocation's InvocationTaskBasicInfoSet.
 */
import { readFileSync } from 'node:fs';
import type { Invocation, InvocationTask } from '../../api/types.js';
import { dataRoot, isObject } from './data-file.js';
import { endTimeOf, isFinal } from './end-time.js';
import { staticRecord, staticTask, type StoredInvocation } from './model.js';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function normaliseInvocation(raw: unknown, index: number): Invocation {
  if (!isObject(raw)) throw new Error(`invocation #${index} is not an object`);
  const id = raw.InvocationId;
  if (typeof id !== 'string' || !id.startsWith('inv-')) throw new Error(`invocation #${index} has no valid InvocationId (inv-...)`);
  const created = str(raw.CreatedTime);
  if (Number.isNaN(Date.parse(created))) throw new Error(`invocation ${id} has no valid CreatedTime (ISO 8601)`);
  const basics = Array.isArray(raw.InvocationTaskBasicInfoSet) ? raw.InvocationTaskBasicInfoSet : [];
  const status = str(raw.InvocationStatus, 'SUCCESS');
  const start = str(raw.StartTime, created);
  const timeout = typeof raw.Timeout === 'number' ? raw.Timeout : 60;
  const updated = typeof raw.UpdatedTime === 'string' ? raw.UpdatedTime : undefined;
  const end = endTimeOf(raw.EndTime, { status, start: Number.isNaN(Date.parse(start)) ? created : start, updated, timeoutSeconds: timeout });
  const inv: Invocation = {
    InvocationId: id,
    CommandId: str(raw.CommandId),
    InvocationStatus: status,
    InvocationTaskBasicInfoSet: basics.filter(isObject).map((b) => ({
      InvocationTaskId: str(b.InvocationTaskId),
      TaskStatus: str(b.TaskStatus, 'SUCCESS'),
      InstanceId: str(b.InstanceId),
    })),
    Description: str(raw.Description),
    StartTime: start,
    EndTime: end,
    CreatedTime: created,
    // Not given: the last change of a finished invocation is its end.
    UpdatedTime: updated ?? end ?? created,
    Parameters: str(raw.Parameters),
    DefaultParameters: str(raw.DefaultParameters),
    InstanceKind: str(raw.InstanceKind, 'CVM'),
    Username: str(raw.Username, 'root'),
    InvocationSource: str(raw.InvocationSource, 'USER'),
    CommandContent: str(raw.CommandContent),
    CommandType: str(raw.CommandType, 'SHELL'),
    Timeout: timeout,
    WorkingDirectory: str(raw.WorkingDirectory),
    OutputCOSBucketUrl: str(raw.OutputCOSBucketUrl),
    OutputCOSKeyPrefix: str(raw.OutputCOSKeyPrefix),
  };
  if (typeof raw.CommandName === 'string') inv.CommandName = raw.CommandName;
  return inv;
}

/** A task's end: its own status decides (a running task of a finished invocation has none). */
function taskEnd(inv: Invocation, status: string, given: unknown, start: unknown, updated: unknown): string | null {
  const from = typeof start === 'string' && !Number.isNaN(Date.parse(start)) ? start : inv.StartTime;
  // A finished task of a finished invocation ends with it, unless the file says otherwise.
  if (given === undefined && isFinal(status) && inv.EndTime !== null && from === inv.StartTime) return inv.EndTime;
  return endTimeOf(given, { status, start: from, updated: typeof updated === 'string' ? updated : undefined, timeoutSeconds: inv.Timeout });
}

function derivedTask(inv: Invocation, index: number): InvocationTask {
  const status = inv.InvocationTaskBasicInfoSet[index]?.TaskStatus ?? '';
  const end = taskEnd(inv, status, undefined, inv.StartTime, undefined);
  const result = { ExitCode: 0, Output: '', ExecStartTime: inv.StartTime, ExecEndTime: end, Dropped: 0, OutputUrl: '', OutputUploadCOSErrorInfo: '' };
  return staticTask(inv, index, { start: inv.StartTime, end, updated: inv.UpdatedTime }, result);
}

/** A task the file gives, over the derived one; a finished one without an EndTime gets one. */
function givenTask(inv: Invocation, index: number, found: Record<string, unknown>): InvocationTask {
  const derived = derivedTask(inv, index);
  const status = typeof found.TaskStatus === 'string' ? found.TaskStatus : derived.TaskStatus;
  const start = 'StartTime' in found ? found.StartTime : derived.StartTime;
  // The user's own test data, taken as it is (the emulator serves what the file says).
  const task = { ...derived, ...found } as InvocationTask;
  return typeof found.EndTime === 'string' ? task : { ...task, EndTime: taskEnd(inv, status, found.EndTime ?? undefined, start, found.UpdatedTime) };
}

/** Builds records from parsed JSON; throws an Error that says what is wrong. */
export function recordsFromJson(data: unknown): StoredInvocation[] {
  const root = dataRoot(data);
  // A file of agents or commands alone serves no invocations.
  const only = isObject(root) && root.InvocationSet === undefined && (root.AutomationAgentSet !== undefined || root.CommandSet !== undefined);
  const list = Array.isArray(root) ? root : only ? [] : isObject(root) ? root.InvocationSet : undefined;
  if (!Array.isArray(list)) throw new Error('expected an array of invocations or an object with "InvocationSet"');
  const given = isObject(root) && Array.isArray(root.InvocationTaskSet) ? root.InvocationTaskSet.filter(isObject) : [];
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const inv = normaliseInvocation(raw, i);
    if (seen.has(inv.InvocationId)) throw new Error(`duplicate InvocationId ${inv.InvocationId}`);
    seen.add(inv.InvocationId);
    const tasks = inv.InvocationTaskBasicInfoSet.map((b, j) => {
      const found = given.find((t) => isObject(t) && t.InvocationTaskId === b.InvocationTaskId);
      return found ? givenTask(inv, j, found) : derivedTask(inv, j);
    });
    return staticRecord(inv, tasks);
  });
}

/** The parsed JSON of a `--data` file; an error that names the file and what is wrong. */
export function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // readFileSync and JSON.parse throw Errors.
    throw new Error(`cannot read data file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // readFileSync and JSON.parse throw Errors.
    throw new Error(`data file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parsed;
}

