import type { TatClient } from '../../api/client.js';
import { mapLimit } from '../../api/concurrency.js';
import { fetchByIds } from '../../api/invocations.js';
import { isRegionFailure } from '../../api/merge.js';
import { fetchTasksByIds } from '../../api/tasks.js';
import { fetchCommandsByIds } from '../../api/commands.js';
import type { Command, Invocation, InvocationTask } from '../../api/types.js';
import type { CommandContext } from '../context.js';
import { regionFailed, sameIdWarning, type RegionPlan } from '../regions.js';
import { MAX_REGIONS_AT_ONCE } from '../wait/schedule.js';

/**
 * Finding records by id, without waiting: in the one region of the plan, or in every region of
 * it at once (at most MAX_REGIONS_AT_ONCE at a time), each id kept by the first region given
 * that shows it (the others named on stderr). A region that fails is named and recorded in the
 * plan (src/cli/regions.ts); the ids it may hold are simply not found.
 */

export interface Located<T> {
  region: string;
  record: T;
}

interface Kind<T> {
  plural: string;
  fetch(client: TatClient, ids: readonly string[]): Promise<T[]>;
  id(record: T): string;
}

const INVOCATIONS: Kind<Invocation> = { plural: 'invocations', fetch: fetchByIds, id: (r) => r.InvocationId };

/** Invocations by id: where each is. */
export function locate(
  ctx: CommandContext,
  plan: RegionPlan,
  ids: readonly string[],
): Promise<Map<string, Located<Invocation>>> {
  return locateIn(ctx, plan, ids, INVOCATIONS);
}

/** Tasks by id (output included unless `hideOutput`): where each is. */
export function locateTasks(
  ctx: CommandContext,
  plan: RegionPlan,
  ids: readonly string[],
  hideOutput: boolean,
): Promise<Map<string, Located<InvocationTask>>> {
  return locateIn(ctx, plan, ids, {
    plural: 'tasks',
    fetch: (client, asked) => fetchTasksByIds(client, asked, hideOutput),
    id: (t) => t.InvocationTaskId,
  });
}

/** Saved commands by id: where each is (command ids differ between regions). */
export function locateCommands(
  ctx: CommandContext,
  plan: RegionPlan,
  ids: readonly string[],
): Promise<Map<string, Located<Command>>> {
  return locateIn(ctx, plan, ids, { plural: 'commands', fetch: fetchCommandsByIds, id: (c) => c.CommandId });
}

async function locateIn<T>(
  ctx: CommandContext,
  plan: RegionPlan,
  ids: readonly string[],
  kind: Kind<T>,
): Promise<Map<string, Located<T>>> {
  const what = ids.length === 1 ? ids[0] : `${ids.length} ${kind.plural}`;
  if (!plan.multi) {
    const region = plan.regions[0]!;
    const found = await ctx.terminal.spin(`Fetching ${what}`, () => kind.fetch(ctx.clientFor(region), ids));
    return new Map(found.map((record) => [kind.id(record), { region, record }]));
  }
  const answers = await ctx.terminal.spin(`Looking for ${what} in ${plan.regions.length} regions`, () =>
    mapLimit(plan.regions, MAX_REGIONS_AT_ONCE, async (region) => {
      try {
        return { region, found: await kind.fetch(ctx.clientFor(region), ids) };
      } catch (error) {
        if (!isRegionFailure(error)) throw error;
        await regionFailed(ctx, plan, { region, error });
        return { region, found: [] };
      }
    }),
  );
  // Answers come in the order the regions were given: the first to show an id keeps it.
  const where = new Map<string, Located<T>>();
  const alsoIn = new Map<string, string[]>();
  for (const { region, found } of answers)
    for (const record of found) {
      const id = kind.id(record);
      const kept = where.get(id);
      if (!kept) where.set(id, { region, record });
      else if (kept.region !== region) alsoIn.set(id, [...(alsoIn.get(id) ?? []), region]);
    }
  for (const [id, others] of alsoIn) await ctx.terminal.write(`${sameIdWarning(id, others, where.get(id)!.region)}\n`);
  return where;
}
