import { UsageError } from '../errors.js';
import type { Filter } from '../api/types.js';
import { FILTER_VALUE_CHOICES, MAX_FILTERS, MAX_FILTER_VALUES } from '../api/types.js';

/**
 * Parsers of the options only commands take (ids, filters); each refuses bad input with a
 * UsageError that names the flag and the fix. Values shared with configuration (durations,
 * whole numbers, endpoints) are parsed in src/values.ts.
 */

interface IdKind {
  pattern: RegExp;
  what: string;
  /** Two examples, for the hints. */
  examples: [string, string];
  shape: string;
  /** The command that shows one (for an id of this kind given where another kind belongs). */
  show(id: string): string;
}

const INVOCATION_ID: IdKind = {
  pattern: /^inv-[0-9a-z]+$/,
  what: 'an invocation id',
  examples: ['inv-q4zp60g0', 'inv-hc91n6ga8c'],
  shape: 'Invocation ids look like inv-q4zp60g0 (lower-case letters and digits after inv-).',
  show: (id) => `tat invocations get ${id}`,
};
const TASK_ID: IdKind = {
  pattern: /^invt-[0-9a-z]+$/,
  what: 'a task id',
  examples: ['invt-kakne8h2', 'invt-jc2onrxm'],
  shape: 'Task ids look like invt-kakne8h2 (lower-case letters and digits after invt-).',
  show: (id) => `tat tasks get ${id}`,
};
const COMMAND_ID: IdKind = {
  pattern: /^cmd-[0-9a-z]+$/,
  what: 'a command id',
  examples: ['cmd-9dxzty3m', 'cmd-6fydo27j'],
  shape: 'Command ids look like cmd-9dxzty3m (lower-case letters and digits after cmd-).',
  show: (id) => `tat commands get ${id}`,
};
const INSTANCE_ID: IdKind = {
  pattern: /^(ins|lhins|rins)-[0-9a-z]+$/,
  what: 'an instance id',
  examples: ['ins-zj0f57ew', 'lhins-a1b2c3d4'],
  shape: 'Instance ids look like ins-zj0f57ew (CVM), lhins-... (Lighthouse) or rins-... .',
  show: (id) => `tat invocations list --filter instance-id=${id}`,
};

const KINDS: readonly IdKind[] = [INVOCATION_ID, TASK_ID, COMMAND_ID, INSTANCE_ID];

/** `--id a,b --id c` → [a, b, c], trimmed, duplicates removed, order kept; each checked against `kind`. */
function parseIdList(values: readonly string[], flag: string, kind: IdKind): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim();
      if (id === '')
        throw new UsageError(
          `${flag} has an empty id in '${value}'`,
          `Separate ids with commas, e.g. ${flag} ${kind.examples.join(',')}.`,
        );
      if (!kind.pattern.test(id)) {
        // An id of another kind (a task id given to `invocations get`): say what it is and where it goes.
        const other = KINDS.find((candidate) => candidate !== kind && candidate.pattern.test(id));
        throw new UsageError(
          `${flag}: '${id}' is not ${kind.what}`,
          other ? `It is ${other.what}: \`${other.show(id)}\` shows it. ${kind.shape}` : kind.shape,
        );
      }
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  }
  return ids;
}

export function parseInvocationIds(values: readonly string[], flag: string): string[] {
  return parseIdList(values, flag, INVOCATION_ID);
}

export function parseTaskIds(values: readonly string[], flag: string): string[] {
  return parseIdList(values, flag, TASK_ID);
}

export function parseCommandIds(values: readonly string[], flag: string): string[] {
  return parseIdList(values, flag, COMMAND_ID);
}

export function parseInstanceIds(values: readonly string[], flag: string): string[] {
  return parseIdList(values, flag, INSTANCE_ID);
}

/** `--filter name=v1,v2` (repeatable): values are ORed, filters ANDed; the same name twice merges. */
export function parseFilters(values: readonly string[]): Filter[] {
  const filters: Filter[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0)
      throw new UsageError(
        `--filter '${value}' has no '='`,
        'Write filters as name=value[,value...], e.g. --filter instance-id=ins-zj0f57ew.',
      );
    const name = value.slice(0, eq).trim();
    if (name === '')
      throw new UsageError(
        `--filter '${value}' has an empty name`,
        'Write filters as name=value, e.g. --filter command-id=cmd-9dxzty3m.',
      );
    const parts = value
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim());
    if (parts.some((v) => v === ''))
      throw new UsageError(
        `--filter '${value}' has an empty value`,
        `Give at least one value, e.g. --filter ${name}=VALUE; separate several with commas.`,
      );
    const existing = filters.find((f) => f.Name === name);
    const target = existing ?? { Name: name, Values: [] };
    for (const part of parts) if (!target.Values.includes(part)) target.Values.push(part);
    if (target.Values.length > MAX_FILTER_VALUES)
      throw new UsageError(
        `--filter ${name} has ${target.Values.length} values; the API allows at most ${MAX_FILTER_VALUES} per filter`,
        'Split the query into several runs.',
      );
    checkChoices(name, target.Values);
    if (!existing) filters.push(target);
  }
  if (filters.length > MAX_FILTERS)
    throw new UsageError(`${filters.length} different --filter names given; the API allows at most ${MAX_FILTERS}`);
  return filters;
}

/** A filter whose values are a closed list (instance-kind, command-created-by) is refused here, as the API would refuse it. */
function checkChoices(name: string, values: readonly string[]): void {
  const choices = FILTER_VALUE_CHOICES[name];
  if (choices === undefined) return;
  const bad = values.find((v) => !choices.includes(v.toUpperCase()));
  if (bad !== undefined)
    throw new UsageError(
      `--filter ${name}=${bad}: unknown value "${bad}"`,
      `${name} takes ${choices.join(', ')}, e.g. --filter ${name}=${choices[0]}.`,
    );
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
