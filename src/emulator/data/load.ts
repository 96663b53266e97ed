/**
 * `--data FILE`: invocations from JSON instead of the generated fleet. Accepted shapes: an array
 * of Invocation objects; `{"InvocationSet": [...], "InvocationTaskSet": [...]}`; or a saved
 * DescribeInvocations response `{"Response": {"InvocationSet": [...]}}`. Tasks not given are
 * derived from each invocation's InvocationTaskBasicInfoSet.
 */
import { readFileSync } from 'node:fs';
import type { Invocation, InvocationTask } from '../../api/types.js';
import { staticRecord, staticTask, type StoredInvocation } from './model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function normaliseInvocation(raw: unknown, index: number): Invocation {
  if (!isObject(raw)) throw new Error(`invocation #${index} is not an object`);
  const id = raw.InvocationId;
  if (typeof id !== 'string' || !id.startsWith('inv-')) throw new Error(`invocation #${index} has no valid InvocationId (inv-...)`);
  const created = str(raw.CreatedTime);
  if (Number.isNaN(Date.parse(created))) throw new Error(`invocation ${id} has no valid CreatedTime (ISO 8601)`);
  const basics = Array.isArray(raw.InvocationTaskBasicInfoSet) ? raw.InvocationTaskBasicInfoSet : [];
  const inv: Invocation = {
    InvocationId: id,
    CommandId: str(raw.CommandId),
    InvocationStatus: str(raw.InvocationStatus, 'SUCCESS'),
    InvocationTaskBasicInfoSet: basics.filter(isObject).map((b) => ({
      InvocationTaskId: str(b.InvocationTaskId),
      TaskStatus: str(b.TaskStatus, 'SUCCESS'),
      InstanceId: str(b.InstanceId),
    })),
    Description: str(raw.Description),
    StartTime: str(raw.StartTime, created),
    EndTime: typeof raw.EndTime === 'string' ? raw.EndTime : null,
    CreatedTime: created,
    UpdatedTime: str(raw.UpdatedTime, created),
    Parameters: str(raw.Parameters),
    DefaultParameters: str(raw.DefaultParameters),
    InstanceKind: str(raw.InstanceKind, 'CVM'),
    Username: str(raw.Username, 'root'),
    InvocationSource: str(raw.InvocationSource, 'USER'),
    CommandContent: str(raw.CommandContent),
    CommandType: str(raw.CommandType, 'SHELL'),
    Timeout: typeof raw.Timeout === 'number' ? raw.Timeout : 60,
    WorkingDirectory: str(raw.WorkingDirectory),
    OutputCOSBucketUrl: str(raw.OutputCOSBucketUrl),
    OutputCOSKeyPrefix: str(raw.OutputCOSKeyPrefix),
  };
  if (typeof raw.CommandName === 'string') inv.CommandName = raw.CommandName;
  return inv;
}

function derivedTask(inv: Invocation, index: number): InvocationTask {
  const result = { ExitCode: 0, Output: '', ExecStartTime: inv.StartTime, ExecEndTime: inv.EndTime, Dropped: 0, OutputUrl: '', OutputUploadCOSErrorInfo: '' };
  return staticTask(inv, index, { start: inv.StartTime, end: inv.EndTime, updated: inv.UpdatedTime }, result);
}

/** Builds records from parsed JSON; throws an Error that says what is wrong. */
export function recordsFromJson(data: unknown): StoredInvocation[] {
  const root = isObject(data) && isObject(data.Response) ? data.Response : data;
  const list = Array.isArray(root) ? root : isObject(root) ? root.InvocationSet : undefined;
  if (!Array.isArray(list)) throw new Error('expected an array of invocations or an object with "InvocationSet"');
  // The user's own test data: only objects whose InvocationTaskId matches a task are used (below), over derived defaults.
  const given = isObject(root) && Array.isArray(root.InvocationTaskSet) ? (root.InvocationTaskSet as InvocationTask[]) : [];
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const inv = normaliseInvocation(raw, i);
    if (seen.has(inv.InvocationId)) throw new Error(`duplicate InvocationId ${inv.InvocationId}`);
    seen.add(inv.InvocationId);
    const tasks = inv.InvocationTaskBasicInfoSet.map((b, j) => {
      const found = given.find((t) => isObject(t) && t.InvocationTaskId === b.InvocationTaskId);
      return found ? { ...derivedTask(inv, j), ...found } : derivedTask(inv, j);
    });
    return staticRecord(inv, tasks);
  });
}

export function loadDataFile(path: string): StoredInvocation[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // readFileSync, JSON.parse and recordsFromJson throw Errors.
    throw new Error(`cannot read data file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // readFileSync, JSON.parse and recordsFromJson throw Errors.
    throw new Error(`data file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return recordsFromJson(parsed);
  } catch (error) {
    // readFileSync, JSON.parse and recordsFromJson throw Errors.
    throw new Error(`data file ${path}: ${(error as Error).message}`);
  }
}
