import type { Deps } from '../../../deps.js';
import { fetchCommandsByIds, queryCommands } from '../../../api/commands.js';
import { commandOrder } from '../../../api/order.js';
import { COMMAND_FILTER_NAMES, type Command } from '../../../api/types.js';
import type { GlobalFlags } from '../../flags.js';
import { COMMAND } from '../../../output/resources/command.js';
import { runListing, type ListingKind } from '../../listing.js';
import type { ListingFlags } from '../../listing-parse.js';
import { parseCommandIds } from '../../parse.js';

export type CommandListFlags = Omit<ListingFlags, 'status'>;

/** What `commands list` (DescribeCommands) lists, for the shared runner (src/cli/listing.ts). Commands have no status. */
const COMMANDS: ListingKind<Command> = {
  resource: COMMAND,
  parseIds: parseCommandIds,
  statuses: [],
  idsParameter: 'CommandIds',
  idFilterExample: 'command-id=cmd-...',
  filterNames: COMMAND_FILTER_NAMES,
  fields: { status: () => '', created: (c) => c.CreatedTime },
  newestFirst: commandOrder,
  source: () => ({ byIds: fetchCommandsByIds, query: queryCommands }),
};

/** `tat commands list`: the saved commands, TAT's public ones and the account's, paged like `invocations list`. */
export function commandsListCommand(deps: Deps, flags: GlobalFlags, raw: CommandListFlags): Promise<void> {
  return runListing(deps, flags, raw, COMMANDS);
}
