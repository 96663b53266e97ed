import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { collect } from '../../parse.js';
import { addRegionOptions } from '../../region-options.js';
import type { CancelFlags } from './cancel.js';
import type { RerunFlags } from './rerun.js';

const RERUN_EXAMPLES = `
Examples:
  $ tat invocations rerun inv-q4zp60g0 --failed
  $ tat invocations rerun inv-q4zp60g0 --instances ins-zj0f57ew --yes
  $ tat invocations rerun inv-a1b2c3d4 inv-e5f6g7h8 --failed --batch-size 10 --max-failures 1
  $ tat invocations rerun inv-q4zp60g0 --param token="$TOKEN" --no-wait

The invocation's command (its script, type, parameters, user, working directory, timeout and COS
output) runs again, on the same instances, on those whose task did not succeed (--failed), or on
the ones named, and is then followed exactly as \`tat run\` (see \`tat run --help\`: agents checked
first, confirmation, live view, records, recap, exit codes). The invocations of one run (more than
200 instances go out as several) can be given together. TAT keeps hidden parameters as ******:
give them again with --param. With --region a,b or --all-regions the invocations are looked for in
each region, and run again in the one that has them.`;

const CANCEL_EXAMPLES = `
Examples:
  $ tat invocations cancel inv-q4zp60g0
  $ tat invocations cancel inv-q4zp60g0 --instances ins-zj0f57ew,ins-zj0f57ex
  $ tat invocations cancel inv-q4zp60g0 inv-hc91n6ga8c --no-wait -o json

Tasks not yet started end CANCELLED; running ones are stopped and end TERMINATED (exit code -1);
tasks that already ended keep their end. Then, as \`tat invocations get --wait\`, the invocations once
their tasks have stopped (at most --max-wait, default 1m). Exit status 3 when an id does not exist
(the others are cancelled first); 7 when a CancelInvocation's reply was lost (cancelling again is harmless).
With --region a,b or --all-regions each id is cancelled in whichever region has it.`;

/** `tat invocations rerun` and `cancel`, which act on invocations: their own file, so the noun's index.ts only registers them. */
export function registerActions(invocations: CommandUnknownOpts, hooks: ProgramHooks): void {
  const rerun = invocations
    .command('rerun')
    .description('run the command of invocations again: on the same instances, or only where it failed (--failed)')
    .argument('<id...>', 'invocation ids (space- or comma-separated) of one command')
    .option('--failed', 'only on the instances whose task did not succeed')
    .option('--instances <ids>', 'on these instances instead, comma-separated; repeatable', collect, [])
    .option('--instances-from <file>', 'on the instances of this file instead, one a line (# comments); - for stdin')
    .option(
      '--param <key=value>',
      'a parameter value (needed again for {{tat-hidden:key}} ones); repeatable',
      collect,
      [],
    )
    .option('--skip-offline', 'run on the instances whose agent is online and skip (and name) the others')
    .option('--batch-size <n|n%>', 'run on this many instances at a time, the next batch once one has ended')
    .option('--max-failures <n|n%>', 'start no more batches once more than this many instances did not succeed')
    .option('--no-wait', 'start it, print the invocation ids, and exit')
    .option('-y, --yes', 'do not ask for confirmation at a terminal')
    .option('--max-wait <duration>', 'stop following after this long, exit 6 (default 10m; 0 = no limit)')
    .option('--interval <duration>', 'first polling interval (default 2s; grows toward 15s)')
    .addHelpText('after', RERUN_EXAMPLES);
  addRegionOptions(rerun).action((ids, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./rerun.js')).rerunCommand(hooks.deps, flags, ids, exactFlags<RerunFlags>()(options)),
      command,
    ),
  );

  const cancel = invocations
    .command('cancel')
    .description('stop invocations (all their tasks, or those of some instances), then show how they ended')
    .argument('<id...>', 'invocation ids (space- or comma-separated)')
    .option('--instances <ids>', 'only the tasks of these instances, comma-separated; repeatable', collect, [])
    .option('--no-wait', 'show the invocations at once, without waiting for the tasks to stop')
    .option('--max-wait <duration>', 'wait at most this long for the tasks to stop, exit 6 (default 1m; 0 = no limit)')
    .addHelpText('after', CANCEL_EXAMPLES);
  addRegionOptions(cancel).action((ids, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./cancel.js')).cancelCommand(hooks.deps, flags, ids, exactFlags<CancelFlags>()(options)),
      command,
    ),
  );
}
