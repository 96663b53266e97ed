/**
 * How a saved command (Command, from DescribeCommands) is printed: the tsv contract, the table,
 * the detail view with its decoded script, and `-o content` (the script, byte for byte, ready
 * to be edited and run with `tat run --file`).
 */
import type { Command } from '../../api/types.js';
import { decodeField } from '../base64.js';
import { decodedText, renderBlock, renderFields, type DetailField } from '../detail.js';
import type { Resource, TableColumn, TsvColumn } from '../resource.js';
import { toUtcIso } from '../time.js';
import { timeAgoColumn } from '../time-column.js';

/** The decoded Content; throws ContentDecodeError naming the command. */
export function decodeCommandContent(c: Command): Uint8Array {
  return decodeField(c.Content, `the Content of ${c.CommandId}`);
}

const parameters = (c: Command): string => (c.EnableParameter === true ? 'yes' : 'no');
const seconds = (c: Command): string => (typeof c.Timeout === 'number' ? String(c.Timeout) : '');

/** The tsv contract: this order is documented in docs/output.md and must stay stable (append only). */
export const COMMAND_TSV: readonly TsvColumn<Command>[] = [
  { name: 'id', source: 'CommandId', value: (c) => c.CommandId },
  { name: 'name', source: 'CommandName', value: (c) => c.CommandName ?? '' },
  { name: 'type', source: 'CommandType', value: (c) => c.CommandType ?? '' },
  { name: 'created by', source: 'CreatedBy', value: (c) => c.CreatedBy ?? '' },
  { name: 'timeout', source: 'Timeout (seconds)', value: seconds },
  { name: 'parameters', source: 'EnableParameter (yes or no)', value: parameters },
  { name: 'username', source: 'Username', value: (c) => c.Username ?? '' },
  { name: 'working directory', source: 'WorkingDirectory', value: (c) => c.WorkingDirectory ?? '' },
  { name: 'created', source: 'CreatedTime', value: (c) => toUtcIso(c.CreatedTime) },
  { name: 'updated', source: 'UpdatedTime', value: (c) => toUtcIso(c.UpdatedTime) },
  { name: 'description', source: 'Description', value: (c) => c.Description ?? '' },
];

/** On a narrow terminal: CREATED is shortened, NAME and DESCRIPTION cut, then DESCRIPTION, PARAMS, TIMEOUT, BY, TYPE and CREATED dropped. */
export const COMMAND_TABLE: readonly TableColumn<Command>[] = [
  { header: 'ID', pinned: true, value: (c) => c.CommandId },
  { header: 'NAME', flexible: true, min: 12, value: (c) => c.CommandName ?? '' },
  { header: 'TYPE', drop: 5, value: (c) => c.CommandType ?? '' },
  { header: 'BY', drop: 4, value: (c) => c.CreatedBy ?? '' },
  { header: 'TIMEOUT', drop: 3, value: (c) => (typeof c.Timeout === 'number' ? `${c.Timeout}s` : '') },
  { header: 'PARAMS', drop: 2, value: parameters },
  timeAgoColumn('CREATED', (c) => c.CreatedTime, 6),
  { header: 'DESCRIPTION', flexible: true, min: 8, drop: 1, value: (c) => c.Description ?? '' },
];

const tags = (c: Command): string | undefined =>
  Array.isArray(c.Tags) && c.Tags.length ? c.Tags.map((t) => `${t.Key}=${t.Value}`).join(', ') : undefined;
const confs = (c: Command): string | undefined =>
  Array.isArray(c.DefaultParameterConfs) && c.DefaultParameterConfs.length
    ? JSON.stringify(c.DefaultParameterConfs)
    : undefined;

export const COMMAND_DETAIL: readonly DetailField<Command>[] = [
  { label: 'Command ID', kind: 'text', value: (c) => c.CommandId },
  { label: 'Name', kind: 'text', value: (c) => c.CommandName },
  { label: 'Description', kind: 'text', value: (c) => c.Description },
  { label: 'Type', kind: 'text', value: (c) => c.CommandType },
  { label: 'Created by', kind: 'text', value: (c) => c.CreatedBy },
  { label: 'Username', kind: 'text', value: (c) => c.Username },
  { label: 'Working directory', kind: 'text', value: (c) => c.WorkingDirectory },
  { label: 'Timeout', kind: 'seconds', value: (c) => c.Timeout },
  { label: 'Parameters', kind: 'text', value: parameters },
  { label: 'Default parameters', kind: 'json', value: (c) => c.DefaultParameters },
  { label: 'Parameter defaults', kind: 'json', value: confs },
  { label: 'Scenes', kind: 'text', value: (c) => (Array.isArray(c.Scenes) ? c.Scenes.join(', ') : undefined) },
  { label: 'Tags', kind: 'text', value: tags },
  { label: 'Output COS bucket', kind: 'text', value: (c) => c.OutputCOSBucketUrl },
  { label: 'Output COS prefix', kind: 'text', value: (c) => c.OutputCOSKeyPrefix },
  { label: 'Created', kind: 'time', value: (c) => c.CreatedTime },
  { label: 'Updated', kind: 'time', value: (c) => c.UpdatedTime },
];

export const COMMAND: Resource<Command> = {
  noun: 'command',
  plural: 'commands',
  id: (c) => c.CommandId,
  tsv: COMMAND_TSV,
  table: COMMAND_TABLE,
  detail: (c, o) => renderFields(COMMAND_DETAIL, c, o) + renderBlock('Content', decodedText(c.Content), o),
  content: decodeCommandContent,
  contentLabel: 'the decoded script',
};
