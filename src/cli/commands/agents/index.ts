import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { AGENT_ENVIRONMENTS, AGENT_STATUSES, DEFAULT_LIMIT, MAX_LIMIT } from '../../../api/types.js';
import { completes, listOf } from '../../completion-values.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { collect } from '../../parse.js';
import { addRegionOptions, REGIONS_HELP } from '../../region-options.js';
import type { AgentListFlags } from './list.js';

const LIST_EXAMPLES = `
Examples:
  $ tat agents list
  $ tat agents list --status offline
  $ tat agents list --instances ins-zj0f57ew,ins-zj0f57ex
  $ tat agents list --status online --environment linux --all -o ndjson | jq -r .InstanceId > hosts.txt
  $ tat agents list --status offline --all-regions

Each instance's TAT agent: STATUS Online (it can run commands) or Offline, its ENVIRONMENT (Linux,
Windows), VERSION and LAST HEARTBEAT. A task that ended DELIVER_FAILED usually means the agent was
offline; \`tat run\` checks the agents of its targets first and refuses offline ones.
--status and --environment are applied by the server; with --instances (100 a request), by tat.

${REGIONS_HELP}`;

/** `tat agents`: DescribeAutomationAgentStatus, which instances can run commands. */
export function registerAgents(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const agents = program
    .command('agents')
    .alias('agent')
    .description("list instances' TAT agents: online or not, environment, version, last heartbeat");

  const list = agents
    .command('list')
    .alias('ls')
    .description('list agents by instance')
    .option(
      '--status <statuses>',
      'only agents in these states: online, offline; comma-separated, repeatable',
      collect,
      [],
    )
    .option('--environment <environments>', 'only agents on linux or windows; comma-separated, repeatable', collect, [])
    .option('--instances <ids>', 'only these instances (ins-...), comma-separated; repeatable', collect, [])
    .option('--limit <n>', `how many agents to show (default ${DEFAULT_LIMIT}; pages past ${MAX_LIMIT} automatically)`)
    .option('--offset <n>', 'skip this many matches first (default 0)')
    .option('--all', 'fetch every match (not with --limit)')
    .addHelpText('after', LIST_EXAMPLES);
  // Offered in lower case, as the help and the examples write them (tat accepts either).
  completes(list, '--status', listOf(AGENT_STATUSES.map((status) => status.toLowerCase())));
  completes(list, '--environment', listOf(AGENT_ENVIRONMENTS.map((environment) => environment.toLowerCase())));
  addRegionOptions(list).action((options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./list.js')).agentsListCommand(hooks.deps, flags, exactFlags<AgentListFlags>()(options)),
      command,
    ),
  );

  agents.addHelpText(
    'after',
    `\nExamples:\n  $ tat agents list --status offline\n  $ tat agents list --instances ins-zj0f57ew`,
  );
}
