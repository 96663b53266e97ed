import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { FILTER_VALUE_CHOICES } from '../../../api/types.js';
import { completionValues, type CompletionValues } from '../../completion-values.js';

/**
 * What shell completion knows, read from the commander tree at the moment the script is
 * generated: commands, aliases and flags, and what each option's value can be, as its definition
 * declared it (cli/completion-values.ts: statuses, filter names, formats, regions), so commands
 * and flags added later are completed by themselves. Profile names are read when completing, by
 * running `tat __complete profiles PREFIX` (callback.ts).
 */

export type Values = CompletionValues;

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

export function commandSpec(command: CommandUnknownOpts, parentPath = ''): CommandSpec {
  const path =
    parentPath === '' && command.parent === null ? '' : `${parentPath ? `${parentPath} ` : ''}${command.name()}`.trim();
  const options: OptionSpec[] = command.options
    .filter((option) => !option.hidden)
    .map((option) => ({
      flags: [option.short, option.long].filter((flag): flag is string => typeof flag === 'string'),
      takesValue: option.required || option.optional,
      description: option.description,
      values: completionValues(option),
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
