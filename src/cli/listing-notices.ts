import { ApiError, TransportError } from '../errors.js';
import type { CommandContext } from './context.js';
import { DEFAULT_LIMIT } from '../api/types.js';

/**
 * What `list` commands say around their rows (src/cli/listing.ts): how far the spinner got, how
 * to resume after a failed page, and how many were shown of how many.
 */

export interface ListProgress {
  shown: number;
  /** Where a later run can continue (`--offset`), as of the last page. */
  nextOffset: number;
  total?: number;
  countIsLowerBound?: boolean;
}

/** A page failed after earlier ones arrived: say what was printed and how to get the rest, right for the format. */
export function resumable(error: unknown, progress: ListProgress, streaming: boolean, plural: string): unknown {
  // Only a failed fetch can be resumed; a closed stdout or an undecodable record cannot.
  if (!(error instanceof ApiError || error instanceof TransportError)) return error;
  const fetched = `${progress.shown}${progress.total === undefined ? '' : ` of ${progress.total}`} ${plural} were fetched before the failure`;
  const hint = streaming
    ? `${fetched}; ${progress.shown} were printed; to get the rest, run the same command with --offset ${progress.nextOffset} (${plural} created meanwhile may repeat a few lines, none is skipped).`
    : // Nothing reached stdout, so an --offset would skip what was fetched: the whole run has to be repeated.
      `${fetched}; nothing was printed (the document would have been incomplete); run the same command again.`;
  return error.withContext({ hint });
}

/** "1,200 of 3,000" for the spinner of a long listing; nothing when the total is unknown. */
export function progressText(
  shown: number,
  options: { offset: number; limit?: number },
  total: number | undefined,
): string | undefined {
  if (total === undefined || !Number.isSafeInteger(total)) return undefined;
  const wanted = Math.max(0, Math.min(total - options.offset, options.limit ?? Infinity));
  if (shown >= wanted) return undefined;
  return `${shown.toLocaleString('en-US')} of ${wanted.toLocaleString('en-US')}`;
}

export function summarise(
  ctx: CommandContext,
  options: { offset: number; limit?: number },
  progress: ListProgress,
  plural: string,
  singular: string,
): void {
  const noun = (n: number | string): string => (String(n) === '1' ? singular : plural);
  const { shown, total } = progress;
  if (total === undefined) return;
  if (total === 0 || shown === 0) {
    ctx.terminal.footnote(
      options.offset > 0 && total > 0
        ? `No ${plural} past offset ${options.offset} (${total} match).`
        : `No ${plural} match.`,
    );
    return;
  }
  const from = options.offset + 1;
  const to = options.offset + shown;
  const range = from === 1 ? String(shown) : `${from}-${to}`;
  if (options.limit === undefined) {
    // --all (or --id): everything was fetched; a count that moved while paging is only reported.
    ctx.terminal.footnote(
      to === total
        ? `Showing ${range} of ${total} ${noun(total)}.`
        : `Showing ${range} ${plural} (the server's last count was ${total}).`,
    );
    return;
  }
  const of = progress.countIsLowerBound ? `at least ${total}` : String(total);
  const more = progress.countIsLowerBound || to < total ? ` Use --offset ${to}, --limit N or --all for more.` : '';
  ctx.terminal.footnote(`Showing ${range} of ${of} ${noun(of)}.${more}`);
}

/** After the merged path (tat filters or merges regions): how many rows, and from how many regions when several were asked. */
export function summariseMerged(
  ctx: CommandContext,
  options: { limit?: number },
  shown: number,
  regions: number | undefined,
  plural: string,
): void {
  const from = regions === undefined ? '' : ` from ${regions} regions`;
  const more = options.limit !== undefined && shown === options.limit ? '; --limit N or --all for more' : '';
  ctx.terminal.footnote(shown === 0 ? `No ${plural} match.` : `Showing ${shown} ${plural}${from}${more}.`);
}

/**
 * `--query` runs on the rows fetched, not on every match (the AWS CLI's runs on the whole
 * result): when more exist, say so on stderr in every mode, piped too, with the fix (`--all`).
 * `total` is the server's count when known (paged listings); merged ones only know a full page.
 */
export function queryScope(
  ctx: CommandContext,
  options: { offset: number; limit?: number },
  shown: number,
  plural: string,
  total?: number,
  countIsLowerBound?: boolean,
): void {
  if (ctx.flags.query === undefined || ctx.flags.quiet || options.limit === undefined) return;
  const more =
    total === undefined ? shown >= options.limit : Boolean(countIsLowerBound) || options.offset + shown < total;
  if (!more) return;
  const of = total === undefined ? '' : ` of ${countIsLowerBound ? 'at least ' : ''}${total.toLocaleString('en-US')}`;
  const why =
    options.limit === DEFAULT_LIMIT
      ? ` (a listing fetches ${DEFAULT_LIMIT} by default)`
      : ` (--limit ${options.limit})`;
  ctx.terminal.aside(
    `note: --query saw ${shown.toLocaleString('en-US')}${of} ${plural}${why}; add --all to query every one\n`,
  );
}
