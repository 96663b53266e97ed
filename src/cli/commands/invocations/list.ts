import type { Deps } from '../../../deps.js';
import { ApiError, TransportError, UsageError } from '../../../errors.js';
import { fetchByIds, queryInvocations } from '../../../api/invocations.js';
import type { FetchedPage } from '../../../api/paginate.js';
import { DEFAULT_LIMIT, INVOCATION_STATUSES, type Filter, type Invocation } from '../../../api/types.js';
import type { GlobalFlags } from '../../../config/index.js';
import { checkWindow, hasClientFilters, parseStatuses, parseTimeBound, type ClientFilterOptions } from '../../client-filters.js';
import { planRegions } from '../../regions.js';
import { listFiltered } from './list-filtered.js';
import { createContext, type CommandContext } from '../../context.js';
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
  const formatter = await ctx.formatter('list', false);
  const plan = await planRegions(ctx, raw);
  if (plan.multi || hasClientFilters(options.local)) return listFiltered(ctx, options, plan, formatter);
  const progress = { shown: 0, nextOffset: options.offset, total: undefined as number | undefined };
  try {
    const seen = new Set<string>();
    for await (const page of withSpinner(ctx.ui, 'Fetching invocations', pagesFor(ctx, options))) {
      progress.total = page.total;
      progress.nextOffset = page.offset + page.items.length;
      // New invocations arriving while paging shift older ones to later offsets: never print one twice.
      const fresh = page.items.filter((item) => !seen.has(item.InvocationId) && seen.add(item.InvocationId));
      await formatter.write(fresh);
      progress.shown += fresh.length;
    }
    await formatter.end();
  } catch (error) {
    throw progress.shown > 0 ? resumable(error, progress, ctx) : explainFilterError(error, options.filters);
  }
  summarise(ctx, options, progress.shown, progress.total);
}

async function* pagesFor(ctx: CommandContext, options: ListOptions): AsyncGenerator<FetchedPage<Invocation>> {
  const client = ctx.client();
  if (options.ids.length) {
    const found = await fetchByIds(client, options.ids);
    const end = options.limit === undefined ? undefined : options.offset + options.limit;
    yield { items: found.slice(options.offset, end), offset: options.offset, total: found.length };
    return;
  }
  yield* queryInvocations(client, options, { onFallback: (message) => ctx.debug(message) });
}

/** A page failed after earlier ones arrived: say what was printed and where to pick up. */
function resumable(error: unknown, progress: { shown: number; nextOffset: number; total?: number }, ctx: CommandContext): unknown {
  // Only a failed fetch can be resumed; a closed stdout or an undecodable record cannot.
  if (!(error instanceof ApiError || error instanceof TransportError)) return error;
  const streaming = ctx.streaming;
  const printed = streaming ? `${progress.shown} invocations were printed` : 'nothing was printed (the document would have been incomplete)';
  const resume = `resume with --offset ${progress.nextOffset}`;
  return error.withContext({ hint: `${progress.shown}${progress.total === undefined ? '' : ` of ${progress.total}`} invocations were fetched before the failure; ${printed}; ${resume}.` });
}

function summarise(ctx: CommandContext, options: ListOptions, shown: number, total: number | undefined): void {
  if (!ctx.ui.interactive || total === undefined) return;
  if (total === 0 || shown === 0) {
    ctx.ui.notice(options.offset > 0 && total > 0 ? `No invocations past offset ${options.offset} (${total} match).` : 'No invocations match.');
    return;
  }
  const from = options.offset + 1;
  const to = options.offset + shown;
  const more = to < total ? ` Use --offset ${to}, --limit N or --all for more.` : '';
  ctx.ui.notice(`Showing ${from === 1 ? shown : `${from}-${to}`} of ${total} invocations.${more}`);
}
