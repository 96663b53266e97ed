import type { Command, OptionValues } from '@commander-js/extra-typings';

/**
 * The options of every command that can query several regions at once (`--region a,b` is the
 * global flag). Kept apart from regions.ts so the command tree loads nothing else at start-up.
 */
export function addRegionOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .option('--all-regions', 'query every region where TAT is available (from DescribeRegions), concurrently')
    .option('--allow-partial', 'exit 0 when some regions fail (they are still named on stderr)');
}

export const REGIONS_HELP = `Several regions: --region a,b or --all-regions query them concurrently (each within its own
request rate) and merge the results newest first, with a REGION column (and a "Region" key with
-o json). A region that fails is named on stderr and the others are printed; exit 1 (0 with
--allow-partial). Looking up ids (invocations get/wait/output/tasks, tasks get), a failed region
is only a warning once every id was found in another.`;
