import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import {
  AGENT_ENVIRONMENTS,
  AGENT_STATUSES,
  COMMAND_FILTER_NAMES,
  COMMAND_TYPES,
  FILTER_VALUE_CHOICES,
  INVOCATION_FILTER_NAMES,
  INVOCATION_STATUSES,
  INVOCATION_TASK_FILTER_NAMES,
  TASK_STATUSES,
} from '../../../api/types.js';
import { KNOWN_REGIONS } from '../../../config/index.js';
import { FORMATS } from '../../../output/registry.js';

/**
 * What shell completion knows, read from the commander tree at the moment the script is
 * generated (so commands and flags added later appear by themselves) and from the project's
 * single-source lists (formats, regions, statuses, filter names and values). Profile names
 * are read when completing, by running `tat __complete profiles PREFIX` (callback.ts).
 */

export type Values = { kind: 'words'; words: readonly string[] } | { kind: 'filter'; names: readonly string[] } | { kind: 'profiles' };

export interface OptionSpec {
  /** `-o`, `--output`. */
  flags: string[];
  takesValue: boolean;
  description: string;
  values?: Values;
}

export interface CommandSpec {
  /** Canonical path, space-separated: `''` for tat itself, `invocations list`. */
  path: string;
  /** The name and its aliases. */
  names: string[];
  description: string;
  options: OptionSpec[];
  children: CommandSpec[];
  /** Words its first argument can be (commander argument choices). */
  argumentWords: string[];
}

/** Values of `--filter NAME=…` that are a closed list. */
export const FILTER_VALUES = FILTER_VALUE_CHOICES;

function valuesFor(path: string, long: string | undefined): Values | undefined {
  // Task statuses and filters: every command whose rows (or --status) are tasks.
  const tasks = path.startsWith('tasks') || path === 'invocations tasks' || path === 'invocations output';
  switch (long) {
    case '--output':
      return { kind: 'words', words: FORMATS };
    case '--region':
      return { kind: 'words', words: KNOWN_REGIONS };
    case '--profile':
      return { kind: 'profiles' };
    case '--status':
      if (path === 'agents list') return { kind: 'words', words: AGENT_STATUSES.map((s) => s.toLowerCase()) };
      return { kind: 'words', words: tasks ? TASK_STATUSES : INVOCATION_STATUSES };
    case '--environment':
      return { kind: 'words', words: AGENT_ENVIRONMENTS.map((e) => e.toLowerCase()) };
    case '--command-type':
      return { kind: 'words', words: COMMAND_TYPES };
    case '--filter':
      if (path === 'commands list') return { kind: 'filter', names: COMMAND_FILTER_NAMES };
      return { kind: 'filter', names: tasks ? INVOCATION_TASK_FILTER_NAMES : [...INVOCATION_FILTER_NAMES, 'instance-id'] };
    default:
      return undefined;
  }
}

export function commandSpec(command: CommandUnknownOpts, parentPath = ''): CommandSpec {
  const path = parentPath === '' && command.parent === null ? '' : `${parentPath ? `${parentPath} ` : ''}${command.name()}`.trim();
  const options: OptionSpec[] = command.options
    .filter((option) => !option.hidden)
    .map((option) => ({
      flags: [option.short, option.long].filter((flag): flag is string => typeof flag === 'string'),
      takesValue: option.required || option.optional,
      description: option.description,
      values: valuesFor(path, option.long),
    }));
  options.push({ flags: ['-h', '--help'], takesValue: false, description: 'show help' });
  return {
    path,
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    options,
    children: command.commands.map((child) => commandSpec(child, path)),
    argumentWords: [...(command.registeredArguments[0]?.argChoices ?? [])],
  };
}

export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.children.flatMap(allCommands)];
}
