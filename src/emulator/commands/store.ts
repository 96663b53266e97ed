/**
 * A region's saved commands (what DescribeCommands lists and InvokeCommand runs): newest first,
 * looked up by id or name, and added to by RunCommand with `SaveCommand`.
 */
import type { Command } from '../../api/types.js';
import { formatTime } from '../data/model.js';

/** Server order of commands: newest first, equal times by id (as invocations are ordered). */
function newestFirst(a: StoredCommand, b: StoredCommand): number {
  return (
    b.createdMs - a.createdMs ||
    (a.command.CommandId < b.command.CommandId ? -1 : a.command.CommandId > b.command.CommandId ? 1 : 0)
  );
}

interface StoredCommand {
  command: Command;
  createdMs: number;
}

export class CommandStore {
  private readonly list: StoredCommand[] = [];
  private readonly ids = new Map<string, StoredCommand>();

  constructor(commands: readonly Command[] = []) {
    for (const command of commands) this.add(command);
  }

  get size(): number {
    return this.list.length;
  }

  /** Every command in server order (copies: a caller may change them freely). */
  all(): Command[] {
    return this.list.map((stored) => structuredClone(stored.command));
  }

  /** The command with this id (a copy), or undefined: InvokeCommand's ResourceNotFound.CommandNotFound. */
  get(id: string): Command | undefined {
    const stored = this.ids.get(id);
    return stored && structuredClone(stored.command);
  }

  /** The commands named exactly `name` (RunCommand's InvalidParameterValue.CommandNameDuplicated checks it). */
  byName(name: string): Command[] {
    return this.list
      .filter((stored) => stored.command.CommandName === name)
      .map((stored) => structuredClone(stored.command));
  }

  /**
   * Saves a command (RunCommand with SaveCommand: build it with `savedCommand`). Its place follows
   * its CreatedTime. Throws on a CommandId already saved: the caller makes ids unique.
   */
  add(command: Command): void {
    if (this.ids.has(command.CommandId)) throw new Error(`command ${command.CommandId} is already saved`);
    const parsed = Date.parse(command.CreatedTime);
    const stored = { command: orderCommand(structuredClone(command)), createdMs: Number.isNaN(parsed) ? 0 : parsed };
    let at = 0;
    while (at < this.list.length && newestFirst(this.list[at]!, stored) < 0) at++;
    this.list.splice(at, 0, stored);
    this.ids.set(command.CommandId, stored);
  }
}

/** Puts a command's keys in the official description's order. */
export function orderCommand(c: Command): Command {
  return {
    CommandId: c.CommandId,
    CommandName: c.CommandName,
    Description: c.Description,
    Content: c.Content,
    CommandType: c.CommandType,
    WorkingDirectory: c.WorkingDirectory,
    Timeout: c.Timeout,
    CreatedTime: c.CreatedTime,
    UpdatedTime: c.UpdatedTime,
    EnableParameter: c.EnableParameter,
    DefaultParameters: c.DefaultParameters,
    DefaultParameterConfs: c.DefaultParameterConfs ?? [],
    Scenes: c.Scenes ?? [],
    FormattedDescription: c.FormattedDescription,
    CreatedBy: c.CreatedBy,
    Tags: c.Tags,
    Username: c.Username,
    OutputCOSBucketUrl: c.OutputCOSBucketUrl,
    OutputCOSKeyPrefix: c.OutputCOSKeyPrefix,
  };
}

/** What a saved command needs; the rest gets the service's defaults. */
export type CommandFields = Pick<Command, 'CommandId' | 'CommandName' | 'Content'> & Partial<Command>;

/**
 * A user's command as RunCommand with SaveCommand (or a `--data` file) gives it: SHELL, 60 s,
 * `root` in `/root`, no parameters, no tags, created and updated at `nowMs` unless given.
 */
export function savedCommand(fields: CommandFields, nowMs: number): Command {
  const type = fields.CommandType ?? 'SHELL';
  const windows = type !== 'SHELL';
  const created = fields.CreatedTime ?? formatTime(nowMs);
  return orderCommand({
    Description: '',
    CommandType: type,
    WorkingDirectory: windows ? 'C:\\Program Files\\qcloud\\tat_agent\\workdir' : '/root',
    Timeout: 60,
    CreatedTime: created,
    UpdatedTime: fields.UpdatedTime ?? created,
    EnableParameter: false,
    DefaultParameters: '',
    DefaultParameterConfs: [],
    Scenes: [],
    FormattedDescription: '',
    CreatedBy: 'USER',
    Tags: [],
    Username: windows ? 'System' : 'root',
    OutputCOSBucketUrl: '',
    OutputCOSKeyPrefix: '',
    ...definedOnly(fields),
  });
}

/** The fields that have a value: an `undefined` one keeps the default instead of replacing it. */
function definedOnly(fields: CommandFields): CommandFields {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  // The entries of a CommandFields, less those without a value: the required ones always have one.
  return out as CommandFields;
}
