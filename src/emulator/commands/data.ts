/**
 * A `--data` file's saved commands (`CommandSet`, in DescribeCommands' shape). Each needs a
 * `CommandId` (`cmd-...`); what an entry leaves out gets the defaults of a command saved by
 * RunCommand (store.ts `savedCommand`). Every region serves them, each its own copy.
 */
import type { Command, DefaultParameterConf, Tag } from '../../api/types.js';
import { dataSet, isObject, type Json } from '../data/data-file.js';
import { ID_FORMATS } from '../filters.js';
import { savedCommand } from './store.js';

const STRINGS = [
  'CommandName',
  'Description',
  'Content',
  'CommandType',
  'WorkingDirectory',
  'CreatedTime',
  'UpdatedTime',
  'DefaultParameters',
  'FormattedDescription',
  'CreatedBy',
  'Username',
  'OutputCOSBucketUrl',
  'OutputCOSKeyPrefix',
] as const;

function strings(entry: Json, where: string): Partial<Record<(typeof STRINGS)[number], string>> {
  const out: Partial<Record<(typeof STRINGS)[number], string>> = {};
  for (const key of STRINGS) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Error(`${where}: ${key} must be a string`);
    out[key] = value;
  }
  return out;
}

function objects<T>(entry: Json, key: string, where: string, fields: readonly string[]): T[] | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  const ok =
    Array.isArray(value) &&
    value.every((item) => isObject(item) && fields.every((field) => typeof item[field] === 'string'));
  if (!ok) throw new Error(`${where}: ${key} must be an array of {${fields.join(', ')}}`);
  // Checked just above: an array of objects whose named fields are strings.
  return value as T[];
}

export function commandsFromJson(data: unknown, t0: number): Command[] {
  const seen = new Set<string>();
  return dataSet(data, 'CommandSet').map((entry, i) => {
    if (!isObject(entry)) throw new Error(`command #${i} is not an object`);
    const id = entry.CommandId;
    if (typeof id !== 'string' || !ID_FORMATS.command.re.test(id))
      throw new Error(`command #${i} has no valid CommandId (cmd-...)`);
    if (seen.has(id)) throw new Error(`duplicate CommandId ${id}`);
    seen.add(id);
    const where = `command ${id}`;
    const given = strings(entry, where);
    if (given.CreatedTime !== undefined && Number.isNaN(Date.parse(given.CreatedTime)))
      throw new Error(`${where}: CreatedTime must be an ISO 8601 time`);
    if (entry.Timeout !== undefined && (typeof entry.Timeout !== 'number' || !Number.isInteger(entry.Timeout)))
      throw new Error(`${where}: Timeout must be a whole number of seconds`);
    if (entry.EnableParameter !== undefined && typeof entry.EnableParameter !== 'boolean')
      throw new Error(`${where}: EnableParameter must be true or false`);
    const scenes = entry.Scenes;
    if (scenes !== undefined && (!Array.isArray(scenes) || scenes.some((s) => typeof s !== 'string')))
      throw new Error(`${where}: Scenes must be an array of strings`);
    return savedCommand(
      {
        ...given,
        CommandId: id,
        CommandName: given.CommandName ?? id,
        Content: given.Content ?? '',
        Timeout: typeof entry.Timeout === 'number' ? entry.Timeout : undefined,
        EnableParameter:
          typeof entry.EnableParameter === 'boolean' ? entry.EnableParameter : (given.DefaultParameters ?? '') !== '',
        Tags: objects<Tag>(entry, 'Tags', where, ['Key', 'Value']),
        DefaultParameterConfs: objects<DefaultParameterConf>(entry, 'DefaultParameterConfs', where, [
          'ParameterName',
          'ParameterValue',
        ]),
        // Checked just above to be an array of strings.
        Scenes: scenes as string[] | undefined,
      },
      t0,
    );
  });
}
