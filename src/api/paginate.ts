import { TransportError } from '../errors.js';
import { MAX_LIMIT } from './types.js';

/**
 * Offset paging that stays complete while the listing changes, and that no count or page size
 * from the server can mislead.
 *
 * - Each page after the first overlaps the previous one by one record (the cursor: the last
 *   record yielded). Finding it says where new records begin, so repeats are dropped with no
 *   memory of earlier pages beyond the last two, and records created meanwhile (which push older
 *   ones to later offsets) cost repeats, never losses.
 * - A page that does not contain the cursor is placed by the server's order: all of it before
 *   the cursor means the listing moved on (ask further); all after means records may have been
 *   skipped (step back); across it means the cursor itself is gone (carry on after its place).
 * - TotalCount is a hint only, re-read from every page: it never sizes a plan. A full page is
 *   always followed by another request; a page that brings nothing new and is short, or an empty
 *   page, ends the listing. Pages shorter than asked (a server-side cap) or longer are followed
 *   by offset, not by the size asked.
 * - Requests are pipelined (`concurrency` in flight, all paced by the client's rate limiter, or
 *   fewer when the consumer estimates it needs fewer: `ahead`); a page that does not line up
 *   discards the speculative ones and re-plans from what is known.
 * - Bounded: after `maxStalls` requests in a row that bring nothing new, paging stops with an
 *   IncompleteListingError saying where.
 */

export interface Page<T> {
  items: T[];
  total: number;
}

export type PageFetcher<T> = (offset: number, limit: number) => Promise<Page<T>>;

export interface PageRange {
  offset: number;
  /** How many items are wanted; `undefined` means every match. */
  limit?: number;
  pageSize?: number;
  /** Pages in flight at once after the first. */
  concurrency?: number;
  /**
   * How many pages past those read are worth asking for now, from the consumer's view (it filters
   * and may stop early: `--since`, `--limit` of filtered rows); at least the next one is always
   * asked for, and never more than `concurrency`. Absent: `concurrency`.
   */
  ahead?: () => number;
  /** Requests in a row that bring nothing new before paging gives up (default 10). */
  maxStalls?: number;
  /** Filled in while paging: the most keys remembered at once for dropping repeats (tests check it stays flat). */
  stats?: { keysHeld: number };
}

export interface PagingOrder<T> {
  /** A record's unique key (InvocationId, InvocationTaskId). */
  key(item: T): string;
  /** The server's listing order: negative when `a` is listed before `b` (see order.ts). */
  order(a: T, b: T): number;
}

export interface FetchedPage<T> {
  /** Records not yielded before, in server order. */
  items: T[];
  /** Offset of the first of them, as of this page. */
  offset: number;
  /** Where the listing continues after this page (a resume point for `--offset`). */
  nextOffset: number;
  /** The latest TotalCount the server gave (a hint: it may change or lie). */
  total: number;
  /** True when `total` only counts what was looked at (more exist; the instance-id fallback). */
  countIsLowerBound?: boolean;
}

/** Paging stopped before the end because the server's pages never lined up again. */
export class IncompleteListingError extends TransportError {
  constructor(
    message: string,
    /** Where the listing could not be continued from. */
    readonly offset: number,
  ) {
    super(
      message,
      false,
      'The server may be paging inconsistently; run the command again, or narrow it with --filter.',
    );
  }
}

const DEFAULT_MAX_STALLS = 10;

interface InFlight<T> {
  offset: number;
  limit: number;
  response: Promise<Page<T>>;
}

export async function* paginate<T>(
  fetchPage: PageFetcher<T>,
  range: PageRange,
  by: PagingOrder<T>,
): AsyncGenerator<FetchedPage<T>> {
  let remaining = range.limit ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  let cap = Math.max(1, Math.min(Math.floor(range.pageSize ?? MAX_LIMIT), MAX_LIMIT));
  const concurrency = Math.max(1, range.concurrency ?? 4);
  const maxStalls = range.maxStalls ?? DEFAULT_MAX_STALLS;

  let cursor: T | undefined;
  // Keys yielded with the last two pages: repeats inside a page or across the overlap.
  let previousKeys = new Set<string>();
  let currentKeys = new Set<string>();
  let expected = range.offset; // position, as of the latest page, right after the cursor
  let total = 0;
  let stalls = 0;
  let yielded = 0;
  // Whether the last page was as long as asked: only then are further pages asked for ahead of time.
  let lastFull = true;
  const overlap = (): number => (cap >= 2 ? 1 : 0);

  /** Turns one answer into the records it adds; updates where the listing continues. */
  function absorb(offset: number, asked: number, page: Page<T>): { fresh: T[]; ended: boolean; first: number } {
    total = page.total;
    const items = page.items;
    if (items.length === 0) return { fresh: [], ended: true, first: offset };
    const short = items.length < asked;
    lastFull = !short;
    let start = 0;
    if (cursor !== undefined) {
      const mark = cursor;
      const at = items.findIndex((item) => by.key(item) === by.key(mark));
      if (at >= 0) start = at + 1;
      else {
        const after = items.findIndex((item) => by.order(item, mark) > 0);
        if (after < 0) {
          // All listed before the cursor: the listing moved on by more than a page.
          expected = offset + items.length;
          stalls++;
          return { fresh: [], ended: short, first: offset };
        }
        // (Only when the page was asked to overlap: with a page cap of 1 there is no overlap to find.)
        if (after === 0 && offset > 0 && offset < expected) {
          // All after the cursor: records between may have been skipped. Step back a page.
          expected = Math.max(overlap(), offset - cap + 1 + overlap());
          stalls++;
          return { fresh: [], ended: false, first: offset };
        }
        start = after; // the cursor itself is gone: carry on from where it was
      }
    }
    const fresh: T[] = [];
    let last = start - 1;
    for (let index = start; index < items.length && fresh.length < remaining; index++) {
      const item = items[index]!;
      const key = by.key(item);
      last = index;
      if (previousKeys.has(key) || currentKeys.has(key)) continue;
      currentKeys.add(key);
      fresh.push(item);
      if (range.stats) range.stats.keysHeld = Math.max(range.stats.keysHeld, previousKeys.size + currentKeys.size);
    }
    expected = offset + last + 1;
    if (fresh.length === 0) stalls++;
    else {
      stalls = 0;
      cursor = fresh[fresh.length - 1];
    }
    remaining -= fresh.length;
    const ended = remaining <= 0 || (short && (fresh.length === 0 || offset + items.length >= total));
    // A short page that is not the end is the server's page cap: ask for that much from now on.
    if (short && !ended) cap = Math.max(1, items.length);
    return { fresh, ended, first: offset + start };
  }

  function nextPage(fresh: T[], first: number): FetchedPage<T> {
    if (fresh.length > 0) {
      previousKeys = currentKeys;
      currentKeys = new Set();
    }
    yielded += fresh.length;
    return { items: fresh, offset: first, nextOffset: expected, total };
  }

  const firstAsked = Math.min(cap, remaining);
  const firstPage = absorb(range.offset, firstAsked, await fetchPage(range.offset, firstAsked));
  yield nextPage(firstPage.fresh, firstPage.first);
  if (firstPage.ended) return;

  const window: Array<InFlight<T>> = [];
  const discard = (): void => void window.splice(0).forEach((page) => page.response.catch(() => undefined));
  const launch = (offset: number, limit: number): void => {
    const response = fetchPage(offset, limit);
    response.catch(() => undefined); // surfaced when its turn comes; never unhandled meanwhile
    window.push({ offset, limit, response });
  };
  try {
    for (;;) {
      if (stalls > maxStalls)
        throw new IncompleteListingError(
          `paging stopped at offset ${expected}: ${stalls} requests in a row brought nothing new (${yielded} fetched; the server counts ${total}), so what follows could not be fetched`,
          expected,
        );
      // Keep the speculative pages that still line up with what is known; re-plan the rest.
      const want = (): number => Math.min(cap, remaining + overlap());
      const head = window[0];
      if (head && (head.offset !== expected - overlap() || head.limit < want())) discard();
      let planned = window.reduce((sum, page) => sum + page.limit - overlap(), 0);
      const wanted = Math.max(1, Math.min(concurrency, Math.floor(range.ahead?.() ?? concurrency)));
      while (window.length < wanted && planned < remaining) {
        const tail = window[window.length - 1];
        const offset = tail ? tail.offset + tail.limit - overlap() : expected - overlap();
        // Speculate only after a full page and inside what the server last counted; the next page is always asked for.
        if (tail && (!lastFull || offset >= total)) break;
        const limit = tail ? Math.min(cap, remaining - planned + overlap()) : want();
        launch(offset, limit);
        planned += limit - overlap();
      }
      const page = window.shift()!;
      const result = absorb(page.offset, page.limit, await page.response);
      if (result.fresh.length > 0 || result.ended) yield nextPage(result.fresh, result.first);
      if (result.ended) return;
    }
  } finally {
    discard();
  }
}
