import type { Deps } from '../../../deps.js';
import type { GlobalFlags } from '../../flags.js';
import { withRegion } from '../../../output/regional.js';
import { COMMAND } from '../../../output/resources/command.js';
import { createContext } from '../../context.js';
import { locateCommands } from '../../flows/locate.js';
import { notFound } from '../../flows/not-found.js';
import { parseCommandIds } from '../../parse.js';
import { finishRegions, listsSeveralRegions, planRegions, searchedIn, type RegionFlags } from '../../regions.js';

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
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const several = listsSeveralRegions(ctx, raw);
  const printer = await ctx.printer(several ? withRegion(COMMAND) : COMMAND, {
    cardinality: ids.length === 1 ? 'one' : 'many',
    layout: 'detail',
  });
  const plan = await planRegions(ctx, raw);
  const where = await locateCommands(ctx, plan, ids);
  await printer.write(
    ids.flatMap((id) => {
      const found = where.get(id);
      return found ? [plan.multi ? { ...found.record, Region: found.region } : found.record] : [];
    }),
  );
  await printer.end();
  const missing = ids.filter((id) => !where.has(id));
  await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (missing.length) throw notFound('command', missing, searchedIn(plan));
}
