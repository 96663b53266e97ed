import type { Deps } from '../../deps.js';
import { withRegion, type Regional } from '../../output/regional.js';
import type { Resource } from '../../output/resource.js';
import { createContext, type CommandContext } from '../context.js';
import type { GlobalFlags } from '../flags.js';
import {
  finishRegions,
  listsSeveralRegions,
  planRegions,
  searchedIn,
  type RegionFlags,
  type RegionPlan,
} from '../regions.js';
import type { Located } from './locate.js';
import { notFound, type Noun } from './not-found.js';

export interface ShownById<T> {
  resource: Resource<T>;
  noun: Noun;
  locate(ctx: CommandContext, plan: RegionPlan, ids: readonly string[]): Promise<Map<string, Located<T>>>;
}

/**
 * A `get` of records by id (`tat tasks get`, `tat commands get`): each found one in full, with
 * its `Region` when several regions were asked, in the order given; then exit 3 naming the ids
 * no region showed.
 */
export async function showByIds<T>(
  deps: Deps,
  flags: GlobalFlags,
  ids: readonly string[],
  regionFlags: RegionFlags,
  what: ShownById<T>,
): Promise<void> {
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const resource: Resource<Regional<T>> = listsSeveralRegions(ctx, regionFlags)
    ? withRegion(what.resource)
    : what.resource;
  const printer = await ctx.printer(resource, { cardinality: ids.length === 1 ? 'one' : 'many', layout: 'detail' });
  const plan = await planRegions(ctx, regionFlags);
  const where = await what.locate(ctx, plan, ids);
  await printer.write(
    ids.flatMap((id): Regional<T>[] => {
      const found = where.get(id);
      if (!found) return [];
      // Sound: Regional<T> only adds an optional key, which a record from one region leaves out.
      return [plan.multi ? { ...found.record, Region: found.region } : (found.record as Regional<T>)];
    }),
  );
  await printer.end();
  const missing = ids.filter((id) => !where.has(id));
  await finishRegions(ctx, plan, { everyIdFound: missing.length === 0 });
  if (missing.length) throw notFound(what.noun, missing, searchedIn(plan));
}
