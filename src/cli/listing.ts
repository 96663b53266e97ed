import type { TatClient } from '../api/client.js';
import type { FetchedPage } from '../api/paginate.js';
import type { Filter } from '../api/types.js';
import type { GlobalFlags } from './flags.js';
import type { Deps } from '../deps.js';
import { withRegion, type Regional } from '../output/regional.js';
import type { Resource } from '../output/resource.js';
import type { Printer } from '../output/types.js';
import { filterPages, hasClientFilters, Lookahead, type RecordFields } from './client-filters.js';
import { createContext, type CommandContext } from './context.js';
import { explainFilterError } from './filter-errors.js';
import { parseListingOptions, type ListingFlags, type ListingOptions, type ListingSpec } from './listing-parse.js';
import {
  progressText,
  queryScope,
  resumable,
  summarise,
  summariseMerged,
  type ListProgress,
} from './listing-notices.js';
import {
  fanOut,
  finishRegions,
  listsSeveralRegions,
  planRegions,
  searchedIn,
  window,
  type RegionPlan,
} from './regions.js';
import { isNoun, notFound } from './flows/not-found.js';
import { withSpinner } from './terminal/terminal.js';

/**
 * The one runner of the paged `list` commands (`invocations list`, `tasks list`); each gives a
 * `ListingKind` saying what differs. Two paths:
 *
 * - paged: one region, as the server lists it: a "1,200 of 3,000" spinner, and a failed page
 *   says which `--offset` resumes;
 * - merged: tat itself filters (`--status`, `--since`, `--until`) and/or merges several regions.
 *   Each region pages newest first, a window of pages at a time; when tat filters, only as many
 *   pages ahead as its pages so far say are needed (client-filters.ts, Lookahead), so paging
 *   stops near the first page older than `--since`; the regions are merged newest first;
 *   `--offset` and `--limit` then count the rows that are left.
 */

/** One request's worth of listing; `ahead`: how many pages are worth asking for ahead (PageRange.ahead). */
export interface ListingQuery {
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  ahead?: () => number;
}

/** How a command's records are fetched, bound to its context. */
export interface ListingSource<T> {
  /** The records of these ids, in the order asked; ids that do not exist are absent. */
  byIds(client: TatClient, ids: readonly string[]): Promise<T[]>;
  query(client: TatClient, query: ListingQuery): AsyncGenerator<FetchedPage<T>>;
}

/** What differs between the listed resources. */
export interface ListingKind<T extends object> extends ListingSpec {
  resource: Resource<T>;
  /** Filter names the API knows, offered when it refuses one. */
  filterNames: readonly string[];
  /** Where `--status`, `--since` and `--until` look. */
  fields: RecordFields<T>;
  /** The server's listing order, newest first: merges regions, orders records fetched by id. */
  newestFirst(a: T, b: T): number;
  source(ctx: CommandContext): ListingSource<T>;
}

export async function runListing<T extends object>(
  deps: Deps,
  flags: GlobalFlags,
  raw: ListingFlags,
  kind: ListingKind<T>,
): Promise<void> {
  const options = parseListingOptions(raw, deps.now(), kind);
  const ctx = await createContext(deps, flags, { manyRegions: true });
  const resource: Resource<Regional<T>> = listsSeveralRegions(ctx, raw) ? withRegion(kind.resource) : kind.resource;
  const printer = await ctx.printer(resource, { cardinality: 'many', layout: 'rows' });
  const plan = await planRegions(ctx, raw);
  // --id: which ids some region showed, to name the others afterwards (exit 3), as `get` does.
  const seen = new Set<string>();
  const given = kind.source(ctx);
  const source: ListingSource<T> = {
    ...given,
    async byIds(client, ids) {
      const found = await given.byIds(client, ids);
      for (const record of found) seen.add(kind.resource.id(record));
      return found;
    },
  };
  if (plan.multi || hasClientFilters(options.local)) await listMerged(ctx, options, plan, printer, kind, source);
  else await listPaged(ctx, options, printer, kind, source);
  const missing = options.ids.filter((id) => !seen.has(id));
  if (missing.length && isNoun(kind.resource.noun)) throw notFound(kind.resource.noun, missing, searchedIn(plan));
}

async function listPaged<T extends object>(
  ctx: CommandContext,
  options: ListingOptions,
  printer: Printer<Regional<T>>,
  kind: ListingKind<T>,
  source: ListingSource<T>,
): Promise<void> {
  const progress: ListProgress = { shown: 0, nextOffset: options.offset };
  const plural = kind.resource.plural;
  try {
    // Paging drops repeats itself (new records shift older ones to later offsets), holding only the last pages.
    const fetched = (page: { total?: number }): string | undefined => progressText(progress.shown, options, page.total);
    for await (const page of withSpinner(ctx.terminal, `Fetching ${plural}`, pagesFor(ctx, options, source), fetched)) {
      progress.total = page.total;
      progress.countIsLowerBound = page.countIsLowerBound;
      progress.nextOffset = page.nextOffset;
      await printer.write(page.items);
      progress.shown += page.items.length;
    }
    await printer.end();
  } catch (error) {
    throw progress.shown > 0
      ? resumable(error, progress, printer.streams, plural)
      : explainFilterError(error, options.filters, kind.filterNames);
  }
  summarise(ctx, options, progress, plural, kind.resource.noun);
  queryScope(ctx, options, progress.shown, plural, progress.total, progress.countIsLowerBound);
}

async function* pagesFor<T>(
  ctx: CommandContext,
  options: ListingOptions,
  source: ListingSource<T>,
): AsyncGenerator<FetchedPage<T>> {
  const client = ctx.client();
  if (options.ids.length) {
    const found = await source.byIds(client, options.ids);
    const end = options.limit === undefined ? undefined : options.offset + options.limit;
    const items = found.slice(options.offset, end);
    yield { items, offset: options.offset, nextOffset: options.offset + items.length, total: found.length };
    return;
  }
  yield* source.query(client, { filters: options.filters, offset: options.offset, limit: options.limit });
}

async function listMerged<T extends object>(
  ctx: CommandContext,
  options: ListingOptions,
  plan: RegionPlan,
  printer: Printer<Regional<T>>,
  kind: ListingKind<T>,
  source: ListingSource<T>,
): Promise<void> {
  const filtered = hasClientFilters(options.local);
  // Unfiltered, each region needs at most offset+limit rows; filtered, it pages until told to stop.
  const perRegionLimit = filtered || options.limit === undefined ? undefined : options.offset + options.limit;
  // Filtered, each region asks for as many pages ahead as its own pages say it still needs.
  const wanted = options.limit === undefined ? undefined : options.offset + options.limit;
  const streamOf = (client: TatClient): AsyncIterator<readonly T[]> => {
    const lookahead = filtered ? new Lookahead(options.local.since, wanted) : undefined;
    return rowsOf(
      filterPages(
        regionPages(client, options, source, kind.newestFirst, perRegionLimit, lookahead),
        options.local,
        kind.fields,
        lookahead,
      ),
    );
  };
  const rows = window(fanOut(ctx, plan, streamOf, kind.newestFirst), options.offset, options.limit);
  const regions = plan.multi ? ` in ${plan.regions.length} regions` : '';
  let shown = 0;
  try {
    for await (const batch of withSpinner(
      ctx.terminal,
      `Fetching ${kind.resource.plural}${regions}`,
      rows[Symbol.asyncIterator](),
    )) {
      // Each region's paging already drops the repeats that new records cause (api/paginate.ts),
      // with memory that does not grow with the listing.
      await printer.write(batch);
      shown += batch.length;
    }
    await printer.end();
  } catch (error) {
    throw explainFilterError(error, options.filters, kind.filterNames);
  }
  summariseMerged(ctx, options, shown, plan.multi ? plan.regions.length : undefined, kind.resource.plural);
  queryScope(ctx, options, shown, kind.resource.plural);
  if (plan.multi) await finishRegions(ctx, plan);
}

/** One region's records from the start, newest first; `--offset`/`--limit` are applied after the merge. */
async function* regionPages<T>(
  client: TatClient,
  options: ListingOptions,
  source: ListingSource<T>,
  newestFirst: (a: T, b: T) => number,
  limit: number | undefined,
  lookahead: Lookahead | undefined,
): AsyncGenerator<FetchedPage<T>> {
  if (options.ids.length) {
    const found = (await source.byIds(client, options.ids)).sort(newestFirst);
    yield { items: found, offset: 0, nextOffset: found.length, total: found.length };
    return;
  }
  yield* source.query(client, {
    filters: options.filters,
    offset: 0,
    limit,
    ahead: lookahead && (() => lookahead.ahead()),
  });
}

async function* rowsOf<T>(pages: AsyncIterable<FetchedPage<T>>): AsyncGenerator<readonly T[]> {
  for await (const page of pages) yield page.items;
}
