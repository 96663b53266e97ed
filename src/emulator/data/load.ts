/**
 * `--data FILE`: invocations from JSON instead of the generated fleet. Accepted shapes: an array
 * of Invocation objects; `{"InvocationSet": [...], "InvocationTaskSet": [...]}`; or a saved
 * DescribeInvocations response `{"Response": {"InvocationSet": [...]}}`. Tasks not given are
 * derived from each invocation's InvocationTaskBasicInfoSet.
 */
import type { Invocation, InvocationTask } from '../../api/types.js';
import { readTextFile } from '../text-file.js';
import { dataRoot, isObject, type Json } from './data-file.js';
import { endTimeOf, isFinal } from './end-time.js';
import { staticRecord, staticTask, type StoredInvocation } from './model.js';

/** Largest `--data` file read (checked before reading it): the generated fleet's 100,000 invocations a region are about 150 MB as JSON. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** The JSON type a field of the API has; `?` ones may also be null (which is then what is served). */
type FieldType = 'string' | 'integer' | 'string?' | 'object?' | 'array';

const INVOCATION_FIELDS: Readonly<Record<string, FieldType>> = {
  InvocationId: 'string',
  CommandId: 'string',
  CommandName: 'string',
  InvocationStatus: 'string',
  InvocationTaskBasicInfoSet: 'array',
  Description: 'string',
  StartTime: 'string',
  EndTime: 'string?',
  CreatedTime: 'string',
  UpdatedTime: 'string',
  Parameters: 'string',
  DefaultParameters: 'string',
  InstanceKind: 'string',
  Username: 'string',
  InvocationSource: 'string',
  CommandContent: 'string',
  CommandType: 'string',
  Timeout: 'integer',
  WorkingDirectory: 'string',
  OutputCOSBucketUrl: 'string',
  OutputCOSKeyPrefix: 'string',
};
const BASIC_FIELDS: Readonly<Record<string, FieldType>> = {
  InvocationTaskId: 'string',
  TaskStatus: 'string',
  InstanceId: 'string',
};
const TASK_FIELDS: Readonly<Record<string, FieldType>> = {
  InvocationId: 'string',
  InvocationTaskId: 'string',
  CommandId: 'string',
  CommandName: 'string',
  TaskStatus: 'string',
  InstanceId: 'string',
  TaskResult: 'object?',
  StartTime: 'string?',
  EndTime: 'string?',
  CreatedTime: 'string',
  UpdatedTime: 'string',
  CommandDocument: 'object?',
  ErrorInfo: 'string',
  InvocationSource: 'string',
};
const RESULT_FIELDS: Readonly<Record<string, FieldType>> = {
  ExitCode: 'integer',
  Output: 'string',
  ExecStartTime: 'string?',
  ExecEndTime: 'string?',
  Dropped: 'integer',
  OutputUrl: 'string',
  OutputUploadCOSErrorInfo: 'string',
};
const DOCUMENT_FIELDS: Readonly<Record<string, FieldType>> = {
  Content: 'string',
  CommandType: 'string',
  Timeout: 'integer',
  WorkingDirectory: 'string',
  Username: 'string',
  OutputCOSBucketUrl: 'string',
  OutputCOSKeyPrefix: 'string',
};

const NAMES: Readonly<Record<FieldType, string>> = {
  string: 'a string',
  integer: 'an integer',
  'string?': 'a string or null',
  'object?': 'an object or null',
  array: 'an array',
};

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string?':
      return value === null || typeof value === 'string';
    case 'object?':
      return value === null || isObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

/**
 * Refuses a known field of the wrong JSON type, naming the record and the field: a file that says
 * `"InvocationStatus": 5` is a mistake to report, not something to serve as SUCCESS. A field that
 * may not be null counts as absent when it is null (the SDKs drop nulls); unknown fields are kept
 * out of the check (a newer API may add some).
 */
function checkTypes(record: Json, fields: Readonly<Record<string, FieldType>>, where: string, path = ''): void {
  for (const [key, type] of Object.entries(fields)) {
    const value = record[key];
    if (value === undefined || (value === null && !type.endsWith('?'))) continue;
    if (!fits(value, type)) throw new Error(`${where}: ${path}${key} must be ${NAMES[type]}, not ${typeName(value)}`);
  }
}

/** The record without its null values where the API has none (they count as absent). */
function withoutNulls(record: Json, fields: Readonly<Record<string, FieldType>>): Json {
  return Object.fromEntries(
    Object.entries(record).filter(([key, value]) => value !== null || (fields[key]?.endsWith('?') ?? true)),
  );
}

function normaliseInvocation(raw: unknown, index: number): Invocation {
  if (!isObject(raw)) throw new Error(`invocation #${index} is not an object`);
  const id = raw.InvocationId;
  if (typeof id !== 'string' || !id.startsWith('inv-'))
    throw new Error(`invocation #${index} has no valid InvocationId (inv-...)`);
  checkTypes(raw, INVOCATION_FIELDS, `invocation ${id}`);
  const created = str(raw.CreatedTime);
  if (Number.isNaN(Date.parse(created))) throw new Error(`invocation ${id} has no valid CreatedTime (ISO 8601)`);
  const basics = Array.isArray(raw.InvocationTaskBasicInfoSet) ? raw.InvocationTaskBasicInfoSet : [];
  basics.forEach((basic: unknown, i) => {
    if (!isObject(basic))
      throw new Error(`invocation ${id}: InvocationTaskBasicInfoSet.${i} must be an object, not ${typeName(basic)}`);
    checkTypes(basic, BASIC_FIELDS, `invocation ${id}`, `InvocationTaskBasicInfoSet.${i}.`);
  });
  const status = str(raw.InvocationStatus, 'SUCCESS');
  const start = str(raw.StartTime, created);
  const timeout = typeof raw.Timeout === 'number' ? raw.Timeout : 60;
  const updated = typeof raw.UpdatedTime === 'string' ? raw.UpdatedTime : undefined;
  const end = endTimeOf(raw.EndTime, {
    status,
    start: Number.isNaN(Date.parse(start)) ? created : start,
    updated,
    timeoutSeconds: timeout,
  });
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
  return endTimeOf(given, {
    status,
    start: from,
    updated: typeof updated === 'string' ? updated : undefined,
    timeoutSeconds: inv.Timeout,
  });
}

/** Task statuses of a command the agent never started: no StartTime, no ExecStartTime. */
const NEVER_STARTED: ReadonlySet<string> = new Set([
  'PENDING',
  'DELIVERING',
  'DELIVER_DELAYED',
  'DELIVER_FAILED',
  'CANCELLED',
]);

/** The exit code the agent reports for a status: -1 for a command it killed or could not start, 1 for FAILED (non-zero by definition). */
function derivedExitCode(status: string): number {
  if (status === 'TIMEOUT' || status === 'TERMINATED' || status === 'START_FAILED') return -1;
  return status === 'FAILED' ? 1 : 0;
}

function derivedTask(inv: Invocation, index: number): InvocationTask {
  const status = inv.InvocationTaskBasicInfoSet[index]?.TaskStatus ?? '';
  const end = taskEnd(inv, status, undefined, inv.StartTime, undefined);
  const started = !NEVER_STARTED.has(status.toUpperCase());
  const start = started ? inv.StartTime : null;
  const result = {
    ExitCode: derivedExitCode(status.toUpperCase()),
    Output: '',
    ExecStartTime: start,
    ExecEndTime: started ? end : null,
    Dropped: 0,
    OutputUrl: '',
    OutputUploadCOSErrorInfo: '',
  };
  return staticTask(inv, index, { start, end, updated: inv.UpdatedTime }, result);
}

/** A task the file gives, over the derived one (field by field, TaskResult and CommandDocument too); a finished one without an EndTime gets one. */
function givenTask(inv: Invocation, index: number, found: Json): InvocationTask {
  const derived = derivedTask(inv, index);
  const status = typeof found.TaskStatus === 'string' ? found.TaskStatus : derived.TaskStatus;
  const start = 'StartTime' in found ? found.StartTime : derived.StartTime;
  const nested = (key: 'TaskResult' | 'CommandDocument', fields: Readonly<Record<string, FieldType>>): Json | null => {
    const value = found[key];
    if (value === null) return null;
    return { ...derived[key], ...(isObject(value) ? withoutNulls(value, fields) : {}) };
  };
  // Every field given was checked against its API type (checkTypes): the merge is an InvocationTask.
  const task = {
    ...derived,
    ...withoutNulls(found, TASK_FIELDS),
    TaskResult: nested('TaskResult', RESULT_FIELDS),
    CommandDocument: nested('CommandDocument', DOCUMENT_FIELDS),
  } as InvocationTask;
  return typeof found.EndTime === 'string'
    ? task
    : { ...task, EndTime: taskEnd(inv, status, found.EndTime ?? undefined, start, found.UpdatedTime) };
}

/** The file's tasks by InvocationTaskId (the first of a repeated id wins), each checked against the API's types. */
function givenTasks(set: unknown): Map<string, Json> {
  const byId = new Map<string, Json>();
  if (!Array.isArray(set)) return byId;
  set.forEach((task: unknown, i) => {
    if (!isObject(task)) throw new Error(`InvocationTaskSet.${i} must be an object, not ${typeName(task)}`);
    const id = task.InvocationTaskId;
    const where = typeof id === 'string' ? `task ${id}` : `InvocationTaskSet.${i}`;
    checkTypes(task, TASK_FIELDS, where);
    if (isObject(task.TaskResult)) checkTypes(task.TaskResult, RESULT_FIELDS, where, 'TaskResult.');
    if (isObject(task.CommandDocument)) checkTypes(task.CommandDocument, DOCUMENT_FIELDS, where, 'CommandDocument.');
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, task);
  });
  return byId;
}

/** Builds records from parsed JSON; throws an Error that says what is wrong. One pass over the tasks: a look-up each, not a search. */
export function recordsFromJson(data: unknown): StoredInvocation[] {
  const root = dataRoot(data);
  // A file of agents or commands alone serves no invocations.
  const only =
    isObject(root) &&
    root.InvocationSet === undefined &&
    (root.AutomationAgentSet !== undefined || root.CommandSet !== undefined);
  const list = Array.isArray(root) ? root : only ? [] : isObject(root) ? root.InvocationSet : undefined;
  if (!Array.isArray(list)) throw new Error('expected an array of invocations or an object with "InvocationSet"');
  const given = givenTasks(isObject(root) ? root.InvocationTaskSet : undefined);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const inv = normaliseInvocation(raw, i);
    if (seen.has(inv.InvocationId)) throw new Error(`duplicate InvocationId ${inv.InvocationId}`);
    seen.add(inv.InvocationId);
    const tasks = inv.InvocationTaskBasicInfoSet.map((b, j) => {
      const found = given.get(b.InvocationTaskId);
      return found ? givenTask(inv, j, found) : derivedTask(inv, j);
    });
    return staticRecord(inv, tasks);
  });
}

/**
 * The parsed JSON of a `--data` file, an error that names the file and what is wrong: a regular
 * file of at most MAX_DATA_FILE_BYTES (checked before reading), UTF-8 with or without a byte-order
 * mark (or UTF-16 with one).
 */
export function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readTextFile(path, MAX_DATA_FILE_BYTES);
  } catch (error) {
    // readTextFile and JSON.parse throw Errors.
    throw new Error(`cannot read data file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // readTextFile and JSON.parse throw Errors.
    throw new Error(`data file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parsed;
}
