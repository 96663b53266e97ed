import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { COMMAND_TYPES } from '../../../api/types.js';
import { completes, oneOf } from '../../completion-values.js';
import { exactFlags, type ProgramHooks } from '../../hooks.js';
import { collect } from '../../parse.js';
import type { RunFlags } from './plan.js';

const EXAMPLES = `
Examples:
  $ tat run 'systemctl restart nginx' --instances ins-zj0f57ew,ins-zj0f57ex
  $ tat run --file deploy.sh --instances-from hosts.txt --batch-size 10% --max-failures 2
  $ tat run --command-id cmd-9dxzty3m --param version=1.4.2 --instances ins-zj0f57ew
  $ echo uptime | tat run --file - --instances ins-zj0f57ew -o ndjson | jq -r .Output
  $ tat run 'echo {{tat-hidden:token}} | login' --param token="$TOKEN" --instances ins-zj0f57ew
  $ tat run --file deploy.sh --instances-from hosts.txt --no-wait | xargs tat invocations wait

The script comes from the argument, --file PATH or --file - (stdin); at most 49,152 bytes (64 KB
once base64-encoded, RunCommand's limit). Targets: --instances and --instances-from (one id a
line, # comments); more than 200 go out in several calls, followed as one run.
Before running, each target's agent is checked (DescribeAutomationAgentStatus): offline or
unknown ones are named and nothing runs, unless --skip-offline. At a terminal, more than 10
instances (or batches) are confirmed first (--yes skips it); --dry-run prints the requests.
While it runs: a live view on stderr at a terminal, and each instance's output as it finishes;
piped, one record per instance (tsv, or -o json/ndjson with InstanceId, TaskStatus, ExitCode,
Output decoded, Dropped, OutputUrl). Then a recap and how to re-run the failures.
Exit status: 0 all succeeded; 5 any did not (or --max-failures stopped the run); 6 --max-wait ran
out; 7 a write's outcome is unknown (its reply was lost: tat never sends it twice, and names the
listing that finds out); 2 bad flags; 4 credentials; 1 other failures; 130 Ctrl+C (the command
keeps running on the instances).`;

/** `tat run`: RunCommand / InvokeCommand on instances, followed until every instance has finished. */
export function registerRun(program: CommandUnknownOpts, hooks: ProgramHooks): void {
  const run = program
    .command('run')
    .description('run a script (or a saved command) on instances, in rolling batches, and follow it live')
    .argument('[script]', "the script to run, e.g. 'systemctl restart nginx' (or --file, --command-id)")
    .option('--file <path>', 'read the script from a file; - for stdin')
    .option('--command-id <id>', 'run a saved command (InvokeCommand) instead of a script: `tat commands list`')
    .option(
      '--param <key=value>',
      'a value for the {{key}} (or {{tat-hidden:key}}) placeholder of the script; repeatable',
      collect,
      [],
    )
    .option('--instances <ids>', 'instances to run on (ins-...), comma-separated; repeatable', collect, [])
    .option('--instances-from <file>', 'read instance ids from a file, one a line (# comments); - for stdin')
    .option('--command-timeout <duration>', "the command's own timeout on each instance, 1s to 24h (default 60s)")
    .option('--username <user>', 'run as this user on the instances (default root; System on Windows)')
    .option('--working-dir <path>', 'run in this directory (default /root for SHELL)')
    .option('--command-type <type>', 'SHELL (default), POWERSHELL or BAT')
    .option(
      '--name <name>',
      'a name for the command (shown by `invocations list`; needed to find it with --command-name)',
    )
    .option('--description <text>', 'a description for the command (at most 120 characters)')
    .option('--save', 'save the command (SaveCommand), to run it again with --command-id')
    .option('--output-cos-bucket-url <url>', 'also upload each output to this COS bucket (https://...)')
    .option('--output-cos-key-prefix <prefix>', 'the folder in the COS bucket for the outputs')
    .option('--skip-offline', 'run on the instances whose agent is online and skip (and name) the others')
    .option('--batch-size <n|n%>', 'run on this many instances at a time, the next batch once one has ended')
    .option('--max-failures <n|n%>', 'start no more batches once more than this many instances did not succeed')
    .option('--no-wait', 'start it, print the invocation ids, and exit')
    .option('-y, --yes', 'do not ask for confirmation at a terminal')
    .option('--max-wait <duration>', 'stop following after this long, exit 6 (default 10m; 0 = no limit)')
    .option('--interval <duration>', 'first polling interval (default 2s; grows toward 15s)')
    .addHelpText('after', EXAMPLES);
  completes(run, '--command-type', oneOf(COMMAND_TYPES));
  run.action((script, options, command) =>
    hooks.run(
      async (flags) =>
        (await import('./run.js')).runCommand(hooks.deps, flags, script, exactFlags<RunFlags>()(options)),
      command,
    ),
  );
}
