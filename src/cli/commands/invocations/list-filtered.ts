import type { TatClient } from '../../../api/client.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import { invocationOrder as newestFirst } from '../../../api/order.js';
import type { FetchedPage } from '../../../api/paginate.js';
import type { Filter, Invocation } from '../../../api/types.js';
import type { Formatter } from '../../../output/types.js';
import { filterPages, type ClientFilterOptions } from '../../client-filters.js';
import type { CommandContext } from '../../context.js';
import { fanOut, finishRegions, window, type RegionPlan } from '../../regions.js';
import { withSpinner } from '../../ui.js';
import { explainFilterError } from './filter-errors.js';

/** What this path needs of list.ts's validated options (kept here: list.ts imports this file). */
export interface ListOptions {
  ids: string[];
  filters: Filter[];
  offset: number;
  limit?: number;
  local: ClientFilterOptions;
}

/**
 * `invocations list` when tat itself filters or merges: several regions and/or `--status`,
 * `--since`, `--until`. Each region pages newest first (one page at a time when tat filters, so
 * paging stops at the first page older than `--since`); the regions are merged newest first;
 * `--offset` and `--limit` then count the rows that are left.
 */
export async function listFiltered(ctx: CommandContext, options: ListOptions, plan: RegionPlan, formatter: Formatter<Invocation>): Promise<void> {
  const filtered = options.local.statuses.length > 0 || options.local.since !== undefined || options.local.until !== undefined;
  // Unfiltered, each region needs at most offset+limit rows; filtered, it pages until told to stop.
  const perRegionLimit = filtered || options.limit === undefined ? undefined : options.offset + options.limit;

  const streamOf = (client: TatClient): AsyncIterator<readonly Invocation[]> =>
    rowsOf(filterPages(pagesOf(ctx, client, options, perRegionLimit, filtered), options.local, FIELDS));
  const rows = window(fanOut(ctx, plan, streamOf, newestFirst), options.offset, options.limit);
  let shown = 0;
  try {
    for await (const batch of withSpinner(ctx.ui, `Fetching invocations${plan.multi ? ` in ${plan.regions.length} regions` : ''}`, rows[Symbol.asyncIterator]())) {
      // Each region's paging already drops the repeats that new invocations cause (api/paginate.ts),
      // with memory that does not grow with the listing.
      await formatter.write(batch);
      shown += batch.length;
    }
    await formatter.end();
  } catch (error) {
    throw explainFilterError(error, options.filters);
  }
  if (ctx.ui.interactive)
    ctx.ui.notice(shown === 0 ? 'No invocations match.' : `Showing ${shown} invocations${plan.multi ? ` from ${plan.regions.length} regions` : ''}${options.limit !== undefined && shown === options.limit ? '; --limit N or --all for more' : ''}.`);
  if (plan.multi) await finishRegions(ctx, plan);
}

const FIELDS = { status: (r: Invocation) => r.InvocationStatus, created: (r: Invocation) => r.CreatedTime };

async function* pagesOf(
  ctx: CommandContext,
  client: TatClient,
  options: ListOptions,
  limit: number | undefined,
  sequential: boolean,
): AsyncGenerator<FetchedPage<Invocation>> {
  if (options.ids.length) {
    const found = (await fetchByIds(client, options.ids)).sort(newestFirst);
    yield { items: found, offset: 0, nextOffset: found.length, total: found.length };
    return;
  }
  yield* queryInvocations(client, { filters: options.filters, offset: 0, limit, sequential }, { onFallback: (message) => ctx.debug(message) });
}

async function* rowsOf<T>(pages: AsyncIterable<FetchedPage<T>>): AsyncGenerator<readonly T[]> {
  for await (const page of pages) yield page.items;
}
