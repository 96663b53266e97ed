/** Flags of a paged `list` command (as listing-definition.ts declares them) parsed into ListingOptions, before any request. */
import { UsageError } from '../errors.js';
import { DEFAULT_LIMIT, type Filter } from '../api/types.js';
import { parseInteger } from '../values.js';
import { checkWindow, parseStatuses, parseTimeBound, type ClientFilterOptions } from './client-filters.js';
import { parseFilters } from './parse.js';

/** The raw flags every paged `list` command takes (invocations, tasks), as commander hands them over. */
export interface ListingFlags {
  id: string[];
  filter: string[];
  limit?: string;
  offset?: string;
  all?: boolean;
  /** Absent for records without a status (commands). */
  status?: string[];
  since?: string;
  until?: string;
  allRegions?: boolean;
  allowPartial?: boolean;
}

/** Validated options: every refusal happens while building this, before any request. */
export interface ListingOptions {
  ids: string[];
  filters: Filter[];
  offset: number;
  /** `undefined`: every match. */
  limit?: number;
  /** Applied by tat to what the server returns: `--status`, `--since`, `--until`. */
  local: ClientFilterOptions;
}

/** What differs between resources: how ids look, which statuses exist, what the API calls the ids. */
export interface ListingSpec {
  parseIds(values: readonly string[], flag: string): string[];
  statuses: readonly string[];
  /** The request parameter the ids go into (`InvocationIds`), for the --id/--filter refusal. */
  idsParameter: string;
  /** An id filter that can replace --id, e.g. `invocation-id=inv-...`. */
  idFilterExample: string;
}

export const MAX_LIST_LIMIT = 1_000_000;

/** --id or --filter, --all or --limit, at most 10 filters of 5 values, then tat's own filters. */
export function parseListingOptions(flags: ListingFlags, now: number, spec: ListingSpec): ListingOptions {
  const ids = spec.parseIds(flags.id, '--id');
  const filters = parseFilters(flags.filter);
  if (ids.length && filters.length)
    throw new UsageError(
      `--id and --filter cannot be used together (the API refuses ${spec.idsParameter} with Filters)`,
      `Use one or the other, e.g. --filter ${spec.idFilterExample} together with other filters.`,
    );
  if (flags.all && flags.limit !== undefined)
    throw new UsageError(
      '--all and --limit cannot be used together',
      'Drop --limit to fetch every match, or drop --all.',
    );
  const offset =
    flags.offset === undefined ? 0 : parseInteger(flags.offset, '--offset', { min: 0, max: Number.MAX_SAFE_INTEGER });
  let limit: number | undefined;
  if (flags.limit !== undefined) limit = parseInteger(flags.limit, '--limit', { min: 1, max: MAX_LIST_LIMIT });
  // With --id the ids say what is wanted; --limit still trims when given.
  else if (!flags.all && ids.length === 0) limit = DEFAULT_LIMIT;
  const local: ClientFilterOptions = { statuses: parseStatuses(flags.status ?? [], '--status', spec.statuses) };
  if (flags.since !== undefined) local.since = parseTimeBound(flags.since, '--since', now);
  if (flags.until !== undefined) local.until = parseTimeBound(flags.until, '--until', now);
  checkWindow(local);
  return { ids, filters, offset, limit, local };
}
