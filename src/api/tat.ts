import { TransportError } from '../errors.js';
import type { TatClient } from './client.js';
import { isObject } from './envelope.js';
import type {
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
    InvocationSet: expectRecords<Invocation>(response, 'InvocationSet', 'InvocationId', 'DescribeInvocations', INVOCATION_TEXT_FIELDS),
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
    InvocationTaskSet: expectRecords<InvocationTask>(response, 'InvocationTaskSet', 'InvocationTaskId', 'DescribeInvocationTasks', TASK_TEXT_FIELDS),
    RequestId: String(response.RequestId ?? ''),
  };
}

/**
 * Fields every formatter prints as text: a number or object there (a hostile or broken server)
 * would otherwise crash `-o tsv` or the table with a TypeError. Absent or null stays allowed.
 */
const INVOCATION_TEXT_FIELDS = ['CommandId', 'CommandName', 'InvocationStatus', 'Description', 'StartTime', 'EndTime', 'CreatedTime', 'UpdatedTime', 'InstanceKind', 'Username', 'InvocationSource', 'CommandType'] as const;
const TASK_TEXT_FIELDS = ['InvocationId', 'CommandId', 'CommandName', 'TaskStatus', 'InstanceId', 'StartTime', 'EndTime', 'CreatedTime', 'UpdatedTime', 'ErrorInfo', 'InvocationSource'] as const;

function malformed(action: string, what: string): TransportError {
  return new TransportError(`${action} answered with a malformed response: ${what}`, false);
}

function expectCount(response: Record<string, unknown>, action: string): number {
  const count = response.TotalCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw malformed(action, `TotalCount is ${JSON.stringify(count)}`);
  return count;
}

function expectRecords<T>(response: Record<string, unknown>, key: string, idField: string, action: string, textFields: readonly string[]): T[] {
  const set = response[key];
  if (!Array.isArray(set)) throw malformed(action, `${key} is not an array`);
  set.forEach((record: unknown, index) => {
    if (!isObject(record) || typeof record[idField] !== 'string') throw malformed(action, `${key}[${index}] has no ${idField}`);
    // InvocationTaskBasicInfoSet: formatters map over it and read each entry's fields.
    const list = record.InvocationTaskBasicInfoSet;
    if (list !== undefined && list !== null && !(Array.isArray(list) && list.every(isObject)))
      throw malformed(action, `${key}[${index}].InvocationTaskBasicInfoSet is ${JSON.stringify(list).slice(0, 40)}, not a list of tasks`);
    for (const field of textFields) {
      const value = record[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw malformed(action, `${key}[${index}].${field} is ${JSON.stringify(value).slice(0, 40)}, not text`);
      }
    }
  });
  return set as T[];
}
