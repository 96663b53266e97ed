import { TransportError } from '../errors.js';
import type { TatClient } from './client.js';
import { isObject } from './envelope.js';
import type {
  AutomationAgentInfo,
  Command,
  DescribeAutomationAgentStatusRequest,
  DescribeAutomationAgentStatusResponse,
  DescribeCommandsRequest,
  DescribeCommandsResponse,
  DescribeInvocationsRequest,
  DescribeInvocationsResponse,
  DescribeInvocationTasksRequest,
  DescribeInvocationTasksResponse,
  Invocation,
  InvocationTask,
} from './types.js';

/** Typed TAT actions. Each checks the shape it relies on, so a wrong-typed answer is a clear error, not a crash later. */

export async function describeInvocations(client: TatClient, request: DescribeInvocationsRequest): Promise<DescribeInvocationsResponse> {
  const response = await client.call('DescribeInvocations', request);
  return {
    TotalCount: expectCount(response, 'DescribeInvocations'),
    InvocationSet: expectRecords<Invocation>(response, 'InvocationSet', 'InvocationId', 'DescribeInvocations', INVOCATION_SHAPE),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeInvocationTasks(
  client: TatClient,
  request: DescribeInvocationTasksRequest,
): Promise<DescribeInvocationTasksResponse> {
  const response = await client.call('DescribeInvocationTasks', request);
  return {
    TotalCount: expectCount(response, 'DescribeInvocationTasks'),
    InvocationTaskSet: expectRecords<InvocationTask>(response, 'InvocationTaskSet', 'InvocationTaskId', 'DescribeInvocationTasks', TASK_SHAPE),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeCommands(client: TatClient, request: DescribeCommandsRequest): Promise<DescribeCommandsResponse> {
  const response = await client.call('DescribeCommands', request);
  return {
    TotalCount: expectCount(response, 'DescribeCommands'),
    CommandSet: expectRecords<Command>(response, 'CommandSet', 'CommandId', 'DescribeCommands', COMMAND_SHAPE),
    RequestId: String(response.RequestId ?? ''),
  };
}

export async function describeAutomationAgentStatus(
  client: TatClient,
  request: DescribeAutomationAgentStatusRequest,
): Promise<DescribeAutomationAgentStatusResponse> {
  const response = await client.call('DescribeAutomationAgentStatus', request);
  return {
    TotalCount: expectCount(response, 'DescribeAutomationAgentStatus'),
    AutomationAgentSet: expectRecords<AutomationAgentInfo>(response, 'AutomationAgentSet', 'InstanceId', 'DescribeAutomationAgentStatus', AGENT_SHAPE),
    RequestId: String(response.RequestId ?? ''),
  };
}

/**
 * The fields formatters read, by the type they need. A number or object where text belongs (or
 * text where a number belongs, or a string where an object belongs) from a hostile or broken
 * server would otherwise crash `-o tsv` or the table, or print as a blank. Absent or null stays
 * allowed everywhere: older servers omit fields.
 */
interface Shape {
  readonly text: readonly string[];
  readonly numbers?: readonly string[];
  readonly objects?: Readonly<Record<string, Shape>>;
  readonly booleans?: readonly string[];
  /** Lists whose items are text (`Scenes`), or objects of the given shape (`Tags`). */
  readonly lists?: Readonly<Record<string, 'text' | Shape>>;
}

const INVOCATION_SHAPE: Shape = {
  text: ['CommandId', 'CommandName', 'InvocationStatus', 'Description', 'StartTime', 'EndTime', 'CreatedTime', 'UpdatedTime', 'InstanceKind', 'Username', 'InvocationSource', 'CommandType', 'CommandContent', 'Parameters', 'DefaultParameters', 'WorkingDirectory', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'],
  numbers: ['Timeout'],
};
const TASK_SHAPE: Shape = {
  text: ['InvocationId', 'CommandId', 'CommandName', 'TaskStatus', 'InstanceId', 'StartTime', 'EndTime', 'CreatedTime', 'UpdatedTime', 'ErrorInfo', 'InvocationSource'],
  objects: {
    TaskResult: { text: ['Output', 'ExecStartTime', 'ExecEndTime', 'OutputUrl', 'OutputUploadCOSErrorInfo'], numbers: ['ExitCode', 'Dropped'] },
    CommandDocument: { text: ['Content', 'CommandType', 'WorkingDirectory', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'], numbers: ['Timeout'] },
  },
};

const COMMAND_SHAPE: Shape = {
  text: ['CommandName', 'Description', 'Content', 'CommandType', 'WorkingDirectory', 'CreatedTime', 'UpdatedTime', 'DefaultParameters', 'FormattedDescription', 'CreatedBy', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'],
  numbers: ['Timeout'],
  booleans: ['EnableParameter'],
  lists: {
    Scenes: 'text',
    Tags: { text: ['Key', 'Value'] },
    DefaultParameterConfs: { text: ['ParameterName', 'ParameterValue', 'ParameterDescription'] },
  },
};
const AGENT_SHAPE: Shape = {
  text: ['Version', 'LastHeartbeatTime', 'AgentStatus', 'Environment'],
  lists: { SupportFeatures: 'text' },
};

function malformed(action: string, what: string): TransportError {
  return new TransportError(`${action} answered with a malformed response: ${what}`, false);
}

function expectCount(response: Record<string, unknown>, action: string): number {
  const count = response.TotalCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw malformed(action, `TotalCount is ${JSON.stringify(count)}`);
  return count;
}

/** Deeper than this, a value is refused: printing it (-o json) would overflow the stack. */
const MAX_DEPTH = 64;

function expectRecords<T>(response: Record<string, unknown>, key: string, idField: string, action: string, shape: Shape): T[] {
  const set = response[key];
  if (!Array.isArray(set)) throw malformed(action, `${key} is not an array`);
  set.forEach((record: unknown, index) => {
    if (!isObject(record) || typeof record[idField] !== 'string') throw malformed(action, `${key}[${index}] has no ${idField}`);
    // InvocationTaskBasicInfoSet (checked below): formatters map over it and read each entry's fields.
    const where = `${key}[${index}] (${record[idField].slice(0, 40)})`;
    const wrong = wrongField(record, shape);
    if (wrong) throw malformed(action, `${where}.${wrong}`);
    const basics = record.InvocationTaskBasicInfoSet;
    if (basics !== undefined && basics !== null && (!Array.isArray(basics) || !basics.every(isObject)))
      throw malformed(action, `${where}.InvocationTaskBasicInfoSet is ${describe(basics)}, not a list of tasks`);
    for (const [field, value] of Object.entries(record)) {
      if (deeperThan(value, MAX_DEPTH)) throw malformed(action, `${where}.${field} is nested more than ${MAX_DEPTH} levels deep`);
    }
  });
  // Checked above: a list of objects whose text fields are text, which is what T promises.
  return set as T[];
}

/** The first field that does not have the type `shape` says, as `Field is <what>, not <type>`. */
function wrongField(record: Record<string, unknown>, shape: Shape): string | undefined {
  const present = (field: string) => record[field] !== undefined && record[field] !== null;
  for (const field of shape.text) if (present(field) && typeof record[field] !== 'string') return `${field} is ${describe(record[field])}, not text`;
  for (const field of shape.numbers ?? []) if (present(field) && typeof record[field] !== 'number') return `${field} is ${describe(record[field])}, not a number`;
  for (const field of shape.booleans ?? []) if (present(field) && typeof record[field] !== 'boolean') return `${field} is ${describe(record[field])}, not true or false`;
  for (const [field, item] of Object.entries(shape.lists ?? {})) {
    if (!present(field)) continue;
    const value = record[field];
    if (!Array.isArray(value)) return `${field} is ${describe(value)}, not a list`;
    const entries: readonly unknown[] = value;
    for (const [index, entry] of entries.entries()) {
      if (item === 'text') {
        if (typeof entry !== 'string') return `${field}[${index}] is ${describe(entry)}, not text`;
        continue;
      }
      if (!isObject(entry)) return `${field}[${index}] is ${describe(entry)}, not an object`;
      const wrong = wrongField(entry, item);
      if (wrong) return `${field}[${index}].${wrong}`;
    }
  }
  for (const [field, inner] of Object.entries(shape.objects ?? {})) {
    if (!present(field)) continue;
    const value = record[field];
    if (!isObject(value)) return `${field} is ${describe(value)}, not an object`;
    const wrong = wrongField(value, inner);
    if (wrong) return `${field}.${wrong}`;
  }
  return undefined;
}

/** A short description of a wrong value that never serialises it whole (it may be huge or deep). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list (${value.length} items${value.some((item) => item === null) ? ', with null' : ''})`;
  if (isObject(value)) return 'an object';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : `${typeof value} ${String(value).slice(0, 40)}`;
}

/** Iterative, so a value nested a million deep is measured without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
