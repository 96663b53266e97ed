import type { Deps } from '../../../deps.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { INVOCATION_STATUSES, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { hasClientFilters } from '../../client-filters.js';
import { parseListingOptions, type ListingFlags, type ListingOptions } from '../../listing-options.js';
import { listsSeveralRegions, planRegions } from '../../regions.js';
import { withRegion } from '../../../output/regional.js';
import { listFiltered } from './list-filtered.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import { createContext, type CommandContext } from '../../context.js';
import { resumable, summarise, type ListProgress } from '../../listing.js';
import { withSpinner } from '../../ui.js';
import { parseInvocationIds } from '../../parse.js';
import { explainFilterError } from './filter-errors.js';

export type ListFlags = ListingFlags;
export type ListOptions = ListingOptions;

export function parseListOptions(flags: ListFlags, now: number): ListOptions {
  return parseListingOptions(flags, now, { parseIds: parseInvocationIds, statuses: INVOCATION_STATUSES, idsParameter: 'InvocationIds', idFilterExample: 'invocation-id=inv-...' });
}

export async function listCommand(deps: Deps, flags: GlobalFlags, raw: ListFlags): Promise<void> {
  const options = parseListOptions(raw, deps.now());
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const formatter = await ctx.printer(listsSeveralRegions(ctx, raw) ? withRegion(INVOCATION) : INVOCATION, { cardinality: 'many', layout: 'rows' });
  const plan = await planRegions(ctx, raw);
  if (plan.multi || hasClientFilters(options.local)) return listFiltered(ctx, options, plan, formatter);
  const progress: ListProgress = { shown: 0, nextOffset: options.offset };
  try {
    // Paging drops repeats itself (new invocations shift older ones to later offsets), holding only the last pages.
    const fetched = (page: { total?: number }): string | undefined => progressText(progress.shown, options, page.total);
    for await (const page of withSpinner(ctx.ui, 'Fetching invocations', pagesFor(ctx, options), fetched)) {
      progress.total = page.total;
      progress.countIsLowerBound = page.countIsLowerBound;
      progress.nextOffset = page.nextOffset;
      await formatter.write(page.items);
      progress.shown += page.items.length;
    }
    await formatter.end();
  } catch (error) {
    throw progress.shown > 0 ? resumable(error, progress, formatter.streams, 'invocations') : explainFilterError(error, options.filters);
  }
  summarise(ctx, options, progress, 'invocations');
}

async function* pagesFor(ctx: CommandContext, options: ListOptions): AsyncGenerator<FetchedPage<Invocation>> {
  const client = ctx.client();
  if (options.ids.length) {
    const found = await fetchByIds(client, options.ids);
    const end = options.limit === undefined ? undefined : options.offset + options.limit;
    const items = found.slice(options.offset, end);
    yield { items, offset: options.offset, nextOffset: options.offset + items.length, total: found.length };
    return;
  }
  yield* queryInvocations(client, options, { onFallback: (message) => ctx.debug(message) });
}

/** "1,200 of 3,000" for the spinner of a long listing; nothing when the total is unknown. */
export function progressText(shown: number, options: Pick<ListOptions, 'offset' | 'limit'>, total: number | undefined): string | undefined {
  if (total === undefined || !Number.isSafeInteger(total)) return undefined;
  const wanted = Math.max(0, Math.min(total - options.offset, options.limit ?? Infinity));
  if (shown >= wanted) return undefined;
  return `${shown.toLocaleString('en-US')} of ${wanted.toLocaleString('en-US')}`;
}
