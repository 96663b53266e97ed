import type { Deps } from '../../../deps.js';
import type { GlobalFlags } from '../../flags.js';
import { COMMAND } from '../../../output/resources/command.js';
import { locateCommands } from '../../flows/locate.js';
import { showByIds } from '../../flows/show-by-ids.js';
import { parseCommandIds } from '../../parse.js';
import type { RegionFlags } from '../../regions.js';

export type CommandsGetFlags = RegionFlags;

/**
 * `tat commands get <cmd-id...>`: each command in full with its decoded script; exit 3 naming ids
 * that do not exist. With several regions each id is looked up in all of them (and printed with its `Region`).
 */
export async function commandsGetCommand(
  deps: Deps,
  flags: GlobalFlags,
  args: readonly string[],
  raw: CommandsGetFlags = {},
): Promise<void> {
  const ids = parseCommandIds(args, 'command id');
  return showByIds(deps, flags, ids, raw, { resource: COMMAND, noun: 'command', locate: locateCommands });
}
