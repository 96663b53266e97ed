import { NotFoundError } from '../../../errors.js';
import { fetchByIds } from '../../../api/invocations.js';
import { isRegionFailure } from '../../../api/merge.js';
import type { Invocation } from '../../../api/types.js';
import type { CommandContext } from '../../context.js';
import { visible } from '../../../output/escape.js';
import { withRegion } from '../../../output/regional.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import { finishRegions, regionFailed, type RegionPlan } from '../../regions.js';

/**
 * `get <id...>` over several regions: every region is asked for every id at once, and each id
 * is printed wherever it is found (with its `Region`), in the order the ids were given. Failed
 * regions are named as for lists; ids found nowhere exit 3 once no region failed.
 */
export async function getAcrossRegions(ctx: CommandContext, plan: RegionPlan, ids: readonly string[]): Promise<void> {
  const formatter = await ctx.printer(withRegion(INVOCATION), { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' });
  const where = await findInRegions(ctx, plan, ids);
  await formatter.write(ids.flatMap((id) => where.get(id) ?? []));
  await formatter.end();
  const missing = ids.filter((id) => !where.has(id));
  await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (missing.length)
    throw new NotFoundError(
      `${missing.length === 1 ? 'invocation' : `${missing.length} invocations`} not found in ${plan.regions.length - plan.failures.length} regions${plan.failures.length ? ' that answered' : ''}: ${missing.join(', ')}`,
      missing,
      'Check the id; `tat invocations list --all-regions` shows recent ones.',
    );
}

/**
 * Asks every region of the plan for every id at once: where each id is, as its invocation with
 * `Region` added (the first region given that shows it keeps it; the others are named on
 * stderr). A failed region is named and recorded in the plan (src/cli/regions.ts); the ids it
 * may hold are simply not found.
 */
export async function findInRegions(ctx: CommandContext, plan: RegionPlan, ids: readonly string[]): Promise<Map<string, Invocation & { Region: string }>> {
  const answers = await ctx.ui.spin(`Looking for ${ids.length === 1 ? ids[0] : `${ids.length} invocations`} in ${plan.regions.length} regions`, () =>
    Promise.all(
      plan.regions.map(async (region) => {
        try {
          return { region, found: await fetchByIds(ctx.clientFor(region), ids) };
        } catch (error) {
          if (!isRegionFailure(error)) throw error;
          await regionFailed(ctx, plan, { region, error });
          // An empty list, typed like the successful branch's.
          return { region, found: [] as Invocation[] };
        }
      }),
    ),
  );
  const where = new Map<string, Invocation & { Region: string }>();
  const alsoIn = new Map<string, string[]>();
  for (const { region, found } of answers)
    for (const invocation of found) {
      const id = invocation.InvocationId;
      if (!where.has(id)) where.set(id, { ...invocation, Region: region });
      else if (where.get(id)!.Region !== region) alsoIn.set(id, [...(alsoIn.get(id) ?? []), region]);
    }
  // TAT's ids are unique, but an emulator serving one --data file in every region repeats them:
  // say so rather than silently pick one.
  for (const [id, others] of alsoIn)
    await ctx.deps.io.stderr.write(`warning: ${visible(id)} is also in ${others.join(', ')}; using the one in ${where.get(id)!.Region}, the first region given\n`).catch(() => undefined);
  return where;
}
