import type { CommanderError, CommandUnknownOpts } from '@commander-js/extra-typings';

/**
 * What commander itself refuses (a missing or extra argument, an unknown option or command)
 * gets a "what to do" line like every other usage error: the usage of the command that was
 * meant, and where its examples are. And a command group given alone (`tat invocations`) shows
 * its help on stdout with exit 0, as `tat` alone does.
 */

interface Resolved {
  command: CommandUnknownOpts;
  /** `tat invocations get` */
  path: string;
  /** What followed the command path (arguments and options). */
  rest: string[];
}

/** The command argv names: its words are followed down the tree, options (and their values) skipped. */
export function resolveCommand(program: CommandUnknownOpts, argv: readonly string[]): Resolved {
  let command = program;
  const path = [program.name()];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token.startsWith('-')) {
      rest.push(token);
      // A value-taking option written apart from its value (`--region x`) takes the next word.
      const option = [...command.options, ...(command.parent?.options ?? []), ...program.options].find(
        (o) => o.long === token || o.short === token,
      );
      if (option && (option.required || option.optional) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    const sub =
      rest.length === 0 ? command.commands.find((c) => c.name() === token || c.aliases().includes(token)) : undefined;
    if (!sub) {
      rest.push(token);
      continue;
    }
    command = sub;
    path.push(sub.name());
  }
  return { command, path: path.join(' '), rest };
}

/** `tat invocations` alone: a group of commands with no action of its own, and nothing after it. */
export function isGroupAlone(program: CommandUnknownOpts, argv: readonly string[]): boolean {
  const { command, rest } = resolveCommand(program, argv);
  return command !== program && rest.length === 0 && command.commands.length > 0 && !hasAction(command);
}

function hasAction(command: CommandUnknownOpts): boolean {
  // Commander has no public way to ask whether a command has an action; its field is stable
  // across versions 7-14. A group with one (`tat configure`) runs it when given alone.
  return Boolean((command as unknown as { _actionHandler?: unknown })._actionHandler);
}

/** The line after commander's own error message. */
export function usageHint(error: CommanderError, program: CommandUnknownOpts, argv: readonly string[]): string {
  const { command, path } = resolveCommand(program, argv);
  if (error.code === 'commander.unknownCommand' || (command.commands.length > 0 && !hasAction(command)))
    return `\`${path} --help\` lists its commands${command === program ? '' : ` (\`tat --help\` lists every group)`}.`;
  return `Usage: ${path} ${command.usage()}; \`${path} --help\` shows every option, with examples.`;
}
