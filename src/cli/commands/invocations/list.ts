import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { DEFAULT_LIMIT, INVOCATION_STATUSES, type Filter, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { checkWindow, hasClientFilters, parseStatuses, parseTimeBound, type ClientFilterOptions } from '../../client-filters.js';
import { listsSeveralRegions, planRegions } from '../../regions.js';
import { withRegion } from '../../../output/regional.js';
import { listFiltered } from './list-filtered.js';
import { INVOCATION } from '../../../output/resources/invocation.js';
import { createContext, type CommandContext } from '../../context.js';
import { resumable, summarise, type ListProgress } from '../../listing.js';
import { withSpinner } from '../../ui.js';
import { parseInteger } from '../../../values.js';
import { parseFilters, parseInvocationIds } from '../../parse.js';
import { explainFilterError } from './filter-errors.js';

/** The raw flags of `tat invocations list`, as commander hands them over. */
export interface ListFlags {
  id: string[];
  filter: string[];
  limit?: string;
  offset?: string;
  all?: boolean;
  status: string[];
  since?: string;
  until?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/** Validated options: every refusal happens while building this, before any request. */
export interface ListOptions {
  ids: string[];
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Applied by tat to what the server returns: `--status`, `--since`, `--until`. */
  local: ClientFilterOptions;
}

export const MAX_LIST_LIMIT = 1_000_000;

export function parseListOptions(flags: ListFlags, now: number): ListOptions {
  const ids = parseInvocationIds(flags.id, '--id');
  const filters = parseFilters(flags.filter);
  if (ids.length && filters.length)
    throw new UsageError('--id and --filter cannot be used together (the API refuses InvocationIds with Filters)', 'Use one or the other, e.g. --filter invocation-id=inv-... together with other filters.');
  if (flags.all && flags.limit !== undefined) throw new UsageError('--all and --limit cannot be used together', 'Drop --limit to fetch every match, or drop --all.');
  const offset = flags.offset === undefined ? 0 : parseInteger(flags.offset, '--offset', { min: 0, max: Number.MAX_SAFE_INTEGER });
  let limit: number | undefined;
  if (flags.limit !== undefined) limit = parseInteger(flags.limit, '--limit', { min: 1, max: MAX_LIST_LIMIT });
  // With --id the ids say what is wanted; --limit still trims when given.
  else if (!flags.all && ids.length === 0) limit = DEFAULT_LIMIT;
  const local: ClientFilterOptions = { statuses: parseStatuses(flags.status, '--status', INVOCATION_STATUSES) };
  if (flags.since !== undefined) local.since = parseTimeBound(flags.since, '--since', now);
  if (flags.until !== undefined) local.until = parseTimeBound(flags.until, '--until', now);
  checkWindow(local);
  return { ids, filters, offset, limit, local };
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
