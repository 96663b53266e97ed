import type { Deps } from '../../../deps.js';
import { fetchCommandsByIds } from '../../../api/commands.js';
import type { GlobalFlags } from '../../flags.js';
import { COMMAND } from '../../../output/resources/command.js';
import { createContext } from '../../context.js';
import { notFound } from '../../flows/not-found.js';
import { parseCommandIds } from '../../parse.js';

/** `tat commands get <cmd-id...>`: each command in full with its decoded script; exit 3 naming ids that do not exist. */
export async function commandsGetCommand(deps: Deps, flags: GlobalFlags, args: readonly string[]): Promise<void> {
  const ids = parseCommandIds(args, 'command id');
  const ctx = await createContext(deps, flags);
  const printer = await ctx.printer(COMMAND, { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' });
  const found = await ctx.terminal.spin(`Fetching ${ids.length === 1 ? ids[0] : `${ids.length} commands`}`, () => fetchCommandsByIds(ctx.client(), ids));
  await printer.write(found);
  await printer.end();
  const present = new Set(found.map((command) => command.CommandId));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length) throw notFound('command', missing, { region: ctx.settings.region ?? '' });
}
