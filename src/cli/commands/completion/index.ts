import { Argument, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { ProgramHooks } from '../../hooks.js';

const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;

const COMPLETION_EXAMPLES = `
Examples:
  $ tat completion bash > ~/.local/share/bash-completion/completions/tat
  $ echo 'source <(tat completion bash)' >> ~/.bashrc
  $ tat completion zsh > "\${fpath[1]}/_tat"
  $ tat completion fish > ~/.config/fish/completions/tat.fish

Completes commands, aliases, flags, -o formats, --filter names and values, --status values,
region names and profile names (by running tat __complete profiles). Regenerate after upgrading.`;

/** `tat completion bash|zsh|fish`: prints a completion script generated from this command tree. */
export function registerCompletion(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELL_NAMES))
    .addHelpText('after', COMPLETION_EXAMPLES)
    .action((shell, _options, command) =>
      hooks.run(async () => {
        const { completionScript } = await import('./run.js');
        const { terminalOf } = await import('../../terminal/terminal.js');
        await terminalOf(hooks.deps).stdout.write(completionScript(program, shell));
      }, command),
    );
}
