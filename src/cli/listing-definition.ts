/** The commander options every paged `list` command shares (--id, --filter, --limit, --offset, --all, --status...), with their help and completion values; listing-parse.ts turns what they give into ListingOptions. */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../api/types.js';
import { collect } from './parse.js';
import { completes, filters, listOf } from './completion-values.js';

/** The words of a listing's help that name what it lists. */
export interface ListingHelp {
  /** `task ids (invt-...)` */
  ids: string;
  /** `tasks` */
  plural: string;
  /** `only tasks in these statuses (FAILED, TIMEOUT...)`; absent for records without a status (commands). */
  statuses?: string;
  /** The `--filter` names the API takes for these records (api/types.ts): what completion offers. */
  filterNames: readonly string[];
}

/** A listing of records with a status: the help's words and the statuses themselves (api/types.ts). */
export type StatusListingHelp = ListingHelp & { statuses: string; statusValues: readonly string[] };

/**
 * The flags of every paged `list` command (`ListingFlags` in listing-parse.ts, run by
 * listing.ts), defined once so each command takes the same ones; `--status` only where the
 * records have one. Kept light: the command tree loads it at start-up.
 */
export function addListingOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  help: StatusListingHelp,
) {
  const withStatus = addSelection(command, help).option(
    '--status <statuses>',
    `${help.statuses}, comma-separated; repeatable (applied by tat)`,
    collect,
    [],
  );
  return addTimeWindow(completes(withStatus, '--status', listOf(help.statusValues)), help);
}

/** The same flags without `--status`, for records that have none. */
export function addListingOptionsWithoutStatus<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>, help: ListingHelp) {
  return addTimeWindow(addSelection(command, help), help);
}

function addSelection<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  help: ListingHelp,
) {
  const selected = command
    .option('--id <ids>', `${help.ids}, comma-separated; repeatable (not with --filter)`, collect, [])
    .option('--filter <name=values>', 'API filter NAME=V1,V2; repeatable (not with --id)', collect, [])
    .option(
      '--limit <n>',
      `how many ${help.plural} to show (default ${DEFAULT_LIMIT}; pages past ${MAX_LIMIT} automatically)`,
    )
    .option('--offset <n>', 'skip this many matches first (default 0)')
    .option('--all', 'fetch every match (not with --limit)');
  return completes(selected, '--filter', filters(help.filterNames));
}

function addTimeWindow<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  help: ListingHelp,
) {
  return command
    .option(
      '--since <when>',
      `only ${help.plural} created since a duration ago (30m, 24h, 7d) or an ISO time (applied by tat; paging stops at older ones)`,
    )
    .option('--until <when>', `only ${help.plural} created up to a duration ago or an ISO time (applied by tat)`);
}
