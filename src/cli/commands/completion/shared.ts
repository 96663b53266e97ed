import { allCommands, FILTER_VALUES, type CommandSpec, type OptionSpec, type Values } from './spec.js';

/**
 * The lookup functions every shell script needs, as case statements (the same text runs in bash
 * and zsh): which word leads from a command to a subcommand, the subcommands and options of a
 * command, which flags take a value, and what those values can be.
 */

const q = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function optionsAt(root: CommandSpec, spec: CommandSpec): OptionSpec[] {
  return spec === root ? root.options : [...spec.options, ...root.options];
}

/** How `_tat_values` says what a value can be: the words, or a marker and the words. */
function valueWords(values: Values): string {
  if (values.kind === 'profiles') return '@profiles';
  if (values.kind === 'filter') return `@filter ${values.names.join(' ')}`;
  return `${values.list ? '@list ' : ''}${values.words.join(' ')}`;
}

export function posixHelpers(root: CommandSpec): string {
  const commands = allCommands(root);
  const child = commands.flatMap((spec) =>
    spec.children.flatMap((c) => c.names.map((name) => `    ${q(`${spec.path}|${name}`)}) echo ${q(c.path)} ;;`)),
  );
  const children = commands.map(
    (spec) =>
      `    ${q(spec.path)}) echo ${q([...spec.children.flatMap((c) => c.names), ...spec.argumentWords].join(' '))} ;;`,
  );
  const options = commands.map(
    (spec) =>
      `    ${q(spec.path)}) echo ${q(
        optionsAt(root, spec)
          .flatMap((o) => o.flags.filter((f) => f.startsWith('--')))
          .join(' '),
      )} ;;`,
  );
  const valued = commands.flatMap((spec) =>
    optionsAt(root, spec)
      .filter((o) => o.takesValue)
      .flatMap((o) => o.flags.map((flag) => q(`${spec.path}|${flag}`))),
  );
  const values = commands.flatMap((spec) =>
    optionsAt(root, spec).flatMap((o) => {
      if (!o.values) return [];
      const words = valueWords(o.values);
      return o.flags.map((flag) => `    ${q(`${spec.path}|${flag}`)}) echo ${q(words)} ;;`);
    }),
  );
  const filterValues = Object.entries(FILTER_VALUES).map(
    ([name, words]) => `    ${q(name)}) echo ${q(words.join(' '))} ;;`,
  );
  return [
    '_tat_child() {\n  case "$1|$2" in',
    ...child,
    '  esac\n}',
    '_tat_children() {\n  case "$1" in',
    ...children,
    '  esac\n}',
    '_tat_options() {\n  case "$1" in',
    ...options,
    '  esac\n}',
    '_tat_takes_value() {\n  case "$1|$2" in',
    `    ${valued.join('|')}) return 0 ;;`,
    '  esac\n  return 1\n}',
    '_tat_values() {\n  case "$1|$2" in',
    ...values,
    '  esac\n}',
    '_tat_filter_values() {\n  case "$1" in',
    ...filterValues,
    '  esac\n}',
  ].join('\n');
}
