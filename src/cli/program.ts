import { Command, Help, Option } from '@commander-js/extra-typings';
import type { GlobalFlags } from './flags.js';
import type { ProgramHooks, SameKeys } from './hooks.js';
import { VERSION } from '../version.js';
import { outputOptionHelp } from '../output/registry.js';
import { TAT_REGIONS } from '../api/types.js';
import { OUTPUT_FORMATS } from '../values.js';
import { completes, listOf, oneOf, PROFILES } from './completion-values.js';
import { SETTINGS } from '../config/keys.js';
import { registerInvocations } from './commands/invocations/index.js';
import { registerConfigure } from './commands/configure/index.js';
import { registerCompletion } from './commands/completion/index.js';
import { registerTasks } from './commands/tasks/index.js';
import { registerCommands } from './commands/commands/index.js';
import { registerAgents } from './commands/agents/index.js';
import { registerRun } from './commands/run/index.js';

/**
 * The command tree. Only commander is loaded here: each action imports its implementation
 * lazily, so `tat --help` pays for nothing else. Actions go through `hooks.run`.
 */

/** Where the docs are: the installed package's docs/ folder (given by bin/tat.js), else the repository's. */
function rootExamples(docsDir = 'docs/'): string {
  return `
Examples:
  $ tat run 'systemctl restart nginx' --instances ins-zj0f57ew,ins-zj0f57ex
  $ tat invocations list --filter instance-id=ins-zj0f57ew
  $ tat invocations get inv-q4zp60g0 -o json | jq .InvocationStatus
  $ tat invocations list --all -o ndjson | jq -r 'select(.InvocationStatus=="FAILED") | .InvocationId'
  $ tat configure

Docs (Markdown) in ${docsDir}: commands.md, output.md, configuration.md, exit-codes.md`;
}

export function buildProgram(hooks: ProgramHooks): RootCommand {
  const program = rootCommand(hooks);
  registerRun(program, hooks);
  registerInvocations(program, hooks);
  registerTasks(program, hooks);
  registerCommands(program, hooks);
  registerAgents(program, hooks);
  registerConfigure(program, hooks);
  registerCompletion(program, hooks);
  return program;
}

function rootCommand(hooks: ProgramHooks) {
  const program = new Command('tat')
    .description('Run commands on Tencent Cloud TAT instances; find, inspect and script against their invocations.')
    .version(VERSION, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(new Option('-o, --output <format>', outputOptionHelp()))
    .option(
      '--query <expr>',
      "JMESPath expression applied to the JSON output, e.g. '[].InvocationId' (implies -o json unless -o tsv or ndjson); on listings it sees the rows fetched: add --all to search every match",
    )
    .option(
      '--region <region>',
      'TAT region, e.g. ap-guangzhou (env TENCENTCLOUD_REGION); every invocations and tasks command takes several: a,b (or --all-regions)',
    )
    .option('--endpoint <host-or-url>', 'API endpoint host or URL (env TAT_ENDPOINT; default tat.tencentcloudapi.com)')
    .option('--profile <name>', 'configuration profile to use (env TAT_PROFILE; default "default")')
    .option(
      '--timeout <duration>',
      `per-attempt timeout, e.g. 500ms, 10s, 2m (env ${SETTINGS.timeout.env}; default ${SETTINGS.timeout.default})`,
    )
    .option(
      '--max-attempts <n>',
      `attempts per request, retries included (default ${SETTINGS['max-attempts'].default})`,
    )
    .option(
      '--rate-limit <n>',
      `requests per second, shared by all concurrent requests (default ${SETTINGS['rate-limit'].default}; 0 = off)`,
    )
    .option('--use-cvm-role', 'take temporary credentials from the CVM instance role (metadata service)')
    .option('--dry-run', 'print the signed request as a curl command and send nothing')
    .option('--debug', 'trace requests, responses and retries on stderr (secrets redacted)')
    .option('--no-color', 'disable colours (also NO_COLOR)')
    .option('-q, --quiet', 'no spinner or notices on stderr')
    .addHelpText('after', rootExamples(hooks.deps.docsDir))
    .showSuggestionAfterError(true)
    // Subcommand help lists the global options it accepts (-o, --region...), and repeatable
    // options do not advertise their internal empty-list default as "(default: [])".
    .configureHelp({
      showGlobalOptions: true,
      optionDescription(option) {
        return Help.prototype.optionDescription.call(this, option).replace(/ \(default: \[\]\)$/, '');
      },
    })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => hooks.print('stdout', text),
      writeErr: (text) => hooks.print('stderr', text),
    });
  // What shell completion offers for the global flags' values (--region takes several: a,b).
  completes(program, '--output', oneOf(OUTPUT_FORMATS));
  completes(program, '--region', listOf(TAT_REGIONS));
  return completes(program, '--profile', PROFILES);
}

export type RootCommand = ReturnType<typeof rootCommand>;

/** A global flag added, renamed or removed here but not in GlobalFlags (cli/flags.ts) fails to compile. */
export type GlobalFlagsMatch = Assert<SameKeys<ReturnType<RootCommand['opts']>, GlobalFlags>>;
type Assert<T extends true> = T;
