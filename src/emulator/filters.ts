/** Filter names, id formats and matching for DescribeInvocations and DescribeInvocationTasks. */
import type { Filter } from '../api/types.js';
import {
  FILTER_VALUE_CHOICES,
  INVOCATION_FILTER_NAMES,
  INVOCATION_TASK_FILTER_NAMES,
  LIST_FILTER_NAMES,
} from '../api/types.js';
import type { StoredInvocation } from './data/model.js';
import { EmulatorApiError } from './errors.js';

export const ID_FORMATS = {
  invocation: {
    re: /^inv-[a-z0-9]{6,16}$/,
    code: 'InvalidParameterValue.InvalidInvocationId',
    what: 'invocation id (inv-xxxxxxxx)',
  },
  task: {
    re: /^invt-[a-z0-9]{6,16}$/,
    code: 'InvalidParameterValue.InvalidInvocationTaskId',
    what: 'invocation task id (invt-xxxxxxxx)',
  },
  command: {
    re: /^cmd-[a-z0-9]{6,16}$/,
    code: 'InvalidParameterValue.InvalidCommandId',
    what: 'command id (cmd-xxxxxxxx)',
  },
  instance: {
    re: /^(ins|lhins|rins)-[a-z0-9]{6,16}$/,
    code: 'InvalidParameterValue.InvalidInstanceId',
    what: 'instance id (ins-, lhins- or rins-)',
  },
} as const;

export type IdKind = keyof typeof ID_FORMATS;

export function checkIds(values: readonly string[], kind: IdKind): void {
  const format = ID_FORMATS[kind];
  for (const value of values) {
    if (!format.re.test(value)) throw new EmulatorApiError(format.code, `\`${value}\` is not a valid ${format.what}.`);
  }
}

const FORMAT_OF: Record<string, IdKind> = {
  'invocation-id': 'invocation',
  'invocation-task-id': 'task',
  'command-id': 'command',
  'instance-id': 'instance',
};

function checkFilters(filters: readonly Filter[], allowed: readonly string[]): void {
  for (const f of filters) {
    if (!allowed.includes(f.Name)) {
      throw new EmulatorApiError(
        'InvalidParameterValue.InvalidFilter',
        `Filter name \`${f.Name}\` is not valid; valid names: ${allowed.join(', ')}.`,
      );
    }
    if (f.Values.length === 0)
      throw new EmulatorApiError('InvalidParameterValue.InvalidFilter', `Filter \`${f.Name}\` has no values.`);
    const kind = FORMAT_OF[f.Name];
    if (kind) checkIds(f.Values, kind);
    const choices = FILTER_VALUE_CHOICES[f.Name];
    const bad = choices === undefined ? undefined : f.Values.find((v) => !choices.includes(v.toUpperCase()));
    if (choices !== undefined && bad !== undefined) {
      // instance-kind: the API answers an unknown kind as a bad filter; command-created-by keeps the plain code it always had here.
      const code = f.Name === 'instance-kind' ? 'InvalidParameterValue.InvalidFilter' : 'InvalidParameterValue';
      throw new EmulatorApiError(code, `Filter \`${f.Name}\` accepts ${choices.join(', ')}, got \`${bad}\`.`);
    }
  }
}

/** DescribeInvocations filter names; `instance-id` too unless the server is strict. */
export function invocationFilterNames(strict: boolean): readonly string[] {
  return strict ? INVOCATION_FILTER_NAMES : LIST_FILTER_NAMES;
}

const anyOf = (values: readonly string[], candidates: readonly string[], fold = false): boolean =>
  values.some((v) => candidates.some((c) => (fold ? c.toUpperCase() === v.toUpperCase() : c === v)));

function invocationField(record: StoredInvocation, name: string, values: readonly string[]): boolean {
  switch (name) {
    case 'invocation-id':
      return anyOf(values, [record.InvocationId]);
    case 'command-id':
      return anyOf(values, [record.CommandId]);
    case 'command-created-by':
      return anyOf(values, [record.commandCreatedBy], true);
    case 'instance-kind':
      return anyOf(values, [record.InstanceKind], true);
    case 'instance-id':
      return anyOf(values, record.instanceIds);
    default:
      return false;
  }
}

/** Validates the filters, then returns a predicate: AND across filters, OR within one. */
export function invocationMatcher(filters: readonly Filter[], strict: boolean): (r: StoredInvocation) => boolean {
  checkFilters(filters, invocationFilterNames(strict));
  return (record) => filters.every((f) => invocationField(record, f.Name, f.Values));
}

export interface TaskRef {
  record: StoredInvocation;
  index: number;
}

function taskField(ref: TaskRef, name: string, values: readonly string[]): boolean {
  switch (name) {
    case 'invocation-task-id':
      return anyOf(values, [ref.record.taskIds[ref.index] ?? '']);
    case 'instance-id':
      return anyOf(values, [ref.record.instanceIds[ref.index] ?? '']);
    default:
      return invocationField(ref.record, name, values);
  }
}

export function taskMatcher(filters: readonly Filter[]): (ref: TaskRef) => boolean {
  checkFilters(filters, INVOCATION_TASK_FILTER_NAMES);
  return (ref) => filters.every((f) => taskField(ref, f.Name, f.Values));
}
