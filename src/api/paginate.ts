import { MAX_LIMIT } from './types.js';

/**
 * Offset paging. The first page is fetched alone to learn TotalCount; the rest are fetched
 * concurrently (the shared rate limiter keeps them under the account's limit) and yielded
 * strictly in server order, so a streaming formatter can write each page as it arrives while
 * memory stays bounded by the window.
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
}

export interface FetchedPage<T> {
  items: T[];
  /** Offset this page was asked for. */
  offset: number;
  total: number;
}

/** Plans the (offset, limit) of every page after the first, given the total. */
export function planPages(start: number, end: number, pageSize: number): Array<[number, number]> {
  const pages: Array<[number, number]> = [];
  for (let offset = start; offset < end; offset += pageSize) pages.push([offset, Math.min(pageSize, end - offset)]);
  return pages;
}

export async function* paginate<T>(fetchPage: PageFetcher<T>, range: PageRange): AsyncGenerator<FetchedPage<T>> {
  const pageSize = Math.min(range.pageSize ?? MAX_LIMIT, MAX_LIMIT);
  const concurrency = Math.max(1, range.concurrency ?? 4);
  const firstLimit = range.limit === undefined ? pageSize : Math.min(pageSize, range.limit);
  if (firstLimit <= 0) return;
  const first = await fetchPage(range.offset, firstLimit);
  yield { items: first.items, offset: range.offset, total: first.total };

  // A short first page means there is nothing after it, whatever TotalCount claims.
  if (first.items.length < firstLimit) return;
  const wantedEnd = range.limit === undefined ? first.total : Math.min(first.total, range.offset + range.limit);
  const plan = planPages(range.offset + firstLimit, wantedEnd, pageSize);

  const inFlight: Array<Promise<Page<T>>> = [];
  let next = 0;
  const launch = (): void => {
    const [offset, limit] = plan[next++]!;
    const request = fetchPage(offset, limit);
    request.catch(() => undefined); // surfaced when its turn comes; never unhandled meanwhile
    inFlight.push(request);
  };
  while (next < plan.length && inFlight.length < concurrency) launch();
  for (let index = 0; index < plan.length; index++) {
    const page = await inFlight.shift()!;
    if (next < plan.length) launch();
    yield { items: page.items, offset: plan[index]![0], total: page.total };
  }
}
