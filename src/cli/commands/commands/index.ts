import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { COMMAND_FILTER_NAMES, FILTER_VALUE_CHOICES, MAX_FILTER_VALUES, MAX_FILTERS } from '../../../api/types.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { addListingOptionsWithoutStatus } from '../../listing-definition.js';
import { addRegionOptions, REGIONS_HELP } from '../../region-options.js';
import type { CommandsGetFlags } from './get.js';
import type { CommandListFlags } from './list.js';

const LIST_EXAMPLES = `
Examples:
  $ tat commands list
  $ tat commands list --filter created-by=USER
  $ tat commands list --filter command-name=deploy-web -o json | jq -r '.[].CommandId'
  $ tat commands list --filter created-by=TAT --all -o ndjson | jq -r .CommandName
  $ tat commands list --id cmd-9dxzty3m,cmd-6fydo27j

Filters (--filter NAME=V1,V2; values ORed, filters ANDed; at most ${MAX_FILTERS} filters of ${MAX_FILTER_VALUES} values):
  ${COMMAND_FILTER_NAMES.map((name) => `${name}${FILTER_VALUE_CHOICES[name] ? ` (${FILTER_VALUE_CHOICES[name]!.join('|')})` : ''}`).join(', ')}, tag:KEY
created-by=TAT lists Tencent's public commands, created-by=USER the account's own. --since and
--until (applied by tat) look at CreatedTime. A saved command runs with
\`tat run --command-id cmd-... --param KEY=VALUE\`.

${REGIONS_HELP}`;

const GET_EXAMPLES = `
Examples:
  $ tat commands get cmd-9dxzty3m
  $ tat commands get cmd-9dxzty3m -o content > deploy.sh
  $ tat commands get cmd-9dxzty3m -o json | jq -r .DefaultParameters
  $ tat commands get cmd-9dxzty3m --all-regions -o json | jq -r .Region

Shows each command in full on a terminal, with its decoded script (-o content prints the script
alone, byte for byte). Exit status 3 when any id does not exist (the ones that do are printed first).
With several regions (--region a,b or --all-regions) each id is looked for in all of them.`;

/** `tat commands`: DescribeCommands, the saved commands `tat run --command-id` runs. */
export function registerCommands(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const commands = program
    .command('commands')
    .alias('command')
    .description('list and inspect saved commands (scripts TAT keeps, public or your own)');

  const list = addListingOptionsWithoutStatus(
    commands.command('list').alias('ls').description('list saved commands, newest first'),
    {
      ids: 'command ids (cmd-...)',
      plural: 'commands',
      filterNames: COMMAND_FILTER_NAMES,
    },
  ).addHelpText('after', LIST_EXAMPLES);
  addRegionOptions(list).action((options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./list.js')).commandsListCommand(hooks.deps, flags, exactFlags<CommandListFlags>()(options)),
      command,
    ),
  );

  const get = commands
    .command('get')
    .description('show saved commands by id, with their decoded script')
    .argument('<id...>', 'command ids (space- or comma-separated)')
    .addHelpText('after', GET_EXAMPLES);
  addRegionOptions(get).action((ids, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./get.js')).commandsGetCommand(hooks.deps, flags, ids, exactFlags<CommandsGetFlags>()(options)),
      command,
    ),
  );

  commands.addHelpText(
    'after',
    `\nExamples:\n  $ tat commands list --filter created-by=USER\n  $ tat commands get cmd-9dxzty3m -o content`,
  );
}
