import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { INVOCATION_TASK_FILTER_NAMES, MAX_FILTER_VALUES, MAX_FILTERS, TASK_STATUSES } from '../../../api/types.js';
import { addRegionOptions, REGIONS_HELP } from '../../region-options.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { addListingOptions } from '../../listing-definition.js';
import type { TaskListFlags } from './list.js';
import type { TasksGetFlags } from './get.js';

const LIST_EXAMPLES = `
Examples:
  $ tat tasks list
  $ tat tasks list --filter invocation-id=inv-q4zp60g0
  $ tat tasks list --filter instance-id=ins-zj0f57ew --limit 50
  $ tat tasks list --id invt-kakne8h2,invt-jc2onrxm -o json
  $ tat tasks list --status FAILED,TIMEOUT --since 24h
  $ tat tasks list --filter command-id=cmd-9dxzty3m --all-regions --status FAILED
  $ tat tasks list --filter command-id=cmd-9dxzty3m --all -o ndjson | jq -r 'select(.TaskStatus!="SUCCESS") | .InstanceId'

Filters (--filter NAME=V1,V2; values ORed, filters ANDed; at most ${MAX_FILTERS} filters of ${MAX_FILTER_VALUES} values):
  ${INVOCATION_TASK_FILTER_NAMES.join(', ')}
Applied by the server: --filter, --id. Applied by tat to what the server returns: --status
  (${TASK_STATUSES.join(', ')}), --since, --until (the task's CreatedTime). Tasks come
  newest invocation first, so paging stops at the first page older than --since; --limit and
  --offset count the rows left after these filters.
--id takes any number of task ids (asked 100 per request). With -o content the output of each
task is fetched and printed decoded; otherwise outputs are not fetched (see tat tasks get).

${REGIONS_HELP}`;

const GET_EXAMPLES = `
Examples:
  $ tat tasks get invt-kakne8h2
  $ tat tasks get invt-kakne8h2 -o content > output.log
  $ tat tasks get invt-kakne8h2 invt-jc2onrxm -o json | jq -r '.[].TaskResult.Output | @base64d'
  $ tat tasks get invt-kakne8h2 --all-regions

Shows each task in full on a terminal, with its command and its decoded output.
Exit status 3 when any id does not exist (the ones that do are printed first).

${REGIONS_HELP}`;

/** `tat tasks`: DescribeInvocationTasks, one instance's run of an invocation per task. */
export function registerTasks(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const tasks = program
    .command('tasks')
    .alias('task')
    .description("list and inspect tasks (one instance's run of an invocation: status, exit code, output)");

  const list = addListingOptions(tasks.command('list').alias('ls').description('list tasks, newest invocation first'), {
    ids: 'task ids (invt-...)',
    plural: 'tasks',
    statuses: 'only tasks in these statuses (FAILED, TIMEOUT...)',
    statusValues: TASK_STATUSES,
    filterNames: INVOCATION_TASK_FILTER_NAMES,
  }).addHelpText('after', LIST_EXAMPLES);
  addRegionOptions(list).action((options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./list.js')).tasksListCommand(hooks.deps, flags, exactFlags<TaskListFlags>()(options)),
      command,
    ),
  );

  const get = tasks
    .command('get')
    .description('show tasks by id, with their command and decoded output')
    .argument('<id...>', 'task ids (space- or comma-separated)')
    .addHelpText('after', GET_EXAMPLES);
  addRegionOptions(get).action((ids, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./get.js')).tasksGetCommand(hooks.deps, flags, ids, exactFlags<TasksGetFlags>()(options)),
      command,
    ),
  );

  tasks.addHelpText(
    'after',
    `\nExamples:\n  $ tat tasks list --filter invocation-id=inv-q4zp60g0\n  $ tat tasks get invt-kakne8h2`,
  );
}
