/**
 * DescribeCommands: a region's saved commands. `CommandIds` (≤ 100) or `Filters` (command-id,
 * command-name, command-type, scene-id, created-by, tag-key, tag-value, tag:KEY), never both;
 * Limit/Offset. The action documents no `LimitExceeded.*` code, so its limits answer
 * `InvalidParameterValue`.
 */
import { COMMAND_FILTER_NAMES, COMMAND_TYPES, type Command, type Filter } from '../../api/types.js';
import { EmulatorApiError } from '../errors.js';
import { checkIds } from '../filters.js';
import { checkKeys, listParams, type Body, type LimitCodes } from '../params.js';
import type { CommandStore } from './store.js';

export const COMMAND_LIMIT_CODES: LimitCodes = {
  tooMany: 'InvalidParameterValue',
  filterValues: 'InvalidParameterValue',
};

const TAG_PREFIX = 'tag:';

/** Closed value lists: command types exactly as documented, creators in any case (as DescribeInvocations' command-created-by). */
function badValue(name: string, value: string): string | undefined {
  if (name === 'command-type' && !COMMAND_TYPES.some((type) => type === value)) return COMMAND_TYPES.join(', ');
  if (name === 'created-by' && !['TAT', 'USER'].includes(value.toUpperCase())) return 'TAT, USER';
  return undefined;
}

function checkCommandFilters(filters: readonly Filter[]): void {
  for (const f of filters) {
    const tag = f.Name.startsWith(TAG_PREFIX);
    if (!tag && !COMMAND_FILTER_NAMES.some((name) => name === f.Name)) {
      throw new EmulatorApiError(
        'InvalidParameterValue.InvalidFilter',
        `Filter name \`${f.Name}\` is not valid; valid names: ${COMMAND_FILTER_NAMES.join(', ')}, tag:KEY.`,
      );
    }
    if (tag && f.Name.length === TAG_PREFIX.length)
      throw new EmulatorApiError('InvalidParameterValue.InvalidFilter', 'Filter `tag:` names no tag key (tag:KEY).');
    if (f.Values.length === 0)
      throw new EmulatorApiError('InvalidParameterValue.InvalidFilter', `Filter \`${f.Name}\` has no values.`);
    if (f.Name === 'command-id') checkIds(f.Values, 'command');
    for (const value of f.Values) {
      const expected = badValue(f.Name, value);
      if (expected)
        throw new EmulatorApiError(
          'InvalidParameterValue.InvalidFilter',
          `Filter \`${f.Name}\` accepts ${expected}, got \`${value}\`.`,
        );
    }
  }
}

function matches(command: Command, f: Filter): boolean {
  const { Name: name, Values: values } = f;
  switch (name) {
    case 'command-id':
      return values.includes(command.CommandId);
    case 'command-name':
      return values.includes(command.CommandName);
    case 'command-type':
      return values.includes(command.CommandType);
    case 'scene-id':
      return (command.Scenes ?? []).some((scene) => values.includes(scene));
    case 'created-by':
      return values.some((v) => v.toUpperCase() === command.CreatedBy);
    case 'tag-key':
      return command.Tags.some((tag) => values.includes(tag.Key));
    case 'tag-value':
      return command.Tags.some((tag) => values.includes(tag.Value));
    default: {
      const key = name.slice(TAG_PREFIX.length);
      return command.Tags.some((tag) => tag.Key === key && values.includes(tag.Value));
    }
  }
}

export interface CommandQueryContext {
  commands: CommandStore;
}

export function describeCommands(body: Body, ctx: CommandQueryContext): Record<string, unknown> {
  checkKeys(body, ['CommandIds', 'Filters', 'Limit', 'Offset']);
  const { ids, filters, limit, offset } = listParams(body, 'CommandIds', COMMAND_LIMIT_CODES);
  let found = ctx.commands.all();
  if (ids && ids.length > 0) {
    checkIds(ids, 'command');
    found = found.filter((command) => ids.includes(command.CommandId));
  } else if (filters && filters.length > 0) {
    checkCommandFilters(filters);
    found = found.filter((command) => filters.every((f) => matches(command, f)));
  }
  return { TotalCount: found.length, CommandSet: found.slice(offset, offset + limit) };
}
