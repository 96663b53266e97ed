import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import {
  FILTER_VALUE_CHOICES,
  INSTANCE_KINDS,
  INVOCATION_STATUSES,
  LIST_FILTER_NAMES,
  MAX_FILTER_VALUES,
  MAX_FILTERS,
  TASK_STATUSES,
  type ListFilterName,
} from '../../../api/types.js';
import { completes, listOf } from '../../completion-values.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { addListingOptions } from '../../listing-definition.js';
import type { GetFlags } from './get.js';
import type { ListFlags } from './list.js';
import type { OutputFlags } from './output.js';
import type { WaitCommandFlags } from './wait.js';
import type { InvocationTasksFlags } from './tasks.js';
import { collect } from '../../parse.js';
import { registerActions } from './act.js';
import { addRegionOptions, REGIONS_HELP } from '../../region-options.js';

/** What each --filter name takes: a Record over api/types.ts's LIST_FILTER_NAMES, so a name added there must be described here. */
const FILTER_NOTES: Record<ListFilterName, string> = {
  'invocation-id': '',
  'command-id': '',
  'command-created-by': ` (${FILTER_VALUE_CHOICES['command-created-by']?.join('|')})`,
  'instance-kind': ` (${INSTANCE_KINDS.join('|')})`,
  'instance-id': ' (resolved through DescribeInvocationTasks when the server does not know it)',
};

const LIST_EXAMPLES = `
Examples:
  $ tat invocations list
  $ tat invocations list --filter instance-id=ins-zj0f57ew
  $ tat invocations list --filter command-id=cmd-9dxzty3m --filter instance-kind=CVM,LIGHTHOUSE
  $ tat invocations list --id inv-q4zp60g0,inv-hc91n6ga8c
  $ tat invocations list --limit 250 -o json
  $ tat invocations list --status FAILED,TIMEOUT --since 24h --all-regions
  $ tat invocations list --command-name restart-nginx --since 7d
  $ tat invocations list --region ap-guangzhou,ap-shanghai --since 2026-11-27 --until 2026-11-28

Applied by the server (--filter NAME=V1,V2; values ORed, filters ANDed; at most ${MAX_FILTERS} filters of ${MAX_FILTER_VALUES} values):
  ${LIST_FILTER_NAMES.map((name) => `${name}${FILTER_NOTES[name]}`).join('\n  ')}
Applied by tat to what the server returns (the API has no such filters):
  --status, --since, --until. The API lists newest first, so paging stops at the first page
  older than --since; --limit and --offset count the rows left after these filters.

${REGIONS_HELP}`;

const GET_EXAMPLES = `
Examples:
  $ tat invocations get inv-q4zp60g0
  $ tat invocations get inv-q4zp60g0 -o json | jq .InvocationStatus
  $ tat invocations get inv-q4zp60g0 -o content > script.sh
  $ tat invocations get inv-q4zp60g0 inv-hc91n6ga8c -o tsv
  $ tat invocations get inv-q4zp60g0 inv-7b2mq1xk --wait --region ap-guangzhou,ap-shanghai

Exit status 3 when any id does not exist (the ones that do are printed first).
With --wait: waits for every invocation to end first (see \`tat invocations wait --help\`, also
for several regions); 6 when --max-wait runs out.

${REGIONS_HELP}`;

const WAIT_EXAMPLES = `
Examples:
  $ tat invocations wait inv-q4zp60g0
  $ tat invocations wait "$id" --exit-status --max-wait 5m && echo deployed
  $ tat invocations wait inv-q4zp60g0 inv-hc91n6ga8c -o ndjson | jq -r .InvocationStatus
  $ tat invocations wait inv-q4zp60g0 inv-7b2mq1xk --region ap-guangzhou,ap-shanghai --exit-status
  $ tat invocations list --status RUNNING -o tsv | cut -f1 | tat invocations wait --ids-from -

On a terminal, a live view on stderr shows each invocation and its instances. Piped, stderr gets
one line per state change and stdout the invocations once they end (-o ndjson: each as it ends).
Exit status: 0 every invocation ended (with --exit-status: all in SUCCESS); 5 with --exit-status
when any ended otherwise; 6 when --max-wait ran out; 3 when an id was not found within 30s (or
was shown, then no longer for 30s); 130 on Ctrl+C (the invocations keep running).
--max-wait bounds the whole command: requests in flight when it runs out are abandoned.
After --max-wait or Ctrl+C, stderr gives the command to wait again for the ones still running
(past 10 ids, with --ids-from FILE and the ids to put in it).

Several regions (--region a,b or --all-regions): each id is looked for in every region until one
shows it, then waited on there, each region polled on its own (a stuck one delays no other)
within its own request rate; the view and the
messages name each invocation's region (a REGION column, a "Region" key with -o json). A region
that fails is named on stderr and the others are still waited on; exit 1 (0 with
--allow-partial, then the codes above), or only a warning when every id was found elsewhere.`;

const TASKS_EXAMPLES = `
Examples:
  $ tat invocations tasks inv-q4zp60g0
  $ tat invocations tasks inv-q4zp60g0 -o json | jq -r '.[] | [.InstanceId, .TaskResult.ExitCode] | @tsv'

Every task of the invocation (paged): task id, instance, status, exit code, start, duration,
error. Exit status 3 when the invocation does not exist.

${REGIONS_HELP}`;

const OUTPUT_EXAMPLES = `
Examples:
  $ tat invocations output inv-q4zp60g0
  $ tat invocations output inv-q4zp60g0 --instance ins-zj0f57ew > output.log
  $ tat invocations output inv-q4zp60g0 | grep -i error | cut -f1 | sort -u
  $ tat invocations output inv-q4zp60g0 --status FAILED,TIMEOUT --exit-status
  $ tat invocations output "$id" --wait --max-wait 5m --exit-status > deploy.log
  $ tat invocations output "$id" --wait --all-regions
  $ tat invocations output inv-q4zp60g0 -o json | jq -r '.[].TaskResult.Output | @base64d'
  $ tat invocations output inv-q4zp60g0 -o tsv | awk -F'\t' '$3 != 0'

On a terminal: a header per instance (instance, task, status, exit code, duration), then its
output with control characters shown as \\x1b... (--raw passes them through).
Piped, one task: exactly the bytes it printed. Piped, several: each line prefixed with the
instance id and a tab. -o tsv: a row per line of output (instance, status, exit code, line);
-o table: the terminal view; -o content: the bytes of each task, nothing added; -o json/ndjson:
the task objects (Output in base64). The agent keeps the first 24,576 bytes of each output; when more was
cut, a warning on stderr says how much and where the full log is (OutputUrl) or why not.
Exit status: 0 whatever the tasks did; with --exit-status, 5 when any task did not end in SUCCESS
with exit code 0; 3 when the invocation (or an --instance) has no task.
With --wait: waits for the invocation to end first (see \`tat invocations wait --help\`); 6 when
--max-wait runs out (the output so far is printed first).
Several regions (--region a,b or --all-regions): the invocation is looked for in each, and its
output fetched from the one that has it ("Region" added to each task with -o json); a region
that fails is named on stderr, exit 1 (0 with --allow-partial) unless the invocation was
found elsewhere (then only a warning).`;

export function registerInvocations(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const invocations = program
    .command('invocations')
    .alias('inv')
    .description('list and inspect invocations (one run of a command on one or more instances)');

  const list = addListingOptions(
    invocations.command('list').alias('ls').description('list invocations, newest first'),
    {
      ids: 'invocation ids',
      plural: 'invocations',
      statuses: 'only these invocation statuses',
      statusValues: INVOCATION_STATUSES,
      filterNames: LIST_FILTER_NAMES,
    },
  )
    .option(
      '--command-name <name>',
      'only invocations of the saved command of this name (resolved through DescribeCommands in each region)',
    )
    .addHelpText('after', LIST_EXAMPLES);
  addRegionOptions(list).action((options, command) =>
    hooks.run(
      async (flags) => (await import('./list.js')).listCommand(hooks.deps, flags, exactFlags<ListFlags>()(options)),
      command,
    ),
  );

  const get = invocations
    .command('get')
    .description('show invocations by id, with their per-instance tasks')
    .argument('<id...>', 'invocation ids (space- or comma-separated)')
    .option('--wait', 'wait until every invocation has ended, then show them')
    .option('--max-wait <duration>', 'with --wait: give up after this long (default 10m; 0 = no limit)')
    .option('--interval <duration>', 'with --wait: first polling interval (default 2s; grows toward 15s)')
    .addHelpText('after', GET_EXAMPLES);
  addRegionOptions(get).action((ids, options, command) =>
    hooks.run(
      async (flags) => (await import('./get.js')).getCommand(hooks.deps, flags, ids, exactFlags<GetFlags>()(options)),
      command,
    ),
  );

  const wait = invocations
    .command('wait')
    .description('wait for invocations to end, live on a terminal; exit status says how they ended')
    .argument('[id...]', 'invocation ids (space- or comma-separated)')
    .option('--ids-from <file>', 'also wait for the ids in FILE, one a line (- reads stdin; # starts a comment)')
    .option('--max-wait <duration>', 'give up after this long, exit 6 (default 10m; 0 = no limit)')
    .option('--interval <duration>', 'first polling interval (default 2s; grows toward 15s while nothing changes)')
    .option('--exit-status', 'exit 5 unless every invocation ended in SUCCESS')
    .addHelpText('after', WAIT_EXAMPLES);
  addRegionOptions(wait).action((ids, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./wait.js')).waitCommand(hooks.deps, flags, ids, exactFlags<WaitCommandFlags>()(options)),
      command,
    ),
  );

  const tasks = invocations
    .command('tasks')
    .description('list the tasks of one invocation: instance, status, exit code, duration, error')
    .argument('<id>', 'invocation id')
    .addHelpText('after', TASKS_EXAMPLES);
  addRegionOptions(tasks).action((id, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./tasks.js')).invocationTasksCommand(
          hooks.deps,
          flags,
          id,
          exactFlags<InvocationTasksFlags>()(options),
        ),
      command,
    ),
  );

  const output = invocations
    .command('output')
    .description('print what each instance of an invocation printed (decoded output)')
    .argument('<id>', 'invocation id')
    .option('--instance <ids>', 'only these instances (ins-...), comma-separated; repeatable', collect, [])
    .option(
      '--status <statuses>',
      'only tasks in these statuses (FAILED, TIMEOUT...), comma-separated; repeatable',
      collect,
      [],
    )
    .option('--raw', 'on a terminal, pass control characters and escape sequences through')
    .option('--exit-status', 'exit 5 when any task did not end in SUCCESS with exit code 0')
    .option('--wait', 'wait until the invocation has ended, then print the output')
    .option('--max-wait <duration>', 'with --wait: give up after this long (default 10m; 0 = no limit)')
    .option('--interval <duration>', 'with --wait: first polling interval (default 2s; grows toward 15s)')
    .addHelpText('after', OUTPUT_EXAMPLES);
  completes(output, '--status', listOf(TASK_STATUSES));
  addRegionOptions(output).action((id, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./output.js')).outputCommand(hooks.deps, flags, id, exactFlags<OutputFlags>()(options)),
      command,
    ),
  );

  registerActions(invocations, hooks);

  invocations.addHelpText(
    'after',
    `\nExamples:\n  $ tat invocations list --filter instance-id=ins-zj0f57ew\n  $ tat inv get inv-q4zp60g0`,
  );
}
